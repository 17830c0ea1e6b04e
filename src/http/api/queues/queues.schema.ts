import { Type } from 'typebox';
import { TICKET_SORTS } from '../../../services/tickets/read-tickets.ts';
import { Timestamp } from '../common.schema.ts';

const Id = Type.Integer({ minimum: 1 });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Sort = Type.String({ description: TICKET_SORTS.join(', ') });
const Position = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** The GET /tickets query keys a queue filters by. */
export const QueueFilters = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500, description: 'Search words' })),
    state: Type.Optional(Type.String({ maxLength: 200, description: 'Comma-separated states' })),
    status: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    assigneeId: Type.Optional(Type.Union([Id, Type.Literal('me'), Type.Literal('none')])),
    teamId: Type.Optional(Type.Union([Id, Type.Literal('mine')])),
    priority: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    topicId: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean()),
    tags: Type.Optional(Type.String({ maxLength: 1000, description: 'Comma-separated tags' })),
  },
  { additionalProperties: false },
);

export const Queue = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  isShared: Type.Boolean(),
  ownerId: Type.Union([Type.Integer(), Type.Null()]),
  filters: QueueFilters,
  sort: Type.String(),
  position: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateQueueBody = Type.Object(
  {
    name: Name,
    filters: Type.Optional(QueueFilters),
    sort: Type.Optional(Sort),
    position: Type.Optional(Position),
    isShared: Type.Optional(
      Type.Boolean({ description: 'Shared with every agent (administrators only); default false' }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateQueueBody = Type.Object(
  {
    name: Type.Optional(Name),
    filters: Type.Optional(QueueFilters),
    sort: Type.Optional(Sort),
    position: Type.Optional(Position),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const QueueCount = Type.Object({
  key: Type.String({
    description:
      'open, mine, teams, unassigned, overdue, waiting, resolved, closed, department:<id>, queue:<id>',
  }),
  kind: Type.Union([Type.Literal('builtin'), Type.Literal('department'), Type.Literal('saved')]),
  name: Type.String(),
  id: Type.Union([Type.Integer(), Type.Null()], { description: "The department's or saved queue's id" }),
  filters: QueueFilters,
  sort: Type.String(),
  count: Type.Integer(),
  isCapped: Type.Boolean({ description: 'The count stopped at the cap: there are at least that many' }),
});

export const QueueCounts = Type.Object({
  items: Type.Array(QueueCount),
  cap: Type.Integer({ description: 'Counts stop at this number' }),
});
