import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../ui/button.tsx';
import { Menu } from '../../ui/menu.tsx';
import { useLiveEvents } from '../live/live-events.ts';
import { useMe, useSession } from '../session.tsx';
import { ShortcutsDialog, useGlobalShortcuts } from './shortcuts.tsx';
import { Sidebar } from './sidebar.tsx';

/** The console's frame: top bar, queue sidebar, and the current screen. */
export function AppShell() {
  const me = useMe();
  const { signOut } = useSession();
  const [isNavOpen, setNavOpen] = useState(false);
  const shortcuts = useGlobalShortcuts();
  const live = useLiveEvents();
  const navigate = useNavigate();

  return (
    <div className="flex h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 text-sm focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="flex h-12 shrink-0 items-center gap-3 bg-slate-900 px-3 text-white">
        <Button
          variant="ghost"
          className="text-white hover:bg-slate-700 lg:hidden"
          aria-label="Show queues"
          aria-expanded={isNavOpen}
          onClick={() => setNavOpen((open) => !open)}
        >
          ☰
        </Button>
        <Link to="/tickets" className="font-semibold tracking-tight">
          Tessera
        </Link>
        <span
          className={live.isConnected ? 'text-xs text-green-300' : 'text-xs text-amber-300'}
          title={live.isConnected ? 'Live updates are on' : 'Live updates are reconnecting'}
        >
          {live.isConnected ? '● live' : '○ offline'}
        </span>
        <div className="ml-auto flex items-center gap-2">
          <Link
            to="/tickets/new"
            className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-500"
          >
            New ticket
          </Link>
          <Button
            variant="ghost"
            className="text-white hover:bg-slate-700"
            aria-label="Keyboard shortcuts"
            onClick={() => shortcuts.setOpen(true)}
          >
            ?
          </Button>
          <Menu
            label={me.email}
            trigger={
              <button type="button" className="rounded-md px-2 py-1 text-sm hover:bg-slate-700">
                {me.name} <span aria-hidden="true">▾</span>
              </button>
            }
            items={[
              { label: 'Your API tokens', onSelect: () => void navigate({ to: '/account' }) },
              {
                label: 'Sign out',
                onSelect: () => {
                  signOut().catch((error: unknown) => console.warn('sign-out failed', error));
                },
              },
            ]}
          />
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <Sidebar isOpen={isNavOpen} onNavigate={() => setNavOpen(false)} />
        <main id="main" className="min-w-0 flex-1 overflow-y-auto bg-white" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <ShortcutsDialog open={shortcuts.isOpen} onOpenChange={shortcuts.setOpen} />
    </div>
  );
}
