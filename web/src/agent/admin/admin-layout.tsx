import { Link, Outlet } from '@tanstack/react-router';
import { useMe } from '../session.tsx';

const SECTIONS: Array<{ title: string; links: Array<[string, string]> }> = [
  {
    title: 'People',
    links: [
      ['/admin/agents', 'Agents'],
      ['/admin/teams', 'Teams'],
      ['/admin/roles', 'Roles'],
    ],
  },
  {
    title: 'Tickets',
    links: [
      ['/admin/departments', 'Departments'],
      ['/admin/topics', 'Help topics'],
      ['/admin/statuses', 'Statuses'],
      ['/admin/priorities', 'Priorities'],
      ['/admin/sla-plans', 'SLA plans'],
      ['/admin/canned-responses', 'Canned responses'],
    ],
  },
  {
    title: 'Email',
    links: [
      ['/admin/mailboxes', 'Mailboxes'],
      ['/admin/email-templates', 'Templates'],
      ['/admin/outbox', 'Outbox'],
      ['/admin/quarantine', 'Quarantine'],
    ],
  },
  {
    title: 'System',
    links: [
      ['/admin/api-keys', 'API keys'],
      ['/admin/tokens', 'API tokens'],
      ['/admin/settings', 'Settings'],
    ],
  },
];

/** The admin area: its own navigation beside the current screen; administrators only. */
export function AdminLayout() {
  const me = useMe();
  if (!me.isAdmin) {
    return (
      <div className="p-8">
        <h1 className="text-lg font-semibold">Administrators only</h1>
        <p className="mt-2 text-sm text-slate-700">
          Ask an administrator if you need to change the configuration.
        </p>
      </div>
    );
  }
  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <nav
        aria-label="Admin"
        className="shrink-0 border-b border-slate-200 p-3 md:w-48 md:border-r md:border-b-0"
      >
        <h1 className="mb-2 text-base font-semibold text-slate-900">Admin</h1>
        {SECTIONS.map((section) => (
          <div key={section.title} className="mb-3">
            <h2 className="px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {section.title}
            </h2>
            <ul>
              {section.links.map(([to, label]) => (
                <li key={to}>
                  <Link
                    to={to}
                    className="block rounded px-2 py-1 text-sm text-slate-800 hover:bg-slate-100"
                    activeProps={{
                      className: 'bg-blue-50 font-semibold text-blue-900',
                      'aria-current': 'page',
                    }}
                  >
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="min-w-0 flex-1 p-4">
        <Outlet />
      </div>
    </div>
  );
}
