import * as Popover from '@radix-ui/react-popover';
import { Button } from '../../ui/button.tsx';
import { Select } from '../../ui/select.tsx';
import { useAgents, useDepartments, usePriorities, useStatuses, useTeams, useTopics } from '../catalog.ts';
import type { ListSearch } from './list-search.ts';

type FilterKey = 'status' | 'priority' | 'departmentId' | 'assigneeId' | 'teamId' | 'topicId';

/** How many of the extra filters are set. */
export function countFilters(search: ListSearch): number {
  return (['status', 'priority', 'departmentId', 'assigneeId', 'teamId', 'topicId', 'tags'] as const).filter(
    (key) => search[key] !== undefined,
  ).length;
}

/** A popover of filters on top of the queue's own. */
export function FiltersPopover({
  search,
  onChange,
}: {
  search: ListSearch;
  onChange: (patch: Partial<ListSearch>) => void;
}) {
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents();
  const teams = useTeams();
  const topics = useTopics();
  const count = countFilters(search);

  const numberOrUndefined = (value: string | null) => (value === null ? undefined : Number(value));
  const rows: Array<{
    key: FilterKey;
    label: string;
    value: string | null;
    options: Array<{ value: string; label: string }>;
    set: (value: string | null) => void;
  }> = [
    {
      key: 'status',
      label: 'Status',
      value: search.status ? String(search.status) : null,
      options: (statuses.data ?? []).map((s) => ({ value: String(s.id), label: s.name })),
      set: (value) => onChange({ status: numberOrUndefined(value) }),
    },
    {
      key: 'priority',
      label: 'Priority',
      value: search.priority ?? null,
      options: (priorities.data ?? []).map((p) => ({ value: p.key, label: p.name })),
      set: (value) => onChange({ priority: value ?? undefined }),
    },
    {
      key: 'departmentId',
      label: 'Department',
      value: search.departmentId ? String(search.departmentId) : null,
      options: (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.path })),
      set: (value) => onChange({ departmentId: numberOrUndefined(value) }),
    },
    {
      key: 'assigneeId',
      label: 'Assignee',
      value: search.assigneeId !== undefined ? String(search.assigneeId) : null,
      options: [
        { value: 'me', label: 'Me' },
        { value: 'none', label: 'Nobody' },
        ...(agents.data ?? []).map((a) => ({ value: String(a.id), label: a.name })),
      ],
      set: (value) =>
        onChange({ assigneeId: value === 'me' || value === 'none' ? value : numberOrUndefined(value) }),
    },
    {
      key: 'teamId',
      label: 'Team',
      value: search.teamId ? String(search.teamId) : null,
      options: (teams.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
      set: (value) => onChange({ teamId: numberOrUndefined(value) }),
    },
    {
      key: 'topicId',
      label: 'Help topic',
      value: search.topicId ? String(search.topicId) : null,
      options: (topics.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
      set: (value) => onChange({ topicId: numberOrUndefined(value) }),
    },
  ];

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button size="sm">
          Filters{count > 0 ? ` (${count})` : ''} <span aria-hidden="true">▾</span>
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          className="z-40 w-80 space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg"
          aria-label="Filters"
        >
          {rows.map((row) => (
            <div key={row.key} className="grid grid-cols-[6rem_1fr] items-center gap-2">
              <span id={`filter-${row.key}`} className="text-sm text-slate-700">
                {row.label}
              </span>
              <Select
                aria-labelledby={`filter-${row.key}`}
                value={row.value}
                onChange={row.set}
                options={row.options}
                noneLabel="Any"
              />
            </div>
          ))}
          <label className="grid grid-cols-[6rem_1fr] items-center gap-2 text-sm text-slate-700">
            Tags
            <input
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              placeholder="vpn, outage"
              defaultValue={search.tags ?? ''}
              onBlur={(event) => onChange({ tags: event.target.value.trim() || undefined })}
            />
          </label>
          <div className="flex justify-end pt-1">
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                onChange({
                  status: undefined,
                  priority: undefined,
                  departmentId: undefined,
                  assigneeId: undefined,
                  teamId: undefined,
                  topicId: undefined,
                  tags: undefined,
                })
              }
            >
              Clear filters
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
