import type { Actor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { MailBatch, queueMail } from './queue-email.ts';
import { addressesOfActor, listAlertRecipients } from './recipients.ts';
import { loadEntryVariables, loadTicketMail } from './ticket-mail.ts';

/**
 * Queues the new-message alert for a message from the requester or a collaborator, inside the
 * transaction that adds it: to the assignee, or the department's agents when nobody is assigned.
 */
export async function notifyRequesterMessage(
  tx: ServiceDeps,
  actor: Actor,
  message: { ticketId: number; entryId: number },
): Promise<void> {
  if (!(await getSettings(tx.db)).emailNewMessageAlert) return;
  const mail = await loadTicketMail(tx, message.ticketId);
  if (!mail) return;
  const exclude = await addressesOfActor(tx, actor);
  const entry = await loadEntryVariables(tx, message.entryId);
  const batch = new MailBatch(tx);
  for (const agent of await listAlertRecipients(tx, mail.facts, actor)) {
    await queueMail(
      tx,
      {
        kind: 'new_message_alert',
        template: 'new_message_alert',
        variables: { ...mail.variables, recipient: { name: agent.name }, entry },
        to: [agent.email],
        exclude,
        ticket: { id: mail.facts.id, number: mail.facts.number },
        entryId: message.entryId,
      },
      batch,
    );
  }
}
