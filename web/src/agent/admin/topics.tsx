import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { Topic } from '../../api/types.ts';
import { Button } from '../../ui/button.tsx';
import { catalogKeys, useAgents, useDepartments, usePriorities, useSlaPlans, useTeams } from '../catalog.ts';
import {
  bool,
  type FormState,
  idOrNull,
  type ResourceConfig,
  ResourceScreen,
  str,
  text,
} from './resource-screen.tsx';
import { TopicFieldsEditor } from './topic-fields.tsx';

/** Help topics: where their tickets go and what they get; each has an extra form. */
export default function TopicsScreen() {
  const departments = useDepartments();
  const priorities = usePriorities();
  const slaPlans = useSlaPlans();
  const agents = useAgents();
  const teams = useTeams();
  const [formOf, setFormOf] = useState<Topic | null>(null);
  const nameIn = <T extends { id: number }>(
    list: T[] | undefined,
    id: number | null,
    label: (item: T) => string,
  ) => {
    const found = list?.find((item) => item.id === id);
    return found ? label(found) : '—';
  };
  const body = (form: FormState) => ({
    name: text(form, 'name'),
    departmentId: idOrNull(form, 'departmentId'),
    priorityId: idOrNull(form, 'priorityId'),
    slaPlanId: idOrNull(form, 'slaPlanId'),
    assigneeAgentId: idOrNull(form, 'assigneeAgentId'),
    assigneeTeamId: idOrNull(form, 'assigneeTeamId'),
    isPublic: bool(form, 'isPublic'),
    isActive: bool(form, 'isActive'),
  });
  const config: ResourceConfig<Topic> = {
    noun: 'help topic',
    title: 'Help topics',
    queryKey: catalogKeys.topics,
    list: async () => (await call(api.GET('/api/v1/topics'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      { label: 'Department', render: (item) => nameIn(departments.data, item.departmentId, (d) => d.path) },
      { label: 'Priority', render: (item) => nameIn(priorities.data, item.priorityId, (p) => p.name) },
      { label: 'On the portal', render: (item) => (item.isPublic ? 'Yes' : 'No') },
      { label: 'Active', render: (item) => (item.isActive ? 'Yes' : 'No') },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'departmentId',
        label: 'Department',
        kind: 'select',
        noneLabel: 'The default',
        options: (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.path })),
      },
      {
        name: 'priorityId',
        label: 'Priority',
        kind: 'select',
        noneLabel: 'The default',
        options: (priorities.data ?? []).map((p) => ({ value: String(p.id), label: p.name })),
      },
      {
        name: 'slaPlanId',
        label: 'SLA plan',
        kind: 'select',
        noneLabel: "The department's",
        options: (slaPlans.data ?? []).map((p) => ({ value: String(p.id), label: p.name })),
      },
      {
        name: 'assigneeAgentId',
        label: 'Assign to agent',
        kind: 'select',
        noneLabel: 'Nobody',
        options: (agents.data ?? [])
          .filter((a) => a.isActive)
          .map((a) => ({ value: String(a.id), label: a.name })),
      },
      {
        name: 'assigneeTeamId',
        label: 'Assign to team',
        kind: 'select',
        noneLabel: 'No team',
        options: (teams.data ?? [])
          .filter((t) => t.isActive)
          .map((t) => ({ value: String(t.id), label: t.name })),
      },
      { name: 'isPublic', label: 'Offered on the customer portal', kind: 'checkbox' },
      { name: 'isActive', label: 'Active', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      departmentId: str(item?.departmentId),
      priorityId: str(item?.priorityId),
      slaPlanId: str(item?.slaPlanId),
      assigneeAgentId: str(item?.assigneeAgentId),
      assigneeTeamId: str(item?.assigneeTeamId),
      isPublic: item?.isPublic ?? true,
      isActive: item?.isActive ?? true,
    }),
    create: (form) => call(api.POST('/api/v1/topics', { body: body(form) })),
    update: (item, form) =>
      call(api.PATCH('/api/v1/topics/{id}', { params: { path: { id: item.id } }, body: body(form) })),
    remove: {
      label: 'Delete',
      explain: 'A topic tickets were filed under cannot be deleted; deactivate it instead.',
      run: (item) => call(api.DELETE('/api/v1/topics/{id}', { params: { path: { id: item.id } } })),
    },
    rowActions: (item) => (
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setFormOf(item)}
        aria-label={`Form fields of ${item.name}`}
      >
        Form fields
      </Button>
    ),
  };
  return (
    <div className="space-y-8">
      <ResourceScreen config={config} />
      {formOf ? <TopicFieldsEditor topic={formOf} onClose={() => setFormOf(null)} /> : null}
    </div>
  );
}
