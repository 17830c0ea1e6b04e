import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { api, call, onUnauthenticated, setCsrfToken } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { Me } from '../api/types.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; hasExpired: boolean }
  | { status: 'signedIn'; me: Me };

async function loadMe(): Promise<Me> {
  const me = await call(api.GET('/api/v1/auth/me'));
  setCsrfToken(me.csrfToken ?? null);
  return me;
}

/**
 * The session lives outside React so that the router can consult it before it renders a screen (a
 * redirect from inside a rendering route would race the router's own navigation).
 */
function createSessionStore() {
  let state: SessionState = { status: 'loading' };
  const listeners = new Set<() => void>();
  const set = (next: SessionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const checked = loadMe().then(
    (me) => set({ status: 'signedIn', me }),
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 401) console.warn('session check failed', error);
      set({ status: 'signedOut', hasExpired: false });
    },
  );
  onUnauthenticated(() => {
    setCsrfToken(null);
    if (state.status === 'signedIn') set({ status: 'signedOut', hasExpired: true });
  });
  return {
    get: () => state,
    set,
    /** Resolves once the first session check is done. */
    checked: () => checked,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export const sessionStore = createSessionStore();

interface SessionValue {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Gives screens the session; `onChange` runs whenever it changes (the router re-checks its gates). */
export function SessionProvider({ children, onChange }: { children: ReactNode; onChange: () => void }) {
  const queryClient = useQueryClient();
  const state = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);

  useEffect(() => sessionStore.subscribe(onChange), [onChange]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
      queryClient.clear();
      sessionStore.set({ status: 'signedIn', me: await loadMe() });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      sessionStore.set({ status: 'signedOut', hasExpired: false });
    }
  }, [queryClient]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session: state, sign-in and sign-out. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** The signed-in agent; only for screens behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe needs a signed-in agent');
  return state.me;
}

/** Whether the signed-in agent holds `permission` in `departmentId` (administrators hold all). */
export function hasPermission(me: Me, permission: string, departmentId: number): boolean {
  if (me.isAdmin) return true;
  return me.departments.some(
    (department) =>
      department.id === departmentId && (department.permissions as string[]).includes(permission),
  );
}
