import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createApiKey,
  deleteApiKey,
  getApiKey,
  listApiKeys,
  updateApiKey,
} from '../../../services/api-keys/api-keys.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentApiKey, presentCreatedApiKey } from './api-keys.presenter.ts';
import { ApiKey, CreateApiKeyBody, CreatedApiKey, UpdateApiKeyBody } from './api-keys.schema.ts';

const tags = ['api-keys'];
const NoContent = Type.Null({ description: 'No content' });

/** osTicket-compatible API keys (X-API-Key on /api/tickets.*): administrators only. */
export function registerApiKeyRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api-keys',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'List osTicket-compatible API keys',
        response: { 200: ItemsOf(ApiKey), ...errorResponses },
      },
    },
    async () => ({ items: (await listApiKeys(deps)).map(presentApiKey) }),
  );

  app.get(
    '/api-keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Get an osTicket-compatible API key',
        params: IdParams,
        response: { 200: ApiKey, ...errorResponses },
      },
    },
    async (request) => presentApiKey(await getApiKey(deps, request.params.id)),
  );

  app.post(
    '/api-keys',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create an osTicket-compatible API key (the key is in this answer only)',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(deps, request.body, agentOf(request).agentId);
      reply.code(201).header('cache-control', 'no-store');
      return presentCreatedApiKey(created.key, created.record);
    },
  );

  app.patch(
    '/api-keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change an API key: name, allowed sources, permission, active',
        params: IdParams,
        body: UpdateApiKeyBody,
        response: { 200: ApiKey, ...errorResponses },
      },
    },
    async (request) => presentApiKey(await updateApiKey(deps, request.params.id, request.body)),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete an API key',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteApiKey(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
