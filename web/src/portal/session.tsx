import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { api, call, onUnauthenticated, setCsrfToken } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { ResponseOf } from '../api/types.ts';

export type PortalUser = ResponseOf<'/api/v1/portal/me'>;

interface PortalSession {
  /** undefined while checking; null when nobody is signed in. */
  user: PortalUser | null | undefined;
  /** Reloads who is signed in (after signing in by password or link). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const PortalSessionContext = createContext<PortalSession | null>(null);
const ME_KEY = ['portal', 'me'] as const;

/** Who is signed in to the portal, if anyone; guests use the portal too. */
export function PortalSessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        const user = await call(api.GET('/api/v1/portal/me'));
        setCsrfToken(user.csrfToken);
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        if (queryClient.getQueryData(ME_KEY)) queryClient.setQueryData(ME_KEY, null);
      }),
    [queryClient],
  );

  const value = useMemo<PortalSession>(
    () => ({
      user: me.isError ? null : me.data,
      refresh: async () => {
        await queryClient.invalidateQueries({ queryKey: ME_KEY });
        await queryClient.refetchQueries({ queryKey: ME_KEY });
      },
      signOut: async () => {
        try {
          await call(api.POST('/api/v1/portal/auth/logout'));
        } finally {
          setCsrfToken(null);
          queryClient.clear();
          queryClient.setQueryData(ME_KEY, null);
        }
      },
    }),
    [me.data, me.isError, queryClient],
  );
  return <PortalSessionContext.Provider value={value}>{children}</PortalSessionContext.Provider>;
}

/** The portal session. */
export function usePortalSession(): PortalSession {
  const value = useContext(PortalSessionContext);
  if (!value) throw new Error('usePortalSession needs a PortalSessionProvider');
  return value;
}
