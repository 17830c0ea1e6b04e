import { hasOutboundForEntry } from '../../db/repositories/outbound-messages.repository.ts';
import { findTicket } from '../../db/repositories/tickets.repository.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { MailBatch, queueMail } from './queue-email.ts';
import { type ActingParty, addressesOfActor, listAlertRecipients } from './recipients.ts';
import { loadEntryVariables, loadTicketMail } from './ticket-mail.ts';

/** The job that writes the mail a new ticket causes. */
export const TICKET_CREATED_JOB_TYPE = 'notifications.ticket-created';

/** What the job needs to know of the new ticket and of who opened it. */
export interface TicketCreatedNotice {
  ticketId: number;
  entryId: number;
  /** The agent who opened it (kept from the alert), or null for a requester, an API key or the system. */
  actingAgentId: number | null;
  /** Whether the requester gets the auto-response (osTicket's `autorespond`); absent: yes. */
  autoRespond?: boolean | undefined;
  /** Whether agents get the new-ticket alert (osTicket's `alert`); absent: yes. */
  alert?: boolean | undefined;
  /** The first message was itself automatic (an auto-reply, a bounce): answering it could loop. */
  automated?: boolean | undefined;
}

/** Whether the first message was itself automatic (an auto-reply, a bounce). */
export function isAutomatedMessage(meta: Record<string, unknown> | null | undefined): boolean {
  return meta?.autoReply === true || meta?.bounce === true;
}

/**
 * Queues, in the transaction that opens the ticket, the job that will write its mail. The ticket is
 * committed with the job, so the mail cannot be lost; rendering it and choosing the recipients (the
 * department's agents may be many) happens in the worker, off the request's path.
 */
export async function queueTicketCreatedNotice(tx: ServiceDeps, notice: TicketCreatedNotice): Promise<void> {
  if (notice.autoRespond === false && notice.alert === false) return;
  await enqueueJob(tx, {
    type: TICKET_CREATED_JOB_TYPE,
    payload: notice,
    dedupeKey: `${TICKET_CREATED_JOB_TYPE}:${notice.ticketId}`,
  });
}

const CREATED_KINDS = ['auto_response', 'new_ticket_alert'];

function isNotice(payload: unknown): payload is TicketCreatedNotice {
  const notice = payload as Partial<TicketCreatedNotice> | null;
  return (
    typeof notice?.ticketId === 'number' &&
    typeof notice.entryId === 'number' &&
    (notice.actingAgentId === null || typeof notice.actingAgentId === 'number')
  );
}

/** The worker's handler: writes the auto-response and the alerts, once even if the job runs twice. */
export async function ticketCreatedNotificationJob(deps: ServiceDeps, payload: unknown): Promise<void> {
  if (!isNotice(payload))
    throw new TypeError('A ticket-created notice needs ticketId, entryId, actingAgentId');
  await inTransaction(deps, async (tx) => {
    // Delivery is at least once: a rerun after the mail was written must not write it again.
    if (await hasOutboundForEntry(tx.db, payload.ticketId, payload.entryId, CREATED_KINDS)) return;
    if (!(await findTicket(tx.db, { id: payload.ticketId }))) return;
    await notifyTicketCreated(tx, payload);
  });
}

/**
 * Writes the mail a new ticket causes: the auto-response to the requester (unless the caller or the
 * settings turn it off, or the first message was automatic) and the new-ticket alert to the assignee or
 * the department's agents (unless `alert` is false).
 */
export async function notifyTicketCreated(tx: ServiceDeps, notice: TicketCreatedNotice): Promise<void> {
  const settings = await getSettings(tx.db);
  const wantsResponse =
    settings.emailAutoResponse && notice.autoRespond !== false && notice.automated !== true;
  const wantsAlert = settings.emailNewTicketAlert && notice.alert !== false;
  if (!wantsResponse && !wantsAlert) return;
  const mail = await loadTicketMail(tx, notice.ticketId);
  if (!mail) return;
  const actor: ActingParty =
    notice.actingAgentId === null ? { kind: 'system' } : { kind: 'agent', agentId: notice.actingAgentId };
  const ticket = { id: mail.facts.id, number: mail.facts.number };
  const exclude = await addressesOfActor(tx, actor);
  const entry = await loadEntryVariables(tx, notice.entryId);
  const batch = new MailBatch(tx);
  if (wantsResponse) {
    await queueMail(
      tx,
      {
        kind: 'auto_response',
        template: 'auto_response',
        variables: { ...mail.variables, entry: { body: entry.body } },
        to: [mail.facts.requester.email],
        exclude,
        ticket,
        entryId: notice.entryId,
      },
      batch,
    );
  }
  if (!wantsAlert) return;
  for (const agent of await listAlertRecipients(tx, mail.facts, actor)) {
    await queueMail(
      tx,
      {
        kind: 'new_ticket_alert',
        template: 'new_ticket_alert',
        variables: { ...mail.variables, recipient: { name: agent.name }, entry: { body: entry.body } },
        to: [agent.email],
        exclude,
        ticket,
        entryId: notice.entryId,
      },
      batch,
    );
  }
}
