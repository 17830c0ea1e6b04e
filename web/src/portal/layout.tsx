import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { usePortalSession } from './session.tsx';

/** The portal's frame: a simple header, the page, a footer; readable on a phone. */
export function PortalLayout() {
  const { user, signOut } = usePortalSession();
  const navigate = useNavigate();
  const linkClass = 'rounded px-2 py-1 text-sm text-slate-800 hover:bg-slate-100';
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 text-sm focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-2 px-4 py-3">
          <Link to="/" className="mr-auto text-lg font-semibold text-blue-900">
            Help desk
          </Link>
          <nav aria-label="Portal" className="flex flex-wrap items-center gap-1">
            <Link
              to="/open"
              className={linkClass}
              activeProps={{ 'aria-current': 'page', className: 'font-semibold' }}
            >
              Open a ticket
            </Link>
            {user ? (
              <>
                <Link
                  to="/tickets"
                  className={linkClass}
                  activeProps={{ 'aria-current': 'page', className: 'font-semibold' }}
                >
                  My tickets
                </Link>
                <Link to="/account" className={linkClass}>
                  {user.name}
                </Link>
                <button
                  type="button"
                  className={linkClass}
                  onClick={() => {
                    signOut()
                      .catch((error: unknown) => console.warn('sign-out failed', error))
                      .finally(() => void navigate({ to: '/' }));
                  }}
                >
                  Sign out
                </button>
              </>
            ) : user === null ? (
              <Link to="/signin" className={linkClass}>
                Sign in
              </Link>
            ) : null}
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-6" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600">
        Powered by Tessera
      </footer>
    </div>
  );
}
