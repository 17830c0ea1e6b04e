import { createRootRoute, createRoute, createRouter, Link, lazyRouteComponent } from '@tanstack/react-router';
import { PortalLayout } from './layout.tsx';
import { HomePage } from './pages/home.tsx';

const rootRoute = createRootRoute({
  component: PortalLayout,
  notFoundComponent: () => (
    <div>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm">
        <Link to="/" className="text-blue-800 underline">
          Back to the help desk
        </Link>
      </p>
    </div>
  ),
});

const redirectSearch = (search: Record<string, unknown>): { redirect?: string } =>
  typeof search.redirect === 'string' && search.redirect.startsWith('/') && !search.redirect.startsWith('//')
    ? { redirect: search.redirect }
    : {};

export const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
export const openRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'open',
  component: lazyRouteComponent(() => import('./pages/open-ticket.tsx'), 'OpenTicketPage'),
});
export const checkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'check',
  component: lazyRouteComponent(() => import('./pages/sign-in.tsx'), 'CheckTicketPage'),
});
export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'signin',
  validateSearch: redirectSearch,
  component: lazyRouteComponent(() => import('./pages/sign-in.tsx'), 'SignInPage'),
});
export const linkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal/signin/$token',
  component: lazyRouteComponent(() => import('./pages/sign-in-link.tsx'), 'SignInLinkPage'),
});
export const myTicketsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'tickets',
  component: lazyRouteComponent(() => import('./pages/my-tickets.tsx'), 'MyTicketsPage'),
});
export const portalTicketRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'tickets/$number',
  component: lazyRouteComponent(() => import('./pages/ticket.tsx'), 'PortalTicketPage'),
});
export const confirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'confirm/$token',
  validateSearch: (search: Record<string, unknown>): { action?: 'reopen' | 'confirm' } =>
    search.action === 'reopen' || search.action === 'confirm' ? { action: search.action } : {},
  component: lazyRouteComponent(() => import('./pages/confirm.tsx'), 'ConfirmPage'),
});
export const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('./pages/account.tsx'), 'AccountPage'),
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  openRoute,
  checkRoute,
  signInRoute,
  linkRoute,
  myTicketsRoute,
  portalTicketRoute,
  confirmRoute,
  accountRoute,
]);

/** The customer portal's router, at the site's root. */
export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
