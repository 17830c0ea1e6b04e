import { listCollaborators } from '../../db/repositories/collaborators.repository.ts';
import type { OutboundAttachment } from '../../db/repositories/outbound-messages.repository.ts';
import { listAttachmentsOfEntry } from '../../db/repositories/thread.repository.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { queueMail } from './queue-email.ts';
import { addressesOfActor } from './recipients.ts';
import { loadEntryVariables, loadTicketMail } from './ticket-mail.ts';

/**
 * Attachments travel with a reply up to this total; many servers refuse mail much above 10-25 MB once
 * base64 has grown it by a third. The rest are named in the mail and stay on the ticket.
 */
export const MAX_MAIL_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Splits an entry's attachments into those that fit in one mail and those left out. */
export function selectMailAttachments(
  attachments: readonly OutboundAttachment[],
  maxBytes: number = MAX_MAIL_ATTACHMENT_BYTES,
): { attached: OutboundAttachment[]; omitted: OutboundAttachment[] } {
  const attached: OutboundAttachment[] = [];
  const omitted: OutboundAttachment[] = [];
  let total = 0;
  for (const attachment of attachments) {
    if (total + attachment.size <= maxBytes) {
      attached.push(attachment);
      total += attachment.size;
    } else {
      omitted.push(attachment);
    }
  }
  return { attached, omitted };
}

/**
 * Queues an agent's reply as mail, inside the transaction that posts it: to the requester with the
 * collaborators in Cc, carrying the reply's attachments (as many as fit).
 */
export async function notifyAgentReply(
  tx: ServiceDeps,
  actor: AgentActor,
  reply: { ticketId: number; entryId: number },
): Promise<void> {
  if (!(await getSettings(tx.db)).emailAgentReply) return;
  const mail = await loadTicketMail(tx, reply.ticketId);
  if (!mail) return;
  const entry = await loadEntryVariables(tx, reply.entryId);
  const stored = await listAttachmentsOfEntry(tx.db, reply.entryId);
  const { attached, omitted } = selectMailAttachments(
    stored.map(({ filename, contentType, sha256, size }) => ({ filename, contentType, sha256, size })),
  );
  const collaborators = await listCollaborators(tx.db, reply.ticketId);
  await queueMail(tx, {
    kind: 'reply',
    template: 'reply',
    variables: {
      ...mail.variables,
      agent: { name: actor.name },
      entry: {
        ...entry,
        attachments: attached.map((file) => file.filename),
        omittedAttachments: omitted.map((file) => file.filename),
      },
    },
    to: [mail.facts.requester.email],
    cc: collaborators.map((person) => person.email),
    exclude: await addressesOfActor(tx, actor),
    ticket: { id: mail.facts.id, number: mail.facts.number },
    entryId: reply.entryId,
    attachments: attached,
  });
}
