import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { issueApiToken, listVisibleApiTokens, revokeApiToken } from '../../../services/auth/api-tokens.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { NoContent } from '../auth/auth.schema.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentApiToken, presentCreatedToken } from './tokens.presenter.ts';
import { ApiToken, CreatedToken, CreateTokenBody, ListTokensQuery } from './tokens.schema.ts';

/** Personal API tokens: create (the secret is shown once), list, revoke. */
export async function registerTokenRoutes(api: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/tokens',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (for yourself, or for any agent as an administrator)',
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { name, agentId, expiresAt } = request.body;
      const created = await issueApiToken(deps, agentOf(request), {
        name,
        ...(agentId !== undefined ? { agentId } : {}),
        expiresAt: expiresAt ? Date.parse(expiresAt) : null,
      });
      reply.code(201).header('cache-control', 'no-store');
      return presentCreatedToken(created.token, created.record);
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tokens'],
        summary: "List your API tokens (every agent's with all=true, administrators only)",
        querystring: ListTokensQuery,
        response: { 200: ItemsOf(ApiToken), ...errorResponses },
      },
    },
    async (request) => {
      const records = await listVisibleApiTokens(deps, agentOf(request), { all: request.query.all === true });
      return { items: records.map(presentApiToken) };
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token (your own, or any as an administrator)',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, agentOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
