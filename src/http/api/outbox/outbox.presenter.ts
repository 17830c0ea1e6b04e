import type { Static } from 'typebox';
import type { OutboundMessageRecord } from '../../../db/repositories/outbound-messages.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { OutboundStatus } from '../../../mail/outbound/kinds.ts';
import type { OutboundMessage, OutboundMessageSummary } from './outbox.schema.ts';

/** A mail of the outbox in a list: who, what, where it stands. */
export function presentOutboundSummary(
  message: OutboundMessageRecord,
): Static<typeof OutboundMessageSummary> {
  return {
    id: message.id,
    ticketId: message.ticketId,
    entryId: message.entryId,
    kind: message.kind,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    messageId: message.messageId,
    status: message.status as OutboundStatus,
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: iso(message.createdAt) as string,
    sentAt: iso(message.sentAt),
    updatedAt: iso(message.updatedAt) as string,
  };
}

/** A mail of the outbox in full, as it was (or will be) sent. */
export function presentOutboundMessage(message: OutboundMessageRecord): Static<typeof OutboundMessage> {
  return {
    ...presentOutboundSummary(message),
    from: message.from,
    inReplyTo: message.inReplyTo,
    references: message.references,
    headers: message.headers,
    bodyText: message.bodyText,
    bodyHtml: message.bodyHtml,
    attachments: message.attachments.map(({ filename, contentType, size }) => ({
      filename,
      contentType,
      size,
    })),
  };
}
