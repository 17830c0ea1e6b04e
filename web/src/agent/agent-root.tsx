import { Link, Outlet, redirect } from '@tanstack/react-router';
import { sessionStore, useSession } from './session.tsx';

/** The console's root: the screen, or nothing while the first session check runs. */
export function AgentRoot() {
  const { state } = useSession();
  if (state.status === 'loading') return null;
  return <Outlet />;
}

/**
 * The gate in front of every signed-in screen, run by the router before it shows one: a signed-out agent
 * goes to sign-in with the page to come back to, and so does one whose session ended mid-work.
 */
export async function requireSignedIn({ location }: { location: { href: string } }): Promise<void> {
  await sessionStore.checked();
  const state = sessionStore.get();
  if (state.status === 'signedIn') return;
  const expired = state.status === 'signedOut' && state.hasExpired;
  throw redirect({
    to: '/signin',
    search: { redirect: location.href, ...(expired ? { expired: true } : {}) },
    replace: true,
  });
}

/** What an unknown console address shows. */
export function NotFound() {
  return (
    <main className="p-8">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-700">
        There is nothing at this address.{' '}
        <Link to="/tickets" className="text-blue-700 underline">
          Go to the tickets
        </Link>
      </p>
    </main>
  );
}
