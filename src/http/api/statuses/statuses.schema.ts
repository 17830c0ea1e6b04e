import { Type } from 'typebox';
import { TICKET_STATES } from '../../../domain/ticket/lifecycle.ts';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const State = Type.Enum(TICKET_STATES, { description: 'The ticket state this status is a label of.' });
const SortOrder = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });

export const Status = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  state: State,
  sortOrder: Type.Integer(),
  isDefault: Type.Boolean({ description: 'The status a ticket gets on entering this state.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateStatusBody = Type.Object(
  {
    name: Name,
    state: State,
    sortOrder: Type.Optional(SortOrder),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateStatusBody = Type.Object(
  {
    name: Type.Optional(Name),
    state: Type.Optional(State),
    sortOrder: Type.Optional(SortOrder),
    isDefault: Type.Optional(
      Type.Boolean({
        description: "true makes it its state's default; a default cannot be unset, only replaced.",
      }),
    ),
  },
  { additionalProperties: false },
);
