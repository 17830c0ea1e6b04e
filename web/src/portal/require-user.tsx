import { Navigate, useRouterState } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { Loading } from '../ui/states.tsx';
import { type PortalUser, usePortalSession } from './session.tsx';

/** Shows `children` to a signed-in requester; sends anyone else to sign in and back. */
export function RequireUser({ children }: { children: (user: PortalUser) => ReactNode }) {
  const { user } = usePortalSession();
  const location = useRouterState({ select: (state) => state.location });
  // Remembered once: the location reaches /signin a moment before this unmounts (see the console's gate).
  const [cameFrom] = useState(location.href);
  if (user === undefined) return <Loading />;
  if (user === null) {
    if (location.pathname === '/signin') return null;
    return <Navigate to="/signin" search={{ redirect: cameFrom }} replace />;
  }
  return <>{children(user)}</>;
}
