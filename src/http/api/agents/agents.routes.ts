import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { iso } from '../../../lib/json.ts';
import { inviteAgent } from '../../../services/agents/agent-invites.ts';
import { getAgent, listAgents } from '../../../services/agents/agents.ts';
import { createAgent } from '../../../services/agents/create-agent.ts';
import { deleteAgent } from '../../../services/agents/delete-agent.ts';
import { updateAgent } from '../../../services/agents/update-agent.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentAgent } from './agents.presenter.ts';
import {
  Agent,
  CreateAgentBody,
  DeleteAgentQuery,
  SentAgentInvite,
  UpdateAgentBody,
} from './agents.schema.ts';

const tags = ['agents'];
const NoContent = Type.Null({ description: 'No content' });

/** Agents: any agent sees the roster, administrators manage it. */
export function registerAgentRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/agents',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'List agents', response: { 200: ItemsOf(Agent), ...errorResponses } },
    },
    async () => ({ items: (await listAgents(deps)).map(presentAgent) }),
  );

  app.get(
    '/agents/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get an agent',
        params: IdParams,
        response: { 200: Agent, ...errorResponses },
      },
    },
    async (request) => presentAgent(await getAgent(deps, request.params.id)),
  );

  app.post(
    '/agents',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create an agent',
        body: CreateAgentBody,
        response: { 201: Agent, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentAgent(await createAgent(deps, request.body));
    },
  );

  app.post(
    '/agents/:id/invite',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Email an active agent a one-time link to choose their password',
        params: IdParams,
        response: { 202: SentAgentInvite, ...errorResponses },
      },
    },
    async (request, reply) => {
      const sent = await inviteAgent(deps, request.params.id);
      reply.code(202);
      return { expiresAt: iso(sent.expiresAt) as string };
    },
  );

  app.patch(
    '/agents/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change an agent; deactivating them ends their sessions',
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: Agent, ...errorResponses },
      },
    },
    async (request) =>
      presentAgent(await updateAgent(deps, agentOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/agents/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Deactivate an agent (or, with permanent=true, delete one who never worked a ticket)',
        params: IdParams,
        querystring: DeleteAgentQuery,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteAgent(deps, agentOf(request), request.params.id, {
        permanent: request.query.permanent === true,
      });
      return reply.code(204).send(null);
    },
  );
}
