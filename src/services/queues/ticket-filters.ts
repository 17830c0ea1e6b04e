import type { TicketFilter } from '../../db/repositories/ticket-views.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { isTicketState } from '../../domain/ticket/lifecycle.ts';
import { searchWords, type TicketListInput } from '../tickets/read-tickets.ts';

/**
 * Ticket filters as the API spells them: the query keys of GET /tickets, which saved queues store and the
 * built-in queues are defined in. One translation serves the list, the counts and the saved queues, so a
 * queue's count always matches the list the console shows for it.
 */
export interface TicketFilters {
  q?: string | undefined;
  /** Comma-separated states. */
  state?: string | undefined;
  /** A status id. */
  status?: number | undefined;
  departmentId?: number | undefined;
  assigneeId?: number | 'me' | 'none' | undefined;
  /** A team id, or 'mine': any team the agent is in. */
  teamId?: number | 'mine' | undefined;
  priority?: string | undefined;
  topicId?: number | undefined;
  requesterId?: number | undefined;
  organizationId?: number | undefined;
  overdue?: boolean | undefined;
  /** Comma-separated tags; a ticket must have all of them. */
  tags?: string | undefined;
}

/** The list filters of TicketListInput, without its paging. */
export type TicketListFilters = Omit<TicketListInput, 'sort' | 'cursor' | 'limit'>;

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Reads the filters for this agent ('me', 'none', 'mine'); `field` prefixes the name in a validation error. */
export function toTicketListFilters(
  actor: AgentActor,
  filters: TicketFilters,
  field: (name: string) => string = (name) => name,
): TicketListFilters {
  const states = splitList(filters.state);
  const unknownState = states?.find((state) => !isTicketState(state));
  if (unknownState) {
    throw new AppError('validation_failed', `Unknown state "${unknownState}"`, { field: field('state') });
  }
  const { assigneeId, teamId } = filters;
  return {
    q: filters.q,
    states,
    statusId: filters.status,
    departmentId: filters.departmentId,
    assigneeAgentId: assigneeId === 'me' ? actor.agentId : assigneeId === 'none' ? null : assigneeId,
    ...(teamId === 'mine' ? { teamIds: [...actor.teamIds] } : { teamId }),
    priorityKey: filters.priority,
    topicId: filters.topicId,
    userId: filters.requesterId,
    organizationId: filters.organizationId,
    isOverdue: filters.overdue,
    tags: splitList(filters.tags)?.map((tag) => tag.toLowerCase()),
  };
}

/** Who the agent may see, as the ticket queries apply it. */
export function visibilityOf(actor: AgentActor): TicketFilter['visibility'] {
  if (actor.isAdmin) return 'all';
  return {
    departmentIds: [...actor.departmentPermissions.keys()],
    agentId: actor.agentId,
    teamIds: [...actor.teamIds],
  };
}

/** The repository filter for a list input, or null when its search has no words (nothing matches). */
export function toTicketFilter(actor: AgentActor, input: TicketListFilters): TicketFilter | null {
  const { q, ...filters } = input;
  const base = { ...filters, visibility: visibilityOf(actor) };
  if (q === undefined || q.trim() === '') return base;
  const words = searchWords(q);
  if (words.length === 0) return null;
  return { ...base, search: { words, raw: q.trim() } };
}
