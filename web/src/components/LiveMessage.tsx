import { Icon } from './Icon';
import { Banner } from './States';

export type MessageTone = 'critical' | 'warning' | 'info' | 'success';

/**
 * The outcome of the last action of a panel or page, announced in a live region: a banner
 * (`data-testid={testId}`, `data-tone`) with, when `onDismiss` is given, a close button.
 */
export function LiveMessage({
  message,
  testId,
  className,
  itemClassName,
  onDismiss,
  dismissLabel,
  dismissClassName = 'icon-btn',
}: {
  message: { tone: MessageTone; text: string } | null;
  testId: string;
  className?: string;
  itemClassName?: string;
  onDismiss?: () => void;
  dismissLabel?: string;
  dismissClassName?: string;
}) {
  return (
    <div aria-live="polite" className={className}>
      {message ? (
        <div data-testid={testId} data-tone={message.tone} className={itemClassName}>
          <Banner
            tone={message.tone}
            title={message.text}
            action={
              onDismiss ? (
                <button type="button" className={dismissClassName} onClick={onDismiss} aria-label={dismissLabel}>
                  <Icon name="close" size={16} />
                </button>
              ) : undefined
            }
          />
        </div>
      ) : null}
    </div>
  );
}
