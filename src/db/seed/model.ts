/**
 * The rows the generator produces for one ticket, before they get ids: the loaders of each dialect turn
 * them into bulk inserts. Times are epoch milliseconds and flags 0/1, as stored.
 */

export type SeedState = 'open' | 'pending' | 'resolved' | 'closed' | 'archived';

export interface SeedResolution {
  problem: string;
  actionTaken: string;
  confirmation: string;
  nextSteps: string | null;
  code: string;
  agentId: number;
  createdAt: number;
  outcome: string | null;
  outcomeAt: number | null;
}

export interface SeedEntry {
  type: 'message' | 'reply' | 'note' | 'resolution';
  authorType: 'agent' | 'user';
  authorAgentId: number | null;
  authorUserId: number | null;
  authorName: string;
  bodyHtml: string;
  bodyText: string;
  createdAt: number;
  resolution: SeedResolution | null;
}

export interface SeedEvent {
  type: string;
  actorType: 'agent' | 'user' | 'system';
  actorAgentId: number | null;
  actorUserId: number | null;
  /** JSON text. */
  data: string;
  createdAt: number;
}

export interface SeedTicket {
  number: string;
  subject: string;
  statusId: number;
  state: SeedState;
  priorityId: number;
  source: string;
  userId: number;
  organizationId: number | null;
  departmentId: number;
  topicId: number | null;
  assigneeAgentId: number | null;
  assigneeTeamId: number | null;
  slaPlanId: number | null;
  dueAt: number | null;
  slaPausedAt: number | null;
  isAnswered: number;
  isOverdue: number;
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number;
  lastResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  tags: string[];
  entries: SeedEntry[];
  events: SeedEvent[];
}

export interface SeedPerson {
  id: number;
  name: string;
  firstName: string;
}

export interface SeedRequester extends SeedPerson {
  organizationId: number | null;
}

export interface SeedAgent extends SeedPerson {
  departmentId: number;
}

/** What the generator draws from: the catalog and the directory, with their database ids. */
export interface SeedContext {
  /** The end of the generated history; the oldest ticket is `spanMs` earlier. */
  now: number;
  spanMs: number;
  statuses: Record<SeedState, { id: number; name: string }>;
  priorities: { id: number; key: string }[];
  departments: { id: number; slaPlanId: number | null; resolutionHours: number | null }[];
  topics: { id: number; departmentId: number | null }[];
  requesters: SeedRequester[];
  agents: SeedAgent[];
  teamIds: number[];
}

/** The tables a seed loads, whose indexes (and on PostgreSQL foreign keys) a large load rebuilds. */
export const LOADED_TABLES = ['tickets', 'ticket_tags', 'thread_entries', 'resolutions', 'events'];

/**
 * Whether a load drops the secondary indexes of the ticket tables and builds them again at the end: asked
 * (`true`/`false`), or for 'auto' when it adds at least 50,000 tickets and at least as many as there are.
 * A rebuild sorts every row, the old ones too, so a small load into a large desk keeps them.
 */
export function shouldRebuildIndexes(option: boolean | 'auto', adding: number, existing: number): boolean {
  if (option !== 'auto') return option;
  return adding >= Math.max(50_000, existing);
}
