import { Type } from 'typebox';
import { CURSOR_PATTERN } from '../../../live/cursor.ts';

export const EventsQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({
        pattern: CURSOR_PATTERN,
        description:
          'Resume after this cursor (the id of the last message received); a Last-Event-ID header wins over it.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const EventsHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ maxLength: 100 })),
});

export const EventStream = Type.String({
  description:
    'text/event-stream: ready, ticket, presence, counts, reset and heartbeat events (see docs/api/live.md)',
});
