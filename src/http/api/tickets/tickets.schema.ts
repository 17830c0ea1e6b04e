import { Type } from 'typebox';
import { TICKET_SOURCES, TICKET_STATES } from '../../../domain/ticket/lifecycle.ts';
import { RESOLUTION_CODES } from '../../../domain/ticket/resolution.ts';
import { NullableRef, NullableTimestamp, Ref, Timestamp } from '../common.schema.ts';

const TicketNumber = Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$', description: 'The ticket number' });
export const TicketParams = Type.Object({ number: TicketNumber });

const Tag = Type.String({ minLength: 1, maxLength: 50, pattern: '^[^,\\p{Cc}]+$' });
const Tags = Type.Array(Tag, { maxItems: 30 });
const FieldValue = Type.Union([
  Type.String({ maxLength: 10_000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
]);
const Fields = Type.Record(Type.String({ minLength: 1, maxLength: 100 }), FieldValue, { maxProperties: 100 });
const Body = Type.String({ maxLength: 1_000_000 });
const PriorityKey = Type.String({
  minLength: 1,
  maxLength: 50,
  description: 'low, normal, high, emergency or a custom key',
});

export const AttachmentInput = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.Optional(Type.String({ maxLength: 255, pattern: '^[\\w.+-]+/[\\w.+-]+' })),
    data: Type.String({ description: 'The file contents, base64-encoded' }),
  },
  { additionalProperties: false },
);
const Attachments = Type.Array(AttachmentInput, { maxItems: 20 });

export const CreateTicketBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 255, pattern: '\\S' }),
    body: Type.Optional(Body),
    bodyHtml: Type.Optional(Body),
    requester: Type.Object(
      {
        email: Type.String({ format: 'email', maxLength: 254 }),
        name: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
    topicId: Type.Optional(Type.Integer({ minimum: 1 })),
    priority: Type.Optional(PriorityKey),
    source: Type.Optional(Type.Union(TICKET_SOURCES.map((s) => Type.Literal(s)))),
    assigneeId: Type.Optional(Type.Integer({ minimum: 1 })),
    teamId: Type.Optional(Type.Integer({ minimum: 1 })),
    tags: Type.Optional(Tags),
    fields: Type.Optional(Fields),
    attachments: Type.Optional(Attachments),
  },
  { additionalProperties: false },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' }),
  ),
});

export const PatchTicketBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '\\S' })),
    assigneeId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    teamId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
    priority: Type.Optional(PriorityKey),
    status: Type.Optional(Type.Integer({ minimum: 1, description: 'A status id' })),
    topicId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    dueAt: Type.Optional(NullableTimestamp),
    tags: Type.Optional(Tags),
    fields: Type.Optional(Fields),
  },
  { additionalProperties: false },
);

export const AssignBody = Type.Object(
  {
    assigneeId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    teamId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    note: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

export const TransferBody = Type.Object(
  {
    departmentId: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

export const EntryBody = Type.Object(
  {
    body: Type.Optional(Body),
    bodyHtml: Type.Optional(Body),
    attachments: Type.Optional(Attachments),
  },
  { additionalProperties: false },
);

export const ReplyBody = Type.Object(
  {
    body: Type.Optional(Body),
    bodyHtml: Type.Optional(Body),
    attachments: Type.Optional(Attachments),
    status: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Move the ticket to this status with the reply' }),
    ),
  },
  { additionalProperties: false },
);

// The narrative fields are optional in the schema so that a missing one gets the 422 that names every
// missing field at once, rather than a 400 about the first.
export const ResolveBody = Type.Object(
  {
    problem: Type.Optional(Type.String({ maxLength: 20_000, description: 'Problem identified' })),
    actionTaken: Type.Optional(Type.String({ maxLength: 20_000 })),
    confirmation: Type.Optional(Type.String({ maxLength: 20_000, description: 'How the fix was confirmed' })),
    nextSteps: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
    code: Type.Optional(Type.String({ maxLength: 50, description: `One of ${RESOLUTION_CODES.join(', ')}` })),
    status: Type.Optional(
      Type.Integer({ minimum: 1, description: 'A resolved-state status; the default otherwise' }),
    ),
  },
  { additionalProperties: false },
);

const csv = (description: string) => Type.String({ maxLength: 1000, description });
export const ListTicketsQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 500, description: 'Words matched by prefix in subject and thread' }),
    ),
    state: Type.Optional(csv(`Comma-separated states: ${TICKET_STATES.join(', ')}`)),
    status: Type.Optional(Type.Integer({ minimum: 1 })),
    departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
    assigneeId: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('me'), Type.Literal('none')]),
    ),
    teamId: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('mine')], {
        description: "A team id, or 'mine' for any of the caller's teams",
      }),
    ),
    priority: Type.Optional(PriorityKey),
    topicId: Type.Optional(Type.Integer({ minimum: 1 })),
    requesterId: Type.Optional(Type.Integer({ minimum: 1 })),
    organizationId: Type.Optional(Type.Integer({ minimum: 1 })),
    overdue: Type.Optional(Type.Boolean()),
    tags: Type.Optional(csv('Comma-separated tags; tickets must have all of them')),
    sort: Type.Optional(
      Type.String({
        description: 'updated, -updated (default), created, -created, due, -due, number, -number',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

export const ResolutionSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  problem: Type.String(),
  actionTaken: Type.String(),
  confirmation: Type.String(),
  nextSteps: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Timestamp,
  resolvedById: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  outcomeAt: NullableTimestamp,
  confirmationUrl: Type.Union([Type.String(), Type.Null()]),
  confirmationToken: Type.Union([Type.String(), Type.Null()]),
  confirmationExpiresAt: NullableTimestamp,
});

export const TicketSchema = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String(),
    subject: Type.String(),
    state: Type.String(),
    status: Ref,
    priority: Type.Object({ id: Type.Integer(), key: Type.String(), name: Type.String() }),
    source: Type.String(),
    requester: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
    }),
    organization: NullableRef,
    department: Ref,
    topic: NullableRef,
    assignee: NullableRef,
    team: NullableRef,
    slaPlan: NullableRef,
    dueAt: NullableTimestamp,
    isAnswered: Type.Boolean(),
    isOverdue: Type.Boolean(),
    fields: Type.Record(Type.String(), Type.Unknown()),
    tags: Type.Array(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    lastMessageAt: Timestamp,
    lastResponseAt: NullableTimestamp,
    resolvedAt: NullableTimestamp,
    closedAt: NullableTimestamp,
    reopenedAt: NullableTimestamp,
    resolution: Type.Optional(Type.Union([ResolutionSchema, Type.Null()])),
  },
  { $id: 'Ticket' },
);

const Author = Type.Object({
  type: Type.String({ description: 'agent, user or system' }),
  id: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
});

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

export const EntrySchema = Type.Object({
  type: Type.String({ description: 'message, reply, note or resolution' }),
  id: Type.Integer(),
  author: Author,
  bodyHtml: Type.String(),
  bodyText: Type.String(),
  createdAt: Timestamp,
  attachments: Type.Array(AttachmentSchema),
});

export const EventSchema = Type.Object({
  type: Type.Literal('event'),
  id: Type.Integer(),
  event: Type.String({
    description: 'created, assigned, transferred, status_changed, resolved, confirmed, ...',
  }),
  actor: Author,
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
});

export const ThreadSchema = Type.Object({ items: Type.Array(Type.Union([EntrySchema, EventSchema])) });
export const ThreadQuery = Type.Object(
  { events: Type.Optional(Type.Boolean({ default: true, description: 'Interleave events' })) },
  { additionalProperties: false },
);
