// The signed-in contact of the portal: its own session (never the staff one), the language it
// prefers, and the guard for pages that need a contact.
import { createContext, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../api/errors';
import {
  fetchPortalMe,
  fetchPortalStore,
  portalKeys,
  portalLogout,
  type PortalMe,
  type PortalPermission,
  type PortalSession,
} from '../api/portal';
import { ErrorState, Spinner } from '../components/States';
import { LANGUAGES, setLanguage, type UiLanguage } from '../i18n';

export function usePortalMe() {
  return useQuery({
    queryKey: portalKeys.me(),
    queryFn: fetchPortalMe,
    retry: (count, e) => !(isApiError(e) && e.status < 500) && count < 2,
    // Several components watch this query; one "not signed in" answer is enough for all of
    // them (a new watcher must not ask again, or layout and page would take turns forever).
    retryOnMount: false,
    staleTime: 5 * 60_000,
  });
}

/** The store's name and rules, for anyone (the header, sign-in and registration). */
export function usePortalStore() {
  return useQuery({ queryKey: portalKeys.store(), queryFn: fetchPortalStore, staleTime: 10 * 60_000 });
}

/** The letter of the store's mark: the first of its name ("C" before it is known). */
export function storeMark(name: string | undefined): string {
  return (name ?? '').trim().charAt(0).toUpperCase() || 'C';
}

/** The contact's language, else its customer's, when the UI has it. */
export function preferredLanguage(me: Pick<PortalMe, 'contact' | 'customer'>): UiLanguage | null {
  for (const candidate of [me.contact.language, me.customer.language]) {
    const base = candidate?.slice(0, 2);
    if (base && (LANGUAGES as readonly string[]).includes(base)) return base as UiLanguage;
  }
  return null;
}

/** After a sign-in: remember the contact and switch to its language. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return async (session: PortalSession | PortalMe) => {
    const me: PortalMe = { contact: session.contact, customer: session.customer };
    // Another contact may have used this browser: drop everything of the previous session.
    queryClient.removeQueries({ queryKey: portalKeys.all });
    queryClient.setQueryData(portalKeys.me(), me);
    const language = preferredLanguage(me);
    if (language) await setLanguage(language);
  };
}

/** Only same-portal paths may be a post-login target (no open redirects). */
export function safePortalNext(next: string | null): string {
  if (!next || !next.startsWith('/portal/') || next.startsWith('//') || /^\/portal\/(login|register|forgot|reset|invitation)/.test(next)) {
    return '/portal/catalog';
  }
  return next;
}

const ContactContext = createContext<PortalMe | null>(null);

/** The signed-in contact and its customer (inside RequirePortalContact). */
export function usePortalContact(): PortalMe {
  const me = useContext(ContactContext);
  if (!me) throw new Error('usePortalContact outside RequirePortalContact');
  return me;
}

export function hasPermission(me: PortalMe | null | undefined, permission: PortalPermission): boolean {
  return !!me && me.contact.permissions.includes(permission);
}

/** Renders its pages only for a signed-in contact; otherwise goes to the portal's sign-in. */
export function RequirePortalContact() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = usePortalMe();
  if (me.isPending) return <Spinner />;
  if (me.isError) {
    if (isApiError(me.error) && (me.error.status === 401 || me.error.status === 403)) {
      const next = location.pathname + location.search;
      return <Navigate to={`/portal/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <div className="page page--narrow">
        <ErrorState message={errorMessage(me.error, t)} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </div>
    );
  }
  return (
    <ContactContext.Provider value={me.data}>
      <Outlet />
    </ContactContext.Provider>
  );
}

export function usePortalSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await portalLogout();
    } catch {
      // Even if the server call fails, leave the portal signed out locally.
    }
    queryClient.removeQueries({ queryKey: portalKeys.all });
    navigate('/portal/login', { replace: true });
  };
}
