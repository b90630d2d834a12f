import type { RefObject } from 'react';
import { Banner } from './States';

/**
 * The banners above an edit form (useResourceForm): `before` (e.g. a flash), the conflict of a
 * stale version with its "reload" button, `children`, and the form-level error with the errors
 * of fields the form does not show. Focusable, so a failed save can move the focus here.
 */
export function FormBanners({
  form,
  bannerRef,
  conflict,
  before,
  children,
}: {
  form: { conflict: boolean; formError: string | null; otherErrors: string[] };
  bannerRef: RefObject<HTMLDivElement | null>;
  conflict: { title: string; text: string; reload: string; onReload: () => void };
  before?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div ref={bannerRef} tabIndex={-1} className="banner-slot">
      {before}
      {form.conflict ? (
        <Banner
          tone="warning"
          title={conflict.title}
          action={
            <button type="button" className="btn btn--secondary" onClick={conflict.onReload} data-testid="reload-latest">
              {conflict.reload}
            </button>
          }
        >
          {conflict.text}
        </Banner>
      ) : null}
      {children}
      {form.formError ? (
        <Banner tone="critical" title={form.formError}>
          {form.otherErrors.length ? (
            <ul>
              {form.otherErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </Banner>
      ) : null}
    </div>
  );
}
