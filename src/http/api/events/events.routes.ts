import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type LiveCursor, parseCursor } from '../../../live/cursor.ts';
import type { LiveFeed } from '../../../live/live-feed.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses } from '../common.schema.ts';
import { EventStream, EventsHeaders, EventsQuery } from './events.schema.ts';
import { reauthenticatorOf } from './reauthenticate.ts';

// An unreadable Last-Event-ID comes from a client that reconnects by itself; refusing it would stop the
// EventSource for good, so the stream starts over with a reset instead.
function resumePoint(header: string | undefined, since: string | undefined): LiveCursor | 'lost' | null {
  if (header !== undefined && header !== '') return parseCursor(header) ?? 'lost';
  return since === undefined ? null : parseCursor(since);
}

/** The live stream of the agent console: ticket changes, presence and count hints, as server-sent events. */
export function registerEventRoutes(parent: FastifyInstance, deps: ServiceDeps, feed: LiveFeed): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/events',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['live'],
        summary: 'Stream live updates (server-sent events)',
        description:
          'Works with EventSource and the session cookie. Each ticket message carries an id; reconnecting with Last-Event-ID (or ?since=) sends what was missed, or a reset event when too much was.',
        querystring: EventsQuery,
        headers: EventsHeaders,
        produces: ['text/event-stream'],
        response: { 200: EventStream, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = agentOf(request);
      const since = resumePoint(request.headers['last-event-id'], request.query.since);
      // The response is written by hand from here on, for as long as the client stays.
      reply.hijack();
      await feed.connect(reply.raw, actor, since, reauthenticatorOf(deps, request));
    },
  );
}
