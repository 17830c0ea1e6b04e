import { Type } from 'typebox';
import { INBOUND_STATUSES } from '../../../db/repositories/inbound-messages.repository.ts';
import { Timestamp } from '../common.schema.ts';

const Status = Type.Enum(INBOUND_STATUSES, {
  description:
    'received: stored, not finished (interrupted or failed for a passing reason); accepted: on a ticket; duplicate: ' +
    'the same Message-ID was already taken in; ignored: a loop or an unmatched bounce; quarantined: needs an ' +
    'administrator (unparseable, no sender, rejected by a rule); discarded: set aside by an administrator.',
});

export const InboundMessage = Type.Object({
  id: Type.Integer(),
  messageId: Type.String({
    description: 'The Message-ID, or one made from the content when the message had none.',
  }),
  from: Type.Union([Type.String(), Type.Null()]),
  subject: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String({ description: 'pipe, imap, smtp or api' }),
  mailboxId: Type.Union([Type.Integer(), Type.Null()]),
  recipients: Type.Array(Type.String(), { description: 'Envelope recipients, when the door knew them.' }),
  rawSha256: Type.String(),
  rawSize: Type.Integer(),
  status: Status,
  reason: Type.Union([Type.String(), Type.Null()], {
    description: 'Why it has this status, as "code" or "code: detail" (see docs/email.md).',
  }),
  ticketId: Type.Union([Type.Integer(), Type.Null()]),
  ticketNumber: Type.Union([Type.String(), Type.Null()]),
  entryId: Type.Union([Type.Integer(), Type.Null()]),
  attempts: Type.Integer({ description: 'How many times the pipeline ran on it.' }),
  receivedAt: Timestamp,
  updatedAt: Timestamp,
});

export const InboundMessageDetail = Type.Object({
  ...InboundMessage.properties,
  headers: Type.Array(Type.Object({ name: Type.String(), value: Type.String() }), {
    description: 'The header fields of the source, in order, unfolded and not decoded.',
  }),
});

export const InboundMessageList = Type.Object({
  items: Type.Array(InboundMessage),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const InboundMessageQuery = Type.Object(
  {
    status: Type.Optional(Status),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const RetryResult = Type.Object({
  outcome: Type.Enum(['created', 'appended', 'duplicate', 'ignored', 'quarantined'] as const),
  message: InboundMessage,
});
