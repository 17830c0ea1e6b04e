import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  clearPresence,
  listPresence,
  markPresence,
  PRESENCE_TTL_MS,
} from '../../../services/presence/presence.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, ItemsOf } from '../common.schema.ts';
import { TicketParams } from '../tickets/tickets.schema.ts';
import { presentPresence } from './presence.presenter.ts';
import { Presence, PresenceBody } from './presence.schema.ts';

const tags = ['live'];
const NoContent = Type.Null({ description: 'No content' });

/** Who else is on a ticket: for the console's collision warnings. */
export function registerPresenceRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.put(
    '/tickets/:number/presence',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Say you are viewing or replying to a ticket',
        description: `Lasts ${PRESENCE_TTL_MS / 1000} seconds; send it again every 20 seconds while you stay. Answers with the other agents on the ticket.`,
        params: TicketParams,
        body: PresenceBody,
        response: { 200: ItemsOf(Presence), ...errorResponses },
      },
    },
    async (request) => {
      const others = await markPresence(deps, agentOf(request), request.params.number, request.body.state);
      return { items: others.map(presentPresence) };
    },
  );

  api.delete(
    '/tickets/:number/presence',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Say you left a ticket',
        params: TicketParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await clearPresence(deps, agentOf(request), request.params.number);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/tickets/:number/presence',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'List the other agents viewing or replying to a ticket now',
        params: TicketParams,
        response: { 200: ItemsOf(Presence), ...errorResponses },
      },
    },
    async (request) => {
      const others = await listPresence(deps, agentOf(request), request.params.number);
      return { items: others.map(presentPresence) };
    },
  );
}
