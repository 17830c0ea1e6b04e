import { Type } from 'typebox';
import { OUTBOUND_KINDS } from '../../../mail/outbound/kinds.ts';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';

export const OutboundStatusSchema = Type.Union(
  [Type.Literal('waiting'), Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')],
  { description: 'waiting (no SMTP server configured), queued, sent or failed' },
);

const fields = {
  id: Type.Integer(),
  ticketId: Type.Union([Type.Integer(), Type.Null()]),
  entryId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String({ description: OUTBOUND_KINDS.join(', ') }),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  subject: Type.String(),
  messageId: Type.String(),
  status: OutboundStatusSchema,
  attempts: Type.Integer({ description: 'Delivery attempts so far.' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  sentAt: NullableTimestamp,
  updatedAt: Timestamp,
};

export const OutboundMessageSummary = Type.Object(fields);

export const OutboundMessage = Type.Object({
  ...fields,
  from: Type.String(),
  inReplyTo: Type.Union([Type.String(), Type.Null()]),
  references: Type.Union([Type.String(), Type.Null()]),
  headers: Type.Record(Type.String(), Type.String(), { description: 'Further headers, as sent.' }),
  bodyText: Type.String(),
  bodyHtml: Type.String(),
  attachments: Type.Array(
    Type.Object({
      filename: Type.String(),
      contentType: Type.String(),
      size: Type.Integer(),
    }),
  ),
});

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(OutboundStatusSchema),
    ticket: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A ticket number' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only mail with a smaller id (paging)' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const OutboxList = Type.Object({ items: Type.Array(OutboundMessageSummary) });
