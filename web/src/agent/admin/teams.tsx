import { api, call } from '../../api/client.ts';
import type { Team } from '../../api/types.ts';
import { catalogKeys, useAgents } from '../catalog.ts';
import { bool, idOrNull, ids, type ResourceConfig, ResourceScreen, str, text } from './resource-screen.tsx';

/** Teams: lead, members, active. */
export default function TeamsScreen() {
  const agents = useAgents();
  const nameOf = (id: number | null) => agents.data?.find((agent) => agent.id === id)?.name ?? '—';
  const agentOptions = (agents.data ?? [])
    .filter((a) => a.isActive)
    .map((a) => ({ value: String(a.id), label: a.name }));
  const config: ResourceConfig<Team> = {
    noun: 'team',
    title: 'Teams',
    queryKey: catalogKeys.teams,
    list: async () => (await call(api.GET('/api/v1/teams'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      { label: 'Lead', render: (item) => nameOf(item.leadAgentId) },
      { label: 'Members', render: (item) => item.memberIds.map((id) => nameOf(id)).join(', ') || '—' },
      { label: 'Active', render: (item) => (item.isActive ? 'Yes' : 'No') },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'leadAgentId', label: 'Lead', kind: 'select', noneLabel: 'Nobody', options: agentOptions },
      { name: 'memberIds', label: 'Members', kind: 'checkboxes', options: agentOptions },
      { name: 'isActive', label: 'Active', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      leadAgentId: str(item?.leadAgentId),
      memberIds: (item?.memberIds ?? []).map(String),
      isActive: item?.isActive ?? true,
    }),
    create: (form) =>
      call(
        api.POST('/api/v1/teams', {
          body: {
            name: text(form, 'name'),
            leadAgentId: idOrNull(form, 'leadAgentId'),
            memberIds: ids(form, 'memberIds'),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/teams/{id}', {
          params: { path: { id: item.id } },
          body: {
            name: text(form, 'name'),
            leadAgentId: idOrNull(form, 'leadAgentId'),
            memberIds: ids(form, 'memberIds'),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    remove: {
      label: 'Delete',
      explain: 'A team that tickets or help topics are assigned to cannot be deleted; deactivate it instead.',
      run: (item) => call(api.DELETE('/api/v1/teams/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
