import { Type } from 'typebox';
import { BULK_LIMIT } from '../../../services/bulk/bulk-update.ts';

const Id = Type.Integer({ minimum: 1 });

export const BulkBody = Type.Object(
  {
    numbers: Type.Array(Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$' }), {
      minItems: 1,
      maxItems: BULK_LIMIT,
      uniqueItems: true,
    }),
    changes: Type.Object(
      {
        assigneeId: Type.Optional(Type.Union([Id, Type.Null()])),
        teamId: Type.Optional(Type.Union([Id, Type.Null()])),
        departmentId: Type.Optional(Id),
        priority: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
        status: Type.Optional(Type.Integer({ minimum: 1, description: 'A status id' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const BulkResults = Type.Object({
  results: Type.Array(
    Type.Object({
      number: Type.String(),
      ok: Type.Boolean(),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});
