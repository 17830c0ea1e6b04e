import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Navigate,
} from '@tanstack/react-router';
import { AgentRoot, NotFound, requireSignedIn } from './agent-root.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { SignInPage } from './sign-in.tsx';
import { parseListSearch } from './tickets/list-search.ts';
import { TicketListPage } from './tickets/ticket-list.tsx';

export const rootRoute = createRootRoute({ component: AgentRoot, notFoundComponent: NotFound });

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'signin',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; expired?: boolean } => ({
    ...(typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
    ...(search.expired === true || search.expired === 'true' ? { expired: true } : {}),
  }),
  component: SignInPage,
});

export const acceptInviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invite/$token',
  component: lazyRouteComponent(() => import('./accept-invite.tsx'), 'AcceptInvitePage'),
});

const shellRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'shell',
  beforeLoad: requireSignedIn,
  component: AppShell,
});

const homeRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/',
  component: () => <Navigate to="/tickets" replace />,
});

export const ticketsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'tickets',
  validateSearch: parseListSearch,
  component: TicketListPage,
});

export const newTicketRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'tickets/new',
  component: lazyRouteComponent(() => import('./tickets/new-ticket.tsx'), 'NewTicketPage'),
});

export const ticketRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'tickets/$number',
  component: lazyRouteComponent(() => import('./ticket/ticket-view.tsx'), 'TicketViewPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('./admin/tokens.tsx'), 'AccountPage'),
});

const adminRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'admin',
  component: lazyRouteComponent(() => import('./admin/admin-layout.tsx'), 'AdminLayout'),
});

const ADMIN_SCREENS = {
  departments: () => import('./admin/departments.tsx'),
  teams: () => import('./admin/teams.tsx'),
  agents: () => import('./admin/agents.tsx'),
  roles: () => import('./admin/roles.tsx'),
  topics: () => import('./admin/topics.tsx'),
  statuses: () => import('./admin/statuses.tsx'),
  priorities: () => import('./admin/priorities.tsx'),
  'sla-plans': () => import('./admin/sla-plans.tsx'),
  'canned-responses': () => import('./admin/canned-responses.tsx'),
  mailboxes: () => import('./admin/mailboxes.tsx'),
  'email-templates': () => import('./admin/email-templates.tsx'),
  outbox: () => import('./admin/outbox.tsx'),
  quarantine: () => import('./admin/quarantine.tsx'),
  'api-keys': () => import('./admin/api-keys.tsx'),
  tokens: () => import('./admin/tokens.tsx'),
  settings: () => import('./admin/settings.tsx'),
} as const;

const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  component: () => <Navigate to="/admin/departments" replace />,
});

const adminScreenRoutes = Object.entries(ADMIN_SCREENS).map(([path, load]) =>
  createRoute({ getParentRoute: () => adminRoute, path, component: lazyRouteComponent(load, 'default') }),
);

const routeTree = rootRoute.addChildren([
  signInRoute,
  acceptInviteRoute,
  shellRoute.addChildren([
    homeRoute,
    ticketsRoute,
    newTicketRoute,
    ticketRoute,
    accountRoute,
    adminRoute.addChildren([adminIndexRoute, ...adminScreenRoutes]),
  ]),
]);

/** The console's router; it lives under /agent. */
export const router = createRouter({
  routeTree,
  basepath: '/agent',
  defaultPreload: 'intent',
  scrollRestoration: true,
});
