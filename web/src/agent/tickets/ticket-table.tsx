import { Link } from '@tanstack/react-router';
import type { TicketSummary } from '../../api/types.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { PriorityBadge, StateBadge } from '../../ui/badge.tsx';
import { cx } from '../../ui/cx.ts';

export interface Column {
  key: string;
  label: string;
  className?: string;
}

export const COLUMNS: Column[] = [
  { key: 'number', label: 'Number', className: 'w-20' },
  { key: 'subject', label: 'Subject' },
  { key: 'requester', label: 'Requester', className: 'w-32' },
  { key: 'priority', label: 'Priority', className: 'w-24' },
  { key: 'status', label: 'Status', className: 'w-32' },
  { key: 'department', label: 'Department', className: 'w-32' },
  { key: 'assignee', label: 'Assignee', className: 'w-32' },
  { key: 'due', label: 'Due', className: 'w-28' },
  { key: 'updated', label: 'Last update', className: 'w-28' },
];

interface TicketTableProps {
  tickets: TicketSummary[];
  sort: string;
  onSort: (sort: string) => void;
  selected: Set<string>;
  onToggle: (number: string) => void;
  onToggleAll: () => void;
  activeIndex: number;
  onActivate: (index: number) => void;
}

/** The ticket list: sortable headers, a checkbox per row, the keyboard-highlighted row. */
export function TicketTable({
  tickets,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  activeIndex,
  onActivate,
}: TicketTableProps) {
  const sortKey = sort.replace(/^-/, '');
  const isDescending = sort.startsWith('-');
  const allSelected = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.number));
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs text-slate-700">
        <tr>
          <th scope="col" className="w-10 px-3 py-2">
            <input
              type="checkbox"
              aria-label="Select all tickets on this page"
              checked={allSelected}
              onChange={onToggleAll}
              className="size-4 accent-blue-700"
            />
          </th>
          {COLUMNS.map((column) => {
            const isSorted = sortKey === column.key;
            return (
              <th
                key={column.key}
                scope="col"
                className={cx('px-2 py-2 font-semibold', column.className)}
                aria-sort={isSorted ? (isDescending ? 'descending' : 'ascending') : undefined}
              >
                <button
                  type="button"
                  className="inline-flex items-center gap-1 rounded hover:text-slate-950"
                  onClick={() => onSort(isSorted && !isDescending ? `-${column.key}` : column.key)}
                >
                  {column.label}
                  <span aria-hidden="true" className="text-slate-500">
                    {isSorted ? (isDescending ? '▼' : '▲') : ''}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket, index) => {
          const isActive = index === activeIndex;
          const isSelected = selected.has(ticket.number);
          return (
            <tr
              key={ticket.id}
              data-active={isActive || undefined}
              data-ticket={ticket.number}
              onMouseDown={() => onActivate(index)}
              className={cx(
                'border-b border-slate-100',
                isSelected ? 'bg-blue-50' : 'hover:bg-slate-50',
                isActive && 'outline-2 -outline-offset-2 outline-blue-600',
              )}
            >
              <td className="px-3 py-1.5">
                <input
                  type="checkbox"
                  aria-label={`Select ticket ${ticket.number}`}
                  checked={isSelected}
                  onChange={() => onToggle(ticket.number)}
                  className="size-4 accent-blue-700"
                />
              </td>
              <td className="px-2 py-1.5 font-mono text-xs text-slate-700">{ticket.number}</td>
              <td className="truncate px-2 py-1.5">
                <Link
                  to="/tickets/$number"
                  params={{ number: ticket.number }}
                  className={cx('text-slate-900 hover:underline', !ticket.isAnswered && 'font-semibold')}
                  data-row-link
                >
                  {ticket.subject}
                </Link>
                {ticket.isOverdue ? (
                  <span className="ml-2 rounded bg-red-100 px-1 text-xs font-medium text-red-800">
                    Overdue
                  </span>
                ) : null}
              </td>
              <td className="truncate px-2 py-1.5 text-slate-800" title={ticket.requester.email ?? undefined}>
                {ticket.requester.name}
              </td>
              <td className="px-2 py-1.5">
                <PriorityBadge priorityKey={ticket.priority.key} name={ticket.priority.name} />
              </td>
              <td className="truncate px-2 py-1.5">
                <StateBadge state={ticket.state} label={ticket.status.name} />
              </td>
              <td className="truncate px-2 py-1.5 text-slate-800">{ticket.department.name}</td>
              <td className="truncate px-2 py-1.5 text-slate-800">
                {ticket.assignee?.name ?? ticket.team?.name ?? <span className="text-slate-600">—</span>}
              </td>
              <td
                className={cx('truncate px-2 py-1.5', ticket.isOverdue ? 'text-red-800' : 'text-slate-700')}
                title={formatDateTime(ticket.dueAt)}
              >
                {ticket.dueAt ? formatRelative(ticket.dueAt) : '—'}
              </td>
              <td className="truncate px-2 py-1.5 text-slate-700" title={formatDateTime(ticket.updatedAt)}>
                {formatRelative(ticket.updatedAt)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
