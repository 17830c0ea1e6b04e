import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { acceptAgentInvite, readAgentInvite } from '../../../services/agents/agent-invites.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { ErrorResponse, errorResponses } from '../common.schema.ts';
import {
  AcceptAgentInviteBody,
  AcceptedAgentInvite,
  AgentInvite,
  InviteTokenParams,
} from './agent-invites.schema.ts';

const tags = ['agents'];
const errors = { ...errorResponses, 410: ErrorResponse };

/**
 * The invited agent's set-password page. No sign-in: the emailed token is the key; it names one agent,
 * expires, and works once.
 */
export function registerAgentInviteRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/agent-invites/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Show whom an agent invitation is for',
        security: [],
        params: InviteTokenParams,
        response: { 200: AgentInvite, ...errors },
      },
    },
    async (request) => readAgentInvite(deps, request.params.token),
  );

  api.post(
    '/agent-invites/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Spend an agent invitation: set the agent's password and end their other sessions",
        security: [],
        params: InviteTokenParams,
        body: AcceptAgentInviteBody,
        response: { 200: AcceptedAgentInvite, ...errors },
      },
    },
    async (request) => acceptAgentInvite(deps, request.params.token, request.body.password),
  );
}
