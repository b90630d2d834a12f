import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { customerKeys } from '../../api/customers';
import { tagKeys } from '../../api/tags';
import { exportUrl, type ImportReport } from '../../api/transfer';
import { useCanWrite } from '../../auth';
import { ActionMenu } from '../../components/ActionMenu';
import { Icon } from '../../components/Icon';
import { Banner } from '../../components/States';
import { ImportDialog, summaryText } from './ImportDialog';
import './transfer.css';

/**
 * The customers list's *Acciones* menu: the list as filtered now (the page's URL) as Excel or
 * CSV, downloaded by a plain link with the session cookie, and *Importar clientes…* for staff
 * who may write.
 */
export function CustomerActionsMenu() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [done, setDone] = useState<ImportReport | null>(null);

  useEffect(() => {
    if (!done) return;
    const id = setTimeout(() => setDone(null), 10_000);
    return () => clearTimeout(id);
  }, [done]);

  function onImported(report: ImportReport) {
    setImporting(false);
    setDone(report);
    void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    void queryClient.invalidateQueries({ queryKey: tagKeys.all });
  }

  return (
    <>
      <ActionMenu label={t('transfer.menu.label')} testId="transfer-actions">
        {(close) => (
          <>
            <p className="transfer-menu__heading" aria-hidden="true">
              {t('transfer.menu.download')}
            </p>
            <a
              role="menuitem"
              tabIndex={-1}
              className="action-menu__item"
              href={exportUrl('xlsx', params)}
              download
              onClick={close}
              data-testid="export-xlsx"
            >
              <Icon name="layers" size={16} />
              {t('transfer.menu.xlsx')}
            </a>
            <a
              role="menuitem"
              tabIndex={-1}
              className="action-menu__item"
              href={exportUrl('csv', params)}
              download
              onClick={close}
              data-testid="export-csv"
            >
              <Icon name="note" size={16} />
              {t('transfer.menu.csv')}
            </a>
            {canWrite ? (
              <>
                <hr className="transfer-menu__separator" />
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="action-menu__item"
                  onClick={() => {
                    close();
                    setDone(null);
                    setImporting(true);
                  }}
                  data-testid="import-open"
                >
                  <Icon name="inbox" size={16} />
                  {t('transfer.menu.import')}
                </button>
              </>
            ) : null}
          </>
        )}
      </ActionMenu>
      {importing ? <ImportDialog onClose={() => setImporting(false)} onImported={onImported} /> : null}
      {done ? (
        <div className="transfer-notice" role="status" data-testid="import-done">
          <Banner
            tone="success"
            title={t('transfer.done.title')}
            action={
              <button type="button" className="btn btn--plain" onClick={() => setDone(null)} aria-label={t('transfer.done.close')}>
                <Icon name="close" size={16} />
              </button>
            }
          >
            {summaryText(done, t)}
          </Banner>
        </div>
      ) : null}
    </>
  );
}
