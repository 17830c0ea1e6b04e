import { insertEvents } from '../../db/repositories/events.repository.ts';
import { insertResolution } from '../../db/repositories/thread.repository.ts';
import { updateTicket } from '../../db/repositories/tickets.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import {
  checkResolution,
  describeResolutionProblem,
  type Resolution,
  type ResolutionInput,
} from '../../domain/ticket/resolution.ts';
import { textToHtml } from '../../lib/html.ts';
import { issueConfirmationToken } from '../confirmations/confirmation-token.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { notifyResolved } from '../notifications/notify-resolved.ts';
import { getSettings } from '../settings/settings.ts';
import { insertAgentEntry } from './agent-entry.ts';
import { planStatusChange, resolveTargetStatus } from './status-change.ts';
import { eventOf, lockTicketForAgent, requirePermission } from './ticket-access.ts';

export const RESOLUTION_CODE_LABELS: Record<string, string> = {
  fixed: 'Fixed',
  workaround: 'Workaround',
  duplicate: 'Duplicate',
  no_fault_found: 'No fault found',
  cannot_reproduce: 'Cannot reproduce',
  other: 'Other',
};

/** The resolution as a readable thread entry. */
export function resolutionText(resolution: Resolution): string {
  return [
    `Resolution: ${RESOLUTION_CODE_LABELS[resolution.code] ?? resolution.code}`,
    `Problem identified:\n${resolution.problem}`,
    `Action taken:\n${resolution.actionTaken}`,
    `Resolution confirmation:\n${resolution.confirmation}`,
    ...(resolution.nextSteps ? [`Next steps:\n${resolution.nextSteps}`] : []),
  ].join('\n\n');
}

/**
 * Resolves a ticket with its structured resolution: the resolution becomes its own thread entry, the ticket
 * moves to a resolved status, and a signed token for the requester's confirm / still-broken link is issued.
 */
export async function resolveTicket(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  input: ResolutionInput & { status?: number | undefined },
): Promise<{ ticketId: number; resolutionId: number; confirmation: { token: string; expiresAt: number } }> {
  return inTransaction(deps, async (tx) => {
    const ticket = await lockTicketForAgent(tx, actor, number);
    requirePermission(actor, 'ticket.resolve', ticket);
    if (ticket.state !== 'open' && ticket.state !== 'pending') {
      throw new AppError('invalid_transition', `A ${ticket.state} ticket cannot be resolved`, {
        from: ticket.state,
        to: 'resolved',
        allowed: [],
      });
    }
    const check = checkResolution(input);
    if (!check.ok) {
      throw new AppError('resolution_required', describeResolutionProblem(check.missing, check.invalid), {
        missing: check.missing,
        invalid: check.invalid,
      });
    }
    const status = await resolveTargetStatus(
      tx,
      input.status !== undefined ? { statusId: input.status } : { state: 'resolved' },
    );
    if (status.state !== 'resolved') {
      throw new AppError('validation_failed', `Status ${status.id} is not a resolved status`, {
        field: 'status',
      });
    }
    const change = planStatusChange(tx, ticket, status, { allowResolve: true });
    const now = tx.clock.now();
    const text = resolutionText(check.resolution);
    const entryId = await insertAgentEntry(tx, actor, ticket.id, 'resolution', {
      html: textToHtml(text),
      text,
    });
    const resolutionId = await insertResolution(tx.db, {
      ticketId: ticket.id,
      entryId,
      ...check.resolution,
      agentId: actor.agentId,
      createdAt: now,
    });
    await updateTicket(tx.db, ticket.id, { ...change.changes, updatedAt: now });
    await insertEvents(tx.db, [
      eventOf(tx, actor, ticket.id, 'resolved', {
        before: { statusId: change.from.statusId, state: change.from.state },
        after: { statusId: status.id, state: 'resolved', status: status.name, code: check.resolution.code },
        resolutionId,
      }),
    ]);
    const settings = await getSettings(tx.db);
    const confirmation = issueConfirmationToken(
      tx,
      { ticketId: ticket.id, resolutionId, resolvedAt: now },
      settings.confirmationTokenDays,
    );
    await notifyResolved(tx, actor, {
      ticketId: ticket.id,
      entryId,
      resolution: check.resolution,
      confirmation,
    });
    return { ticketId: ticket.id, resolutionId, confirmation };
  });
}
