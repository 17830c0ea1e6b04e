import { Type } from 'typebox';
import { FORM_FIELD_TYPES } from '../../../domain/forms/form-values.ts';
import { TICKET_STATES } from '../../../domain/ticket/lifecycle.ts';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';
import { AttachmentInput } from '../tickets/tickets.schema.ts';

const Email = Type.String({ format: 'email', maxLength: 254 });
const FieldValue = Type.Union([
  Type.String({ maxLength: 10_000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Attachments = Type.Array(AttachmentInput, { maxItems: 20 });
const MessageText = Type.String({ maxLength: 100_000, description: 'Plain text; line breaks are kept.' });

export const PortalField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: Type.Enum(FORM_FIELD_TYPES),
  isRequired: Type.Boolean(),
  options: Type.Array(Type.String(), { description: 'The choices of a select field.' }),
  placeholder: NullableString,
  helpText: NullableString,
});

export const PortalTopic = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  fields: Type.Array(PortalField),
});

export const OpenTicketBody = Type.Object(
  {
    email: Type.Optional(
      Type.String({
        format: 'email',
        maxLength: 254,
        description: 'Required unless signed in to the portal.',
      }),
    ),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    topicId: Type.Optional(Type.Integer({ minimum: 1, description: 'An active public help topic.' })),
    subject: Type.String({ minLength: 1, maxLength: 255, pattern: '\\S' }),
    body: MessageText,
    fields: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 100 }), FieldValue, {
        maxProperties: 100,
        description: "Values of the topic's public fields, by key.",
      }),
    ),
    attachments: Type.Optional(Attachments),
    website: Type.Optional(
      Type.String({ description: 'Leave empty: a field hidden from people, which only scripts fill in.' }),
    ),
  },
  { additionalProperties: false },
);

export const OpenTicketResponse = Type.Object({
  number: Type.String(),
  subject: Type.String(),
  state: Type.String(),
  accessLinkSent: Type.Boolean({
    description: 'A guest was mailed a one-time sign-in link that opens the ticket.',
  }),
});

export const PortalUser = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: NullableString,
  organization: Type.Union([
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      sharesTickets: Type.Boolean({ description: "Members see one another's tickets in their list." }),
    }),
    Type.Null(),
  ]),
  hasPassword: Type.Boolean({ description: 'Whether the user can sign in with a password too.' }),
});

export const SignInResponse = Type.Object({
  user: PortalUser,
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token on every write made with the cookie.' }),
  expiresAt: Timestamp,
  ticketNumber: Type.Union([Type.String(), Type.Null()], {
    description: 'The ticket a "check a ticket" link was sent for, to open after signing in.',
  }),
});

export const PortalMe = Type.Object({ ...PortalUser.properties, csrfToken: Type.String() });

export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });

export const TicketAccessBody = Type.Object(
  { email: Email, number: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
);

export const PortalLoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.Optional(
      Type.String({ maxLength: 1024, description: 'Required once the user has a password.' }),
    ),
    newPassword: Type.String({ minLength: 8, maxLength: 1024, description: 'At least 8 characters.' }),
  },
  { additionalProperties: false },
);

export const LinkTokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });

export const Accepted = Type.Object({ message: Type.String() });

export const PortalAttachment = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

export const PortalEntry = Type.Object({
  id: Type.Integer(),
  type: Type.Union([Type.Literal('message'), Type.Literal('reply'), Type.Literal('resolution')]),
  author: Type.Object({
    type: Type.String({ description: 'agent, user or system' }),
    name: Type.String(),
    isMe: Type.Boolean(),
  }),
  bodyHtml: Type.String(),
  bodyText: Type.String(),
  createdAt: Timestamp,
  attachments: Type.Array(PortalAttachment),
});

const summaryProperties = {
  number: Type.String(),
  subject: Type.String(),
  state: Type.String(),
  status: Type.Object({ name: Type.String() }),
  topic: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  requester: Type.Object({ name: Type.String(), isMe: Type.Boolean() }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastMessageAt: Timestamp,
  lastResponseAt: NullableTimestamp,
  resolvedAt: NullableTimestamp,
  closedAt: NullableTimestamp,
};

export const PortalTicketSummary = Type.Object(summaryProperties);

export const PortalTicketList = Type.Object({
  items: Type.Array(PortalTicketSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const PortalTicketListQuery = Type.Object(
  {
    state: Type.Optional(
      Type.String({ maxLength: 200, description: `Comma-separated states: ${TICKET_STATES.join(', ')}` }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words in the subject, or a ticket number' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

export const PortalTicketDetail = Type.Object({
  ...summaryProperties,
  fields: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), type: Type.String(), value: FieldValue }),
  ),
  resolution: Type.Union([
    Type.Object({
      code: Type.String(),
      problem: Type.String(),
      actionTaken: Type.String(),
      confirmation: Type.String(),
      nextSteps: NullableString,
      resolvedAt: Timestamp,
      outcome: Type.Union([Type.String(), Type.Null()], {
        description: 'confirmed, reopened or auto_closed; null while it awaits an answer',
      }),
    }),
    Type.Null(),
  ]),
  canReply: Type.Boolean({ description: 'The requester and people copied on the ticket may write on it.' }),
  canAnswerResolution: Type.Boolean({
    description: 'A resolution awaits the answer of the signed-in requester (confirm or reopen).',
  }),
  thread: Type.Array(PortalEntry),
});

export const MessageBody = Type.Object(
  { body: MessageText, attachments: Type.Optional(Attachments) },
  { additionalProperties: false },
);

export const MessageResponse = Type.Object({
  entry: PortalEntry,
  ticket: Type.Object({ number: Type.String(), state: Type.String() }),
});

export const ResolutionAnswerBody = Type.Object(
  {
    action: Type.Union([Type.Literal('confirm'), Type.Literal('reopen')]),
    comment: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
);

export const ResolutionAnswerResponse = Type.Object({
  ticket: Type.Object({ number: Type.String(), state: Type.String() }),
});
