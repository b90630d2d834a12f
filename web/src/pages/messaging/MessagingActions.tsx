// The ways to write to a customer, on its page and on its card in the list: *Enviar correo*,
// the green WhatsApp icon (open a chat) and the blue one (send a template), each with its dialog
// and a toast when something was queued.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageBatch } from '../../api/messaging';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth';
import { Icon } from '../../components/Icon';
import { Banner } from '../../components/States';
import { EmailComposerDialog } from './EmailComposerDialog';
import { useAllContacts, useStoreSettings } from './useMessagingData';
import { phoneOptions, WhatsAppChatDialog, WhatsAppNotConfiguredDialog, WhatsAppSendDialog } from './WhatsAppDialogs';
import '../customers/deletion.css';
import './messaging.css';

type Dialog = 'email' | 'chat' | 'send' | 'not-configured' | null;

/** "Correo en cola para 2 destinatarios." */
export function sentText(batch: MessageBatch, t: (k: string, o?: Record<string, unknown>) => string): string {
  const count = batch.messages.length || batch.to.length || 1;
  return batch.channel === 'whatsapp'
    ? t('messaging.sent.whatsapp', { to: batch.to[0] ?? '' })
    : t('messaging.sent.email', { count });
}

export function MessagingActions({
  customer,
  variant = 'page',
  composeRequest = 0,
}: {
  customer: Customer;
  variant?: 'page' | 'card';
  /** Changing it opens the composer (another part of the page asks for it). */
  composeRequest?: number;
}) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);
  // On the page the contacts' numbers count too; a card knows only the customer's.
  const contactsQuery = useAllContacts(customer.id, variant === 'page' || dialog === 'chat' || dialog === 'send');
  const contacts = contactsQuery.data ?? [];
  const settings = useStoreSettings(dialog === 'send' || variant === 'page');
  const hasPhone = phoneOptions(customer, variant === 'page' ? contacts : []).length > 0;
  const name = customer.name;

  // Another part of the page asks for the email composer by counting up `composeRequest`.
  const [handledRequest, setHandledRequest] = useState(0);
  if (canWrite && composeRequest !== handledRequest) {
    setHandledRequest(composeRequest);
    if (composeRequest > 0) setDialog('email');
  }

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  function sent(batch: MessageBatch) {
    setDialog(null);
    setNotice({ tone: 'success', text: sentText(batch, t) });
  }

  async function openSend() {
    setNotice(null);
    const s = settings.data ?? (await settings.refetch()).data;
    setDialog(s && s.whatsapp_configured === false ? 'not-configured' : 'send');
  }

  const card = variant === 'card';
  const emailLabel = t('messaging.actions.emailLabel', { name });
  const chatLabel = t('messaging.actions.chatLabel', { name });
  const sendLabel = t('messaging.actions.sendLabel', { name });

  return (
    <>
      <div className={`msg-actions msg-actions--${variant}`} data-testid="messaging-actions">
        {canWrite ? (
          card ? (
            <button type="button" className="icon-btn msg-action msg-action--mail" onClick={() => setDialog('email')} aria-label={emailLabel} title={emailLabel} data-testid="action-email">
              <Icon name="mail" size={18} />
            </button>
          ) : (
            <button type="button" className="btn btn--secondary" onClick={() => setDialog('email')} title={emailLabel} data-testid="action-email">
              <Icon name="mail" size={16} />
              {t('messaging.composer.open')}
            </button>
          )
        ) : null}
        {hasPhone ? (
          <>
            <button
              type="button"
              className={`${card ? 'icon-btn' : 'btn btn--secondary btn--icon'} msg-action wa-btn wa-btn--chat`}
              onClick={() => {
                setNotice(null);
                setDialog('chat');
              }}
              aria-label={chatLabel}
              title={chatLabel}
              data-testid="whatsapp-chat"
            >
              <Icon name="whatsapp" size={18} />
            </button>
            {canWrite ? (
              <button
                type="button"
                className={`${card ? 'icon-btn' : 'btn btn--secondary btn--icon'} msg-action wa-btn wa-btn--send`}
                onClick={() => void openSend()}
                aria-label={sendLabel}
                title={sendLabel}
                data-testid="whatsapp-send"
              >
                <Icon name="whatsapp" size={18} />
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {notice ? (
        <div className="customer-actions__notice" role="status" data-testid="messaging-notice">
          <Banner tone={notice.tone} title={notice.text} />
        </div>
      ) : null}

      {dialog === 'email' ? <EmailComposerDialog customer={customer} onClose={() => setDialog(null)} onSent={sent} /> : null}
      {dialog === 'chat' ? (
        contactsQuery.isPending ? null : <WhatsAppChatDialog customer={customer} contacts={contacts} canUseTemplates={canWrite} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'send' ? (
        contactsQuery.isPending ? null : (
          <WhatsAppSendDialog
            customer={customer}
            contacts={contacts}
            onClose={() => setDialog(null)}
            onSent={sent}
            onNotConfigured={() => setDialog('not-configured')}
          />
        )
      ) : null}
      {dialog === 'not-configured' ? <WhatsAppNotConfiguredDialog onClose={() => setDialog(null)} /> : null}
    </>
  );
}
