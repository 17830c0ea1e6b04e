import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { ApiToken } from '../../api/types.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { useAgents } from '../catalog.ts';
import { useMe } from '../session.tsx';
import { SecretDialog } from './api-keys.tsx';
import { type FormState, type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

function stateOf(token: ApiToken) {
  if (token.revokedAt) return <Badge className="bg-slate-200 text-slate-700">Revoked</Badge>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) {
    return <Badge className="bg-amber-100 text-amber-900">Expired</Badge>;
  }
  return <Badge>Active</Badge>;
}

function TokensScreen({ isAll }: { isAll: boolean }) {
  const me = useMe();
  const agents = useAgents();
  const [secret, setSecret] = useState<string | null>(null);
  const agentName = (id: number) => agents.data?.find((agent) => agent.id === id)?.name ?? `#${id}`;
  const body = (form: FormState) => {
    const expires = text(form, 'expiresAt');
    const agentId = text(form, 'agentId');
    return {
      name: text(form, 'name'),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      ...(isAll && agentId ? { agentId: Number(agentId) } : {}),
    };
  };
  const config: ResourceConfig<ApiToken> = {
    noun: 'token',
    title: isAll ? 'API tokens of every agent' : 'Your API tokens',
    queryKey: ['tokens', isAll],
    list: async () =>
      (await call(api.GET('/api/v1/tokens', { params: { query: isAll ? { all: true } : {} } }))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      ...(isAll ? [{ label: 'Agent', render: (item: ApiToken) => agentName(item.agentId) }] : []),
      { label: 'Token', render: (item) => <code>{item.prefix}…</code> },
      { label: 'Created', render: (item) => formatDateTime(item.createdAt) },
      { label: 'Last used', render: (item) => (item.lastUsedAt ? formatRelative(item.lastUsedAt) : 'Never') },
      { label: 'Expires', render: (item) => (item.expiresAt ? formatDateTime(item.expiresAt) : 'Never') },
      { label: 'State', render: stateOf },
    ],
    fields: [
      {
        name: 'name',
        label: 'Name',
        kind: 'text',
        required: true,
        hint: 'To recognise the token later: "monitoring", "laptop".',
      },
      ...(isAll
        ? [
            {
              name: 'agentId',
              label: 'For agent',
              kind: 'select' as const,
              noneLabel: 'Yourself',
              options: (agents.data ?? [])
                .filter((a) => a.isActive)
                .map((a) => ({ value: String(a.id), label: a.name })),
            },
          ]
        : []),
      { name: 'expiresAt', label: 'Expires on', kind: 'text', hint: 'A date (YYYY-MM-DD); empty: never.' },
    ],
    toForm: () => ({ name: '', agentId: '', expiresAt: '' }),
    create: async (form) => {
      const created = await call(api.POST('/api/v1/tokens', { body: body(form) }));
      setSecret(created.token);
      return created;
    },
    remove: {
      label: 'Revoke',
      explain: 'Anything using this token is refused from now on.',
      run: (item) => call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return (
    <>
      <ResourceScreen
        config={config}
        intro={
          <p className="text-sm text-slate-700">
            Send a token as <code>Authorization: Bearer …</code>; it acts with{' '}
            {isAll ? "its agent's" : 'your'} permissions
            {isAll ? '' : ` (${me.name})`}.
          </p>
        }
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} what="API token" />
    </>
  );
}

/** Every agent's API tokens (administrators). */
export default function AllTokensScreen() {
  return <TokensScreen isAll />;
}

/** The signed-in agent's own API tokens. */
export function AccountPage() {
  return (
    <div className="mx-auto max-w-5xl p-4">
      <TokensScreen isAll={false} />
    </div>
  );
}
