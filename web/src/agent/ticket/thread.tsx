import { useState } from 'react';
import type { Attachment, ThreadEntry, ThreadEvent, ThreadItem } from '../../api/types.ts';
import { formatBytes, formatDateTime, formatRelative } from '../../lib/format.ts';
import { cx } from '../../ui/cx.ts';
import { EntryBody } from '../../ui/entry-body.tsx';

const ENTRY_STYLE: Record<string, { label: string; box: string; tag: string }> = {
  message: { label: 'Message', box: 'border-slate-200 bg-white', tag: 'bg-slate-100 text-slate-800' },
  reply: { label: 'Reply', box: 'border-blue-200 bg-blue-50/60', tag: 'bg-blue-100 text-blue-900' },
  note: { label: 'Internal note', box: 'border-amber-300 bg-amber-50', tag: 'bg-amber-200 text-amber-950' },
  resolution: {
    label: 'Resolution',
    box: 'border-green-300 bg-green-50',
    tag: 'bg-green-200 text-green-950',
  },
};

type Block = { kind: 'entry'; entry: ThreadEntry } | { kind: 'events'; events: ThreadEvent[] };

/** Consecutive events are grouped, so that a busy timeline does not bury the conversation. */
function groupItems(items: ThreadItem[]): Block[] {
  const blocks: Block[] = [];
  for (const item of items) {
    if ('event' in item) {
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'events') last.events.push(item);
      else blocks.push({ kind: 'events', events: [item] });
    } else {
      blocks.push({ kind: 'entry', entry: item });
    }
  }
  return blocks;
}

/** The ticket's thread: messages, replies, internal notes and resolutions, with events in between. */
export function Thread({
  items,
  highlightAfterId,
  names,
}: {
  items: ThreadItem[];
  highlightAfterId: number | null;
  names: Names;
}) {
  const blocks = groupItems(items);
  return (
    <ol className="space-y-3" aria-label="Thread">
      {blocks.map((block) =>
        block.kind === 'entry' ? (
          <li key={`entry-${block.entry.id}`}>
            <Entry
              entry={block.entry}
              isNew={highlightAfterId !== null && block.entry.id > highlightAfterId}
            />
          </li>
        ) : (
          <li key={`events-${block.events[0]?.id}`}>
            <EventGroup events={block.events} names={names} />
          </li>
        ),
      )}
    </ol>
  );
}

function Entry({ entry, isNew }: { entry: ThreadEntry; isNew: boolean }) {
  const style = ENTRY_STYLE[entry.type] ?? (ENTRY_STYLE.message as (typeof ENTRY_STYLE)[string]);
  return (
    <article
      className={cx('rounded-md border p-3', style.box, isNew && 'ring-2 ring-blue-500')}
      aria-label={`${style.label} from ${entry.author.name ?? 'someone'}`}
      data-entry-type={entry.type}
    >
      <header className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-700">
        <span className={cx('rounded px-1.5 py-0.5 font-semibold', style.tag)}>{style.label}</span>
        <span className="font-semibold text-slate-900">{entry.author.name ?? 'Unknown'}</span>
        <span className="text-slate-600">({entry.author.type})</span>
        <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)} className="ml-auto">
          {formatRelative(entry.createdAt)}
        </time>
      </header>
      <div className="text-sm text-slate-900">
        <EntryBody html={entry.bodyHtml} text={entry.bodyText} />
      </div>
      {entry.attachments.length > 0 ? <Attachments attachments={entry.attachments} /> : null}
    </article>
  );
}

function Attachments({ attachments }: { attachments: Attachment[] }) {
  return (
    <ul className="mt-3 flex flex-wrap gap-3" aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a
            href={attachment.url}
            className="flex items-center gap-2 rounded border border-slate-200 bg-white p-1.5 text-xs text-slate-800 hover:border-blue-400"
            download={attachment.filename}
          >
            {attachment.contentType.startsWith('image/') ? (
              <img
                src={attachment.url}
                alt={attachment.filename}
                loading="lazy"
                className="h-16 w-24 rounded object-cover"
              />
            ) : (
              <span
                aria-hidden="true"
                className="flex h-16 w-12 items-center justify-center rounded bg-slate-100 text-[10px] font-semibold text-slate-600 uppercase"
              >
                {attachment.filename.split('.').pop()?.slice(0, 4) ?? 'file'}
              </span>
            )}
            <span>
              <span className="block max-w-40 truncate font-medium">{attachment.filename}</span>
              <span className="text-slate-600">{formatBytes(attachment.size)}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Names for the ids events carry (agents, teams, departments). */
export interface Names {
  agent: (id: number) => string | undefined;
  team: (id: number) => string | undefined;
  department: (id: number) => string | undefined;
}

function describeEvent(event: ThreadEvent, names: Names): string {
  const after = (event.data.after ?? event.data.to ?? {}) as Record<string, unknown>;
  const id = (key: string) => (typeof after[key] === 'number' ? (after[key] as number) : null);
  switch (event.event) {
    case 'created':
      return 'opened the ticket';
    case 'assigned': {
      const agent = id('agentId');
      const team = id('teamId');
      const who = [agent ? names.agent(agent) : null, team ? names.team(team) : null].filter(Boolean);
      return who.length > 0 ? `assigned it to ${who.join(' / ')}` : 'unassigned it';
    }
    case 'transferred': {
      const department = id('departmentId');
      return `transferred it to ${(department && names.department(department)) ?? 'another department'}`;
    }
    case 'priority_changed':
      return `set the priority to ${String(after.priority ?? '?')}`;
    case 'status_changed':
    case 'reopened':
    case 'closed':
    case 'resolved':
      return typeof after.statusName === 'string'
        ? `${event.event === 'status_changed' ? 'changed the status' : event.event.replace('_', ' ')} (${after.statusName})`
        : event.event.replace('_', ' ');
    case 'tags_changed':
      return `set the tags to ${Array.isArray(after.tags) && after.tags.length > 0 ? after.tags.join(', ') : 'none'}`;
    default:
      return event.event.replaceAll('_', ' ');
  }
}

function EventGroup({ events, names }: { events: ThreadEvent[]; names: Names }) {
  const [isOpen, setOpen] = useState(events.length <= 2);
  return (
    <div className="pl-3 text-xs text-slate-600">
      {events.length > 2 ? (
        <button
          type="button"
          className="mb-1 rounded text-slate-700 underline decoration-dotted hover:text-slate-900"
          aria-expanded={isOpen}
          onClick={() => setOpen((open) => !open)}
        >
          {isOpen ? 'Hide' : 'Show'} {events.length} events
        </button>
      ) : null}
      {isOpen ? (
        <ul className="space-y-0.5 border-l-2 border-slate-200 pl-3">
          {events.map((event) => (
            <li key={event.id}>
              <span className="font-medium text-slate-700">{event.actor.name ?? 'System'}</span>{' '}
              {describeEvent(event, names)}{' '}
              <time dateTime={event.createdAt} title={formatDateTime(event.createdAt)}>
                {formatRelative(event.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
