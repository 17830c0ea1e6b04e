import type { Actor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { queueMail } from './queue-email.ts';
import { addressesOfActor, listAlertRecipients } from './recipients.ts';
import { loadEntryVariables, loadTicketMail } from './ticket-mail.ts';

/** Whether the first message was itself automatic (an auto-reply, a bounce): answering it could loop. */
function isAutomatedMessage(meta: Record<string, unknown> | null | undefined): boolean {
  return meta?.autoReply === true || meta?.bounce === true;
}

/**
 * Queues the mail a new ticket causes, inside the transaction that opens it: the auto-response to the
 * requester (unless the caller or the settings turn it off, or the first message was automatic) and the
 * new-ticket alert to the assignee or the department's agents (unless `alert` is false).
 */
export async function notifyTicketCreated(
  tx: ServiceDeps,
  actor: Actor,
  created: {
    ticketId: number;
    entryId: number;
    autoRespond?: boolean | undefined;
    alert?: boolean | undefined;
    emailMeta?: Record<string, unknown> | null | undefined;
  },
): Promise<void> {
  const settings = await getSettings(tx.db);
  const wantsResponse =
    settings.emailAutoResponse && created.autoRespond !== false && !isAutomatedMessage(created.emailMeta);
  const wantsAlert = settings.emailNewTicketAlert && created.alert !== false;
  if (!wantsResponse && !wantsAlert) return;
  const mail = await loadTicketMail(tx, created.ticketId);
  if (!mail) return;
  const ticket = { id: mail.facts.id, number: mail.facts.number };
  const exclude = await addressesOfActor(tx, actor);
  const entry = await loadEntryVariables(tx, created.entryId);
  if (wantsResponse) {
    await queueMail(tx, {
      kind: 'auto_response',
      template: 'auto_response',
      variables: { ...mail.variables, entry: { body: entry.body } },
      to: [mail.facts.requester.email],
      exclude,
      ticket,
      entryId: created.entryId,
    });
  }
  if (!wantsAlert) return;
  for (const agent of await listAlertRecipients(tx, mail.facts, actor)) {
    await queueMail(tx, {
      kind: 'new_ticket_alert',
      template: 'new_ticket_alert',
      variables: { ...mail.variables, recipient: { name: agent.name }, entry: { body: entry.body } },
      to: [agent.email],
      exclude,
      ticket,
      entryId: created.entryId,
    });
  }
}
