import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CollaboratorRecord } from '../../../db/repositories/collaborators.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  addTicketCollaborator,
  getCollaborators,
  removeTicketCollaborator,
} from '../../../services/tickets/collaborators.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, Timestamp } from '../common.schema.ts';
import { TicketParams } from './tickets.schema.ts';

const tags = ['tickets'];
const Collaborator = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  addedAt: Timestamp,
});
const Collaborators = Type.Object({ items: Type.Array(Collaborator) });

function present(items: CollaboratorRecord[]) {
  return {
    items: items.map((c) => ({
      userId: c.userId,
      name: c.name,
      email: c.email,
      addedAt: iso(c.addedAt) as string,
    })),
  };
}

/** Collaborators: people copied on a ticket, who receive its replies and may write to it. */
export function registerCollaboratorRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/tickets/:number/collaborators',
    {
      schema: {
        tags,
        summary: 'List collaborators',
        params: TicketParams,
        response: { 200: Collaborators, ...errorResponses },
      },
    },
    async (request) => present(await getCollaborators(deps, agentOf(request), request.params.number)),
  );
  api.post(
    '/tickets/:number/collaborators',
    {
      schema: {
        tags,
        summary: 'Copy someone on a ticket',
        params: TicketParams,
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            name: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Collaborators, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          present(await addTicketCollaborator(deps, agentOf(request), request.params.number, request.body)),
        ),
  );
  api.delete(
    '/tickets/:number/collaborators/:userId',
    {
      schema: {
        tags,
        summary: 'Stop copying someone on a ticket',
        params: Type.Object({ number: TicketParams.properties.number, userId: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeTicketCollaborator(deps, agentOf(request), request.params.number, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}
