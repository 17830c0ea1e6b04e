import { Type } from 'typebox';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Urgency = Type.Integer({ minimum: 1, maximum: 100, description: '1 is the most urgent.' });
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'A #rrggbb colour.' });

export const Priority = Type.Object({
  id: Type.Integer(),
  key: Type.String({ description: 'The stable name tickets and integrations use, e.g. "high".' }),
  name: Type.String(),
  urgency: Type.Integer(),
  color: Type.String(),
  isDefault: Type.Boolean({ description: 'New tickets get this priority when nothing else decides.' }),
});

export const CreatePriorityBody = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 40,
      pattern: '^[a-z0-9][a-z0-9_-]*$',
      description: 'Lower-case letters, digits, "-" and "_"; it cannot be changed later.',
    }),
    name: Name,
    urgency: Urgency,
    color: Color,
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdatePriorityBody = Type.Object(
  {
    name: Type.Optional(Name),
    urgency: Type.Optional(Urgency),
    color: Type.Optional(Color),
    isDefault: Type.Optional(
      Type.Boolean({ description: 'true makes it the default; the default cannot be unset, only replaced.' }),
    ),
  },
  { additionalProperties: false },
);
