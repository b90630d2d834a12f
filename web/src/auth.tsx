import { createContext, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { fetchMe, logout } from './api/auth';
import { errorMessage, isApiError } from './api/errors';
import type { StaffUser } from './api/types';
import { LOGIN_PATH } from './api/client';
import { ErrorState, Spinner } from './components/States';

export const meKey = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    retry: (count, e) => !(isApiError(e) && e.status === 401) && count < 2,
    staleTime: 5 * 60_000,
  });
}

const UserContext = createContext<StaffUser | null>(null);

/** The signed-in staff user (inside RequireAuth). */
export function useUser(): StaffUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside RequireAuth');
  return user;
}

/** Whether the signed-in user may change data (viewers are read-only). */
export function useCanWrite(): boolean {
  return useUser().role !== 'viewer';
}

/** Renders its routes only for a signed-in user; otherwise goes to the sign-in page. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Spinner />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={`${LOGIN_PATH}?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <div className="page page--narrow">
        <ErrorState
          message={errorMessage(me.error, t)}
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      </div>
    );
  }
  return (
    <UserContext.Provider value={me.data}>
      <Outlet />
    </UserContext.Provider>
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await logout();
    } catch {
      // Even if the server call fails, leave the app signed out locally.
    }
    queryClient.clear();
    navigate(LOGIN_PATH, { replace: true });
  };
}
