import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { Resolution } from '../../domain/ticket/resolution.ts';
import { confirmationUrl } from '../confirmations/confirmation-token.ts';
import type { ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { queueMail } from './queue-email.ts';
import { addressesOfActor } from './recipients.ts';
import { loadTicketMail } from './ticket-mail.ts';

/**
 * Queues the confirmation request to the requester, inside the transaction that resolves the ticket: the
 * structured resolution and the two links of the confirmation page, "it works" and "still broken".
 */
export async function notifyResolved(
  tx: ServiceDeps,
  actor: AgentActor,
  resolved: {
    ticketId: number;
    entryId: number;
    resolution: Resolution;
    confirmation: { token: string; expiresAt: number };
  },
): Promise<void> {
  if (!(await getSettings(tx.db)).emailConfirmationRequest) return;
  const mail = await loadTicketMail(tx, resolved.ticketId);
  if (!mail) return;
  const confirm = confirmationUrl(tx, resolved.confirmation.token);
  const { resolution } = resolved;
  await queueMail(tx, {
    kind: 'confirmation_request',
    template: 'confirmation_request',
    variables: {
      ...mail.variables,
      agent: { name: actor.name },
      resolution: {
        problem: resolution.problem,
        actionTaken: resolution.actionTaken,
        confirmation: resolution.confirmation,
        nextSteps: resolution.nextSteps,
        expiresOn: new Date(resolved.confirmation.expiresAt).toISOString().slice(0, 10),
      },
      links: { ...mail.variables.links, confirm, reopen: `${confirm}?action=reopen` },
    },
    to: [mail.facts.requester.email],
    exclude: await addressesOfActor(tx, actor),
    ticket: { id: mail.facts.id, number: mail.facts.number },
    entryId: resolved.entryId,
  });
}
