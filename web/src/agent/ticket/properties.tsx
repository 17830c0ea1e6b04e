import { type ReactNode, useId, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf, messageOf } from '../../api/errors.ts';
import type { Ticket } from '../../api/types.ts';
import { fromLocalInput, toLocalInput } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { Select } from '../../ui/select.tsx';
import { useAgents, useDepartments, usePriorities, useStatuses, useTeams, useTopics } from '../catalog.ts';
import { Collaborators } from './collaborators.tsx';
import { useTicketChange } from './ticket-queries.ts';

type Change =
  | {
      kind: 'patch';
      body: {
        status?: number;
        priority?: string;
        topicId?: number | null;
        dueAt?: string | null;
        tags?: string[];
      };
    }
  | { kind: 'assign'; body: { assigneeId?: number | null; teamId?: number | null } }
  | { kind: 'transfer'; body: { departmentId: number } };

/** The ticket's properties, each changed in place; a refused change shows its reason beside the field. */
export function PropertiesPanel({ ticket, onResolve }: { ticket: Ticket; onResolve: () => void }) {
  const path = { number: ticket.number };
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const topics = useTopics();
  const agents = useAgents();
  const teams = useTeams();
  const [field, setField] = useState<string | null>(null);

  const mutation = useTicketChange(ticket.number, (change: Change) => {
    if (change.kind === 'assign')
      return call(api.POST('/api/v1/tickets/{number}/assign', { params: { path }, body: change.body }));
    if (change.kind === 'transfer')
      return call(api.POST('/api/v1/tickets/{number}/transfer', { params: { path }, body: change.body }));
    return call(api.PATCH('/api/v1/tickets/{number}', { params: { path }, body: change.body }));
  });
  const change = (name: string, next: Change) => {
    setField(name);
    mutation.mutate(next);
  };
  const errorFor = (name: string): string | undefined => {
    if (field !== name || !mutation.error) return undefined;
    const errors = fieldErrorsOf(mutation.error);
    return errors[name] ?? messageOf(mutation.error);
  };
  const busy = (name: string) => mutation.isPending && field === name;

  const statusOptions = (statuses.data ?? []).map((s) => ({ value: String(s.id), label: `${s.name}` }));
  const resolvedIds = new Set((statuses.data ?? []).filter((s) => s.state === 'resolved').map((s) => s.id));

  return (
    <section aria-labelledby="properties-title" className="space-y-3">
      <h2 id="properties-title" className="text-sm font-semibold text-slate-900">
        Properties
      </h2>
      <Property label="Status" error={errorFor('status')} isBusy={busy('status')}>
        {(id) => (
          <Select
            aria-labelledby={id}
            value={String(ticket.status.id)}
            options={statusOptions}
            onChange={(value) => {
              if (!value) return;
              // Resolving needs the structured resolution, which only the dialog collects.
              if (resolvedIds.has(Number(value))) onResolve();
              else change('status', { kind: 'patch', body: { status: Number(value) } });
            }}
          />
        )}
      </Property>
      <Property label="Priority" error={errorFor('priority')} isBusy={busy('priority')}>
        {(id) => (
          <Select
            aria-labelledby={id}
            value={ticket.priority.key}
            options={(priorities.data ?? []).map((p) => ({ value: p.key, label: p.name }))}
            onChange={(value) => value && change('priority', { kind: 'patch', body: { priority: value } })}
          />
        )}
      </Property>
      <Property label="Department" error={errorFor('departmentId')} isBusy={busy('departmentId')}>
        {(id) => (
          <Select
            aria-labelledby={id}
            value={String(ticket.department.id)}
            options={choicesOf(departments.data, ticket.department.id, (d) => d.path)}
            onChange={(value) =>
              value && change('departmentId', { kind: 'transfer', body: { departmentId: Number(value) } })
            }
          />
        )}
      </Property>
      <Property label="Help topic" error={errorFor('topicId')} isBusy={busy('topicId')}>
        {(id) => (
          <Select
            aria-labelledby={id}
            value={ticket.topic ? String(ticket.topic.id) : null}
            noneLabel="None"
            options={choicesOf(topics.data, ticket.topic?.id, (t) => t.name)}
            onChange={(value) =>
              change('topicId', { kind: 'patch', body: { topicId: value === null ? null : Number(value) } })
            }
          />
        )}
      </Property>
      <Property label="Assignee" error={errorFor('assigneeId')} isBusy={busy('assigneeId')}>
        {(id) => (
          <Select
            aria-labelledby={id}
            value={ticket.assignee ? String(ticket.assignee.id) : null}
            noneLabel="Unassigned"
            options={choicesOf(agents.data, ticket.assignee?.id, (a) => a.name)}
            onChange={(value) =>
              change('assigneeId', {
                kind: 'assign',
                body: { assigneeId: value === null ? null : Number(value) },
              })
            }
          />
        )}
      </Property>
      <Property label="Team" error={errorFor('teamId')} isBusy={busy('teamId')}>
        {(id) => (
          <Select
            aria-labelledby={id}
            value={ticket.team ? String(ticket.team.id) : null}
            noneLabel="No team"
            options={choicesOf(teams.data, ticket.team?.id, (t) => t.name)}
            onChange={(value) =>
              change('teamId', { kind: 'assign', body: { teamId: value === null ? null : Number(value) } })
            }
          />
        )}
      </Property>
      <DueField
        value={ticket.dueAt}
        error={errorFor('dueAt')}
        onChange={(dueAt) => change('dueAt', { kind: 'patch', body: { dueAt } })}
      />
      <TagsField
        tags={ticket.tags}
        error={errorFor('tags')}
        onChange={(tags) => change('tags', { kind: 'patch', body: { tags } })}
      />
      <Collaborators number={ticket.number} />
    </section>
  );
}

/**
 * The options of a reference picker: the active items, plus the ticket's current one even when it has
 * been deactivated since, so the picker can still show it.
 */
function choicesOf<T extends { id: number; isActive: boolean }>(
  items: T[] | undefined,
  currentId: number | undefined,
  labelOf: (item: T) => string,
): { value: string; label: string }[] {
  return (items ?? [])
    .filter((item) => item.isActive || item.id === currentId)
    .map((item) => ({ value: String(item.id), label: labelOf(item) }));
}

function Property({
  label,
  error,
  isBusy,
  children,
}: {
  label: string;
  error: string | undefined;
  isBusy: boolean;
  children: (labelId: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="grid grid-cols-[6.5rem_1fr] items-center gap-x-2 gap-y-1" aria-busy={isBusy || undefined}>
      <span id={id} className="text-xs font-medium text-slate-700">
        {label}
      </span>
      {children(id)}
      {error ? (
        <p role="alert" className="col-start-2 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function DueField({
  value,
  error,
  onChange,
}: {
  value: string | null;
  error: string | undefined;
  onChange: (dueAt: string | null) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(toLocalInput(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(toLocalInput(value));
  }
  const commit = () => {
    const next = fromLocalInput(draft);
    if (next !== value && toLocalInput(next) !== toLocalInput(value)) onChange(next);
  };
  return (
    <div className="grid grid-cols-[6.5rem_1fr] items-center gap-x-2 gap-y-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        Due
      </label>
      <input
        id={id}
        type="datetime-local"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
        className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      {error ? (
        <p role="alert" className="col-start-2 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TagsField({
  tags,
  error,
  onChange,
}: {
  tags: string[];
  error: string | undefined;
  onChange: (tags: string[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const words = draft
      .split(',')
      .map((word) => word.trim())
      .filter((word) => word && !tags.includes(word));
    if (words.length > 0) onChange([...tags, ...words]);
    setDraft('');
  };
  return (
    <div className="grid grid-cols-[6.5rem_1fr] items-start gap-x-2 gap-y-1">
      <label htmlFor={id} className="pt-1 text-xs font-medium text-slate-700">
        Tags
      </label>
      <div className="space-y-1">
        {tags.length > 0 ? (
          <ul className="flex flex-wrap gap-1" aria-label="Tags">
            {tags.map((tag) => (
              <li key={tag} className="flex items-center rounded bg-slate-100 pl-1.5 text-xs text-slate-800">
                {tag}
                <Button
                  size="sm"
                  variant="ghost"
                  className="px-1 py-0"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => onChange(tags.filter((t) => t !== tag))}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          id={id}
          value={draft}
          placeholder="Add a tag, Enter"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          onBlur={() => draft.trim() && add()}
          className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      {error ? (
        <p role="alert" className="col-start-2 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
