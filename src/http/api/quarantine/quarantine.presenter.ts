import type { Static } from 'typebox';
import type { InboundMessageRecord } from '../../../db/repositories/inbound-messages.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { InboundMessage } from './quarantine.schema.ts';

/** A received message as the API shows it. */
export function presentInboundMessage(message: InboundMessageRecord): Static<typeof InboundMessage> {
  return {
    id: message.id,
    messageId: message.messageId,
    from: message.fromAddress,
    subject: message.subject,
    channel: message.channel,
    mailboxId: message.mailboxId,
    recipients: message.recipients,
    rawSha256: message.rawSha256,
    rawSize: message.rawSize,
    status: message.status,
    reason: message.reason,
    ticketId: message.ticketId,
    ticketNumber: message.ticketNumber,
    entryId: message.entryId,
    attempts: message.attempts,
    receivedAt: iso(message.receivedAt) as string,
    updatedAt: iso(message.updatedAt) as string,
  };
}
