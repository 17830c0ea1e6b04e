import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';

export const JobStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('running'),
  Type.Literal('completed'),
  Type.Literal('failed'),
]);

export const Job = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  status: JobStatusSchema,
  payload: Type.Unknown({ description: 'The JSON the job was queued with.' }),
  dedupeKey: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer({ description: 'Attempts started so far (a retry by an administrator resets it).' }),
  maxAttempts: Type.Integer(),
  runAt: Timestamp,
  lockedBy: Type.Union([Type.String(), Type.Null()], { description: 'The worker running it, if any.' }),
  lockedUntil: NullableTimestamp,
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  completedAt: NullableTimestamp,
});

export const JobListQuery = Type.Object(
  {
    status: Type.Optional(JobStatusSchema),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

export const JobList = Type.Object({ items: Type.Array(Job) });
