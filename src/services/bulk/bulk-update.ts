import { AppError, type ErrorCode } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { assertPatchNotEmpty, updateTicketProperties } from '../tickets/update-ticket.ts';

/** The properties a bulk action may change, as PATCH /tickets/{number} takes them. */
export interface BulkChanges {
  assigneeId?: number | null | undefined;
  teamId?: number | null | undefined;
  departmentId?: number | undefined;
  priority?: string | undefined;
  status?: number | undefined;
}

export interface BulkResult {
  number: string;
  isOk: boolean;
  error?: { code: ErrorCode; message: string };
}

/** At most this many tickets per request. */
export const BULK_LIMIT = 100;

/**
 * Applies the same changes to each ticket, one transaction per ticket, so a ticket the agent may not
 * change (or cannot see) fails alone while the others change. Permissions apply per ticket, exactly as
 * for a single PATCH. `onUnexpected` hears failures that are not the caller's doing.
 */
export async function bulkUpdateTickets(
  deps: ServiceDeps,
  actor: AgentActor,
  numbers: readonly string[],
  changes: BulkChanges,
  onUnexpected: (number: string, error: unknown) => void,
): Promise<BulkResult[]> {
  assertPatchNotEmpty(changes);
  if (numbers.length > BULK_LIMIT) {
    throw new AppError('validation_failed', `At most ${BULK_LIMIT} tickets at once`, { field: 'numbers' });
  }
  const results: BulkResult[] = [];
  // One after another: the tickets lock in turn, and a burst of 100 parallel transactions would hold as
  // many pooled connections.
  for (const number of numbers) {
    try {
      await updateTicketProperties(deps, actor, number, changes);
      results.push({ number, isOk: true });
    } catch (error) {
      if (error instanceof AppError) {
        results.push({ number, isOk: false, error: { code: error.code, message: error.message } });
      } else {
        onUnexpected(number, error);
        results.push({ number, isOk: false, error: { code: 'internal', message: 'The change failed' } });
      }
    }
  }
  return results;
}
