import { api, call } from '../../api/client.ts';
import type { Agent } from '../../api/types.ts';
import { formatRelative } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import type { Option } from '../../ui/field.tsx';
import { catalogKeys, useDepartments, useRoles, useTeams } from '../catalog.ts';
import { AgentInviteButton } from './agent-invite-button.tsx';
import {
  bool,
  type FormState,
  type FormValue,
  ids,
  num,
  type ResourceConfig,
  ResourceScreen,
  text,
} from './resource-screen.tsx';

/** Extra departments travel in the form as "departmentId:roleId" strings. */
function grantsOf(form: FormState): Array<{ departmentId: number; roleId: number }> {
  const value = form.departments;
  return (Array.isArray(value) ? value : [])
    .map((pair) => pair.split(':').map(Number))
    .filter(([departmentId, roleId]) => departmentId && roleId)
    .map(([departmentId, roleId]) => ({ departmentId: departmentId as number, roleId: roleId as number }));
}

function bodyOf(form: FormState) {
  const password = text(form, 'password');
  return {
    email: text(form, 'email'),
    name: text(form, 'name'),
    isAdmin: bool(form, 'isAdmin'),
    isActive: bool(form, 'isActive'),
    departmentId: num(form, 'departmentId'),
    roleId: num(form, 'roleId'),
    departments: grantsOf(form),
    teamIds: ids(form, 'teamIds'),
    ...(password ? { password } : {}),
  };
}

/** A new agent is either given a password or emailed an invitation to choose one. */
function createBodyOf(form: FormState) {
  const body = bodyOf(form);
  return bool(form, 'invite') && !body.password ? { ...body, invite: true } : body;
}

/** Agents: who may sign in, their roles per department, their teams; deactivating keeps their history. */
export default function AgentsScreen() {
  const departments = useDepartments();
  const roles = useRoles();
  const teams = useTeams();
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.path }));
  const roleOptions = (roles.data ?? []).map((r) => ({ value: String(r.id), label: r.name }));
  const config: ResourceConfig<Agent> = {
    noun: 'agent',
    title: 'Agents',
    queryKey: catalogKeys.agents,
    list: async () => (await call(api.GET('/api/v1/agents'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      {
        label: 'Name',
        render: (item) => (
          <span>
            {item.name} {item.isAdmin ? <Badge className="bg-violet-100 text-violet-900">Admin</Badge> : null}
          </span>
        ),
      },
      { label: 'Email', render: (item) => item.email },
      {
        label: 'Department',
        render: (item) => departments.data?.find((d) => d.id === item.departmentId)?.path ?? '—',
      },
      { label: 'Role', render: (item) => roles.data?.find((r) => r.id === item.roleId)?.name ?? '—' },
      {
        label: 'State',
        render: (item) =>
          !item.isActive ? (
            <Badge className="bg-slate-200 text-slate-700">Inactive</Badge>
          ) : !item.hasPassword ? (
            <Badge className="bg-amber-100 text-amber-900">No password yet</Badge>
          ) : (
            <Badge>Active</Badge>
          ),
      },
      {
        label: 'Last sign-in',
        render: (item) => (item.lastLoginAt ? formatRelative(item.lastLoginAt) : 'Never'),
      },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'email', label: 'Email', kind: 'email', required: true },
      {
        name: 'password',
        label: 'Password',
        kind: 'password',
        hint: 'At least 8 characters. Leave empty to keep the current one; a new agent without one cannot sign in yet.',
      },
      {
        name: 'invite',
        label: 'Send an invitation',
        kind: 'checkbox',
        hint: 'Emails the agent a link to choose their own password (when no password is set above).',
        isCreateOnly: true,
      },
      {
        name: 'departmentId',
        label: 'Primary department',
        kind: 'select',
        required: true,
        options: departmentOptions,
      },
      { name: 'roleId', label: 'Role there', kind: 'select', required: true, options: roleOptions },
      {
        name: 'departments',
        label: 'Other departments',
        kind: 'custom',
        render: (value, onChange, error) => (
          <GrantsEditor
            value={value}
            onChange={onChange}
            error={error}
            departments={departmentOptions}
            roles={roleOptions}
          />
        ),
      },
      {
        name: 'teamIds',
        label: 'Teams',
        kind: 'checkboxes',
        options: (teams.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
      },
      {
        name: 'isAdmin',
        label: 'Administrator',
        kind: 'checkbox',
        hint: 'Administrators hold every permission everywhere.',
      },
      {
        name: 'isActive',
        label: 'Active',
        kind: 'checkbox',
        hint: 'Deactivating signs the agent out everywhere.',
      },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      email: item?.email ?? '',
      password: '',
      invite: false,
      departmentId: item ? String(item.departmentId) : String(departments.data?.[0]?.id ?? ''),
      roleId: item ? String(item.roleId) : String(roles.data?.[0]?.id ?? ''),
      departments: (item?.departments ?? []).map((grant) => `${grant.departmentId}:${grant.roleId}`),
      teamIds: (item?.teamIds ?? []).map(String),
      isAdmin: item?.isAdmin ?? false,
      isActive: item?.isActive ?? true,
    }),
    create: (form) => call(api.POST('/api/v1/agents', { body: createBodyOf(form) })),
    update: (item, form) =>
      call(api.PATCH('/api/v1/agents/{id}', { params: { path: { id: item.id } }, body: bodyOf(form) })),
    remove: {
      label: 'Deactivate',
      explain:
        'The agent is signed out everywhere and can no longer sign in; their name stays on everything they wrote.',
      run: (item) => call(api.DELETE('/api/v1/agents/{id}', { params: { path: { id: item.id } } })),
    },
    rowActions: (item) => <AgentInviteButton agent={item} />,
  };
  return <ResourceScreen config={config} />;
}

function GrantsEditor({
  value,
  onChange,
  error,
  departments,
  roles,
}: {
  value: FormValue | undefined;
  onChange: (value: FormValue) => void;
  error: string | undefined;
  departments: Option[];
  roles: Option[];
}) {
  const rows = (Array.isArray(value) ? value : []).map((pair) => pair.split(':'));
  const write = (next: string[][]) => onChange(next.map(([department, role]) => `${department}:${role}`));
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">Other departments</legend>
      <p className="text-xs text-slate-600">Each with the role the agent holds there.</p>
      {rows.map(([department, role], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id of their own.
        <div key={index} className="flex items-center gap-2">
          <select
            aria-label={`Department ${index + 1}`}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={department}
            onChange={(event) =>
              write(rows.map((row, i) => (i === index ? [event.target.value, row[1] ?? ''] : row)))
            }
          >
            <option value="">Choose…</option>
            {departments.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <select
            aria-label={`Role in department ${index + 1}`}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={role}
            onChange={(event) =>
              write(rows.map((row, i) => (i === index ? [row[0] ?? '', event.target.value] : row)))
            }
          >
            <option value="">Choose…</option>
            {roles.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove department ${index + 1}`}
            onClick={() => write(rows.filter((_, i) => i !== index))}
          >
            ✕
          </Button>
        </div>
      ))}
      <Button size="sm" onClick={() => write([...rows, ['', roles[0]?.value ?? '']])}>
        Add a department
      </Button>
      {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
