import { useId, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import { importCustomers, IMPORT_MAX_BYTES, type ImportReport, type ImportRowError } from '../../api/transfer';
import { Banner, Spinner } from '../../components/States';
import { DialogShell } from '../customers/DialogShell';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bad cells shown in the table; the rest are counted. */
const SHOWN_ERRORS = 200;

type Translate = ReturnType<typeof useTranslation>['t'];

/** The label the form uses for a field (`tags[2]` → Etiquetas), or the field's own name. */
export function fieldLabel(field: string, t: Translate): string {
  const base = field.replace(/\[\d+\]$/, '');
  if (!base) return t('transfer.fields.row');
  return t(`transfer.fields.${base}`, { defaultValue: t(`customer.fields.${base}`, { defaultValue: base }) });
}

/** A bad cell's problem in the UI's language, or the server's text for codes it does not know. */
export function errorText(error: ImportRowError, t: Translate): string {
  return t(`transfer.codes.${error.code}`, { defaultValue: error.message });
}

/** "2 nuevos, 1 actualizado, 4 sin cambios": what an import did or would do. */
export function summaryText(report: Pick<ImportReport, 'created' | 'updated' | 'unchanged'>, t: Translate): string {
  return [
    t('transfer.counts.created', { count: report.created }),
    t('transfer.counts.updated', { count: report.updated }),
    t('transfer.counts.unchanged', { count: report.unchanged }),
  ].join(', ');
}

function failureText(error: unknown, t: Translate): string {
  if (isApiError(error)) {
    if (error.code === 'unreadable_file') return t('transfer.failed.unreadable');
    if (error.code === 'too_many') return t('transfer.failed.tooMany');
    if (error.code === 'payload_too_large') return t('transfer.failed.tooLarge');
    if (error.fieldErrors.some((f) => f.field === 'header')) return t('transfer.failed.header');
  }
  return errorMessage(error, t);
}

/**
 * Imports customers from a CSV or .xlsx file: choosing the file runs a dry run, which shows
 * what would be created and updated and every bad row; the import button stays disabled until
 * the file has no errors. Nothing is written before the person confirms, and a refused import
 * writes nothing either.
 */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (report: ImportReport) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const check = useMutation({ mutationFn: (chosen: File) => importCustomers(chosen, true), onSuccess: setReport });
  const run = useMutation({
    mutationFn: (chosen: File) => importCustomers(chosen, false),
    onSuccess: (result) => (result.error_count > 0 ? setReport(result) : onImported(result)),
  });
  const busy = check.isPending || run.isPending;
  const failure = check.error ?? run.error;
  const hasErrors = !!report && report.error_count > 0;
  const changes = report ? report.created + report.updated : 0;

  function choose(chosen: File | undefined) {
    setReport(null);
    check.reset();
    run.reset();
    setTooLarge(false);
    setFile(chosen ?? null);
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setTooLarge(true);
      return;
    }
    check.mutate(chosen);
  }

  return (
    <DialogShell
      title={t('transfer.import.title')}
      icon="inbox"
      tone="neutral"
      busy={busy}
      onClose={onClose}
      testId="import-dialog"
      initialFocus={inputRef}
      actions={
        <>
          <button type="button" className="btn btn--secondary" onClick={onClose} disabled={busy}>
            {t('transfer.import.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => file && run.mutate(file)}
            disabled={!file || !report || hasErrors || busy || changes === 0}
            data-testid="import-run"
          >
            {run.isPending
              ? t('transfer.import.running')
              : hasErrors || changes === 0
                ? t('transfer.import.runNothing')
                : t('transfer.import.run', { count: changes })}
          </button>
        </>
      }
    >
      <p id={hintId}>{t('transfer.import.hint')}</p>
      <div className="transfer-file">
        {/* The native input stays in the tab order, hidden behind a button-like label in the
            UI's language (the browser's own "Choose File" is in the browser's language). */}
        <label className={`btn btn--secondary transfer-file__button${busy ? ' transfer-file__button--busy' : ''}`}>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept={ACCEPT}
            className="visually-hidden"
            aria-describedby={hintId}
            disabled={busy}
            onChange={(e) => {
              choose(e.target.files?.[0]);
              // Choosing the same file again (after fixing it) must run the check again.
              e.target.value = '';
            }}
            data-testid="import-file"
          />
          {file ? t('transfer.import.chooseAnother') : t('transfer.import.choose')}
        </label>
        <span className="transfer-file__name muted" data-testid="import-file-name">
          {file ? file.name : t('transfer.import.noFile')}
        </span>
      </div>

      {check.isPending ? <Spinner label={t('transfer.import.checking')} /> : null}
      {run.isPending ? <Spinner label={t('transfer.import.running')} /> : null}
      {tooLarge ? <Banner tone="critical" title={t('transfer.failed.tooLarge')} /> : null}
      {failure ? <Banner tone="critical" title={failureText(failure, t)} /> : null}

      {report && !busy ? (
        <div className="transfer-report" data-testid="import-report">
          <p className="transfer-report__summary" data-testid="import-summary">
            {summaryText(report, t)}
          </p>
          {hasErrors ? (
            <>
              <Banner tone="critical" title={t('transfer.import.hasErrors', { count: report.error_count })}>
                {t('transfer.import.fixAndRetry')}
              </Banner>
              <div className="transfer-errors" tabIndex={0} aria-label={t('transfer.errors.caption')}>
                <table className="transfer-errors__table" data-testid="import-errors">
                  <caption className="visually-hidden">{t('transfer.errors.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('transfer.errors.row')}</th>
                      <th scope="col">{t('transfer.errors.field')}</th>
                      <th scope="col">{t('transfer.errors.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.slice(0, SHOWN_ERRORS).map((error, i) => (
                      <tr key={`${error.row}-${error.field}-${i}`}>
                        <td className="transfer-errors__row">{error.row}</td>
                        <td>{fieldLabel(error.field, t)}</td>
                        <td>{errorText(error, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {report.error_count > SHOWN_ERRORS ? (
                <p className="muted">{t('transfer.errors.more', { count: report.error_count - SHOWN_ERRORS })}</p>
              ) : null}
            </>
          ) : changes === 0 ? (
            <p className="muted">{t('transfer.import.nothing')}</p>
          ) : null}
          {report.warnings.length > 0 ? (
            <div className="transfer-warnings" data-testid="import-warnings">
              <p className="transfer-warnings__title">{t('transfer.warnings.title')}</p>
              <ul>
                {report.warnings.map((w) => (
                  <li key={w.column}>
                    <strong>{w.header}</strong> ({t('transfer.warnings.column', { column: w.column })}):{' '}
                    {t(`transfer.warnings.${w.code}`)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </DialogShell>
  );
}
