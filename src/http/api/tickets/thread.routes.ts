import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import { postNote, postReply } from '../../../services/tickets/post-entry.ts';
import { getEntry, getEvents, getThread } from '../../../services/tickets/read-tickets.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses } from '../common.schema.ts';
import { requireOneBody } from './body.ts';
import { presentEntry, presentEvent, presentTimeline } from './tickets.presenter.ts';
import {
  EntryBody,
  EntrySchema,
  EventSchema,
  ReplyBody,
  ThreadQuery,
  ThreadSchema,
  TicketParams,
} from './tickets.schema.ts';

const tags = ['tickets'];

/** The ticket thread: read it, its events, and post replies and internal notes. */
export function registerThreadRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/tickets/:number/thread',
    {
      schema: {
        tags,
        summary: 'Read the thread',
        description:
          'Messages, replies, internal notes and resolutions, with events interleaved by time (events=false leaves them out).',
        params: TicketParams,
        querystring: ThreadQuery,
        response: { 200: ThreadSchema, ...errorResponses },
      },
    },
    async (request) => {
      const items = await getThread(deps, agentOf(request), request.params.number, {
        includeEvents: request.query.events !== false,
      });
      return { items: presentTimeline(items) };
    },
  );

  api.get(
    '/tickets/:number/events',
    {
      schema: {
        tags,
        summary: 'Read the event timeline',
        params: TicketParams,
        response: { 200: Type.Object({ items: Type.Array(EventSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await getEvents(deps, agentOf(request), request.params.number)).map(presentEvent),
    }),
  );

  api.post(
    '/tickets/:number/replies',
    {
      schema: {
        tags,
        summary: 'Reply to the requester',
        description:
          'Marks the ticket answered; status moves it with the reply. A closed ticket needs a status that reopens it.',
        params: TicketParams,
        body: ReplyBody,
        response: { 201: EntrySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireOneBody(request.body);
      const posted = await postReply(deps, agentOf(request), request.params.number, request.body);
      const { entry, attachments } = await getEntry(deps, posted.entryId);
      return reply.status(201).send(presentEntry(entry, attachments));
    },
  );

  api.post(
    '/tickets/:number/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note',
        description: 'Visible to agents only.',
        params: TicketParams,
        body: EntryBody,
        response: { 201: EntrySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireOneBody(request.body);
      const posted = await postNote(deps, agentOf(request), request.params.number, request.body);
      const { entry, attachments } = await getEntry(deps, posted.entryId);
      return reply.status(201).send(presentEntry(entry, attachments));
    },
  );
}
