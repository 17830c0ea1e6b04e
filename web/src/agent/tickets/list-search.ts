import type { TicketQuery, TicketSummary } from '../../api/types.ts';

/** The ticket list's address: the queue, the search words, extra filters and the sort. */
export interface ListSearch {
  queue?: string;
  q?: string;
  sort?: string;
  status?: number;
  priority?: string;
  departmentId?: number;
  assigneeId?: number | 'me' | 'none';
  teamId?: number;
  topicId?: number;
  tags?: string;
}

const positive = (value: unknown): number | undefined => {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(number) && number > 0 ? number : undefined;
};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;

/** Reads the list's search parameters, dropping anything malformed rather than failing. */
export function parseListSearch(search: Record<string, unknown>): ListSearch {
  const parsed: ListSearch = {};
  const queue = text(search.queue);
  if (queue) parsed.queue = queue;
  const q = text(search.q);
  if (q) parsed.q = q;
  const sort = text(search.sort);
  if (sort && SORT_KEYS.has(sort.replace(/^-/, ''))) parsed.sort = sort;
  for (const key of ['status', 'departmentId', 'teamId', 'topicId'] as const) {
    const value = positive(search[key]);
    if (value) parsed[key] = value;
  }
  const priority = text(search.priority);
  if (priority) parsed.priority = priority;
  const tags = text(search.tags);
  if (tags) parsed.tags = tags;
  const assignee = search.assigneeId;
  if (assignee === 'me' || assignee === 'none') parsed.assigneeId = assignee;
  else if (positive(assignee)) parsed.assigneeId = positive(assignee);
  return parsed;
}

/** Sorts the server does over every ticket; the others order the page shown. */
export const SERVER_SORTS = new Set(['number', 'due', 'updated', 'created']);
const SORT_KEYS = new Set([
  ...SERVER_SORTS,
  'subject',
  'requester',
  'priority',
  'status',
  'department',
  'assignee',
]);

/** The API query for a queue's filter, the search's own filters and the server part of the sort. */
export function toTicketQuery(base: TicketQuery, search: ListSearch): TicketQuery {
  const query: TicketQuery = { ...base };
  if (search.q) query.q = search.q;
  if (search.status) query.status = search.status;
  if (search.priority) query.priority = search.priority;
  if (search.departmentId) query.departmentId = search.departmentId;
  if (search.assigneeId) query.assigneeId = search.assigneeId;
  if (search.teamId) query.teamId = search.teamId;
  if (search.topicId) query.topicId = search.topicId;
  if (search.tags) query.tags = search.tags;
  const sortKey = search.sort?.replace(/^-/, '');
  if (search.sort && sortKey && SERVER_SORTS.has(sortKey)) query.sort = search.sort;
  return query;
}

const COMPARE: Record<string, (ticket: TicketSummary) => string | number> = {
  subject: (ticket) => ticket.subject.toLowerCase(),
  requester: (ticket) => ticket.requester.name.toLowerCase(),
  status: (ticket) => ticket.status.name.toLowerCase(),
  department: (ticket) => ticket.department.name.toLowerCase(),
  assignee: (ticket) => (ticket.assignee?.name ?? '\uffff').toLowerCase(),
};

/** Orders one page by a column the server does not sort by; `urgency` ranks priorities. */
export function sortPage(
  tickets: TicketSummary[],
  sort: string | undefined,
  urgency: Map<string, number>,
): TicketSummary[] {
  if (!sort) return tickets;
  const key = sort.replace(/^-/, '');
  if (SERVER_SORTS.has(key)) return tickets;
  const direction = sort.startsWith('-') ? -1 : 1;
  const keyOf =
    key === 'priority' ? (ticket: TicketSummary) => urgency.get(ticket.priority.key) ?? 999 : COMPARE[key];
  if (!keyOf) return tickets;
  return [...tickets].sort((a, b) => {
    const left = keyOf(a);
    const right = keyOf(b);
    return (left < right ? -1 : left > right ? 1 : 0) * direction;
  });
}
