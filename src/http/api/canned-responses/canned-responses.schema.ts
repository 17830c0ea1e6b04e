import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Body = Type.String({
  minLength: 1,
  maxLength: 100_000,
  description:
    'The body as plain text. Placeholders {{ticket.number}}, {{ticket.subject}}, {{requester.name}} and {{agent.name}} are kept as written and filled in when the response is inserted.',
});
const BodyHtml = Type.String({
  minLength: 1,
  maxLength: 200_000,
  description: 'The body as HTML, sanitized before it is stored; give this or `body`, not both.',
});
const DepartmentId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
  description: 'The department that uses the response, or null for every department.',
});

export const CannedResponse = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  bodyHtml: Type.String(),
  bodyText: Type.String(),
  departmentId: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The department that uses the response, or null for every department.',
  }),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CannedResponseQuery = Type.Object(
  {
    departmentId: Type.Optional(
      Type.Integer({ minimum: 1, description: "That department's responses plus the global ones." }),
    ),
    all: Type.Optional(Type.Boolean({ description: 'Include inactive responses (administrators only).' })),
  },
  { additionalProperties: false },
);

export const CreateCannedResponseBody = Type.Object(
  {
    title: Title,
    body: Type.Optional(Body),
    bodyHtml: Type.Optional(BodyHtml),
    departmentId: Type.Optional(DepartmentId),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateCannedResponseBody = Type.Object(
  {
    title: Type.Optional(Title),
    body: Type.Optional(Body),
    bodyHtml: Type.Optional(BodyHtml),
    departmentId: Type.Optional(DepartmentId),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
