import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../domain/errors.ts';
import {
  createCannedResponse,
  deleteCannedResponse,
  getCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from '../../../services/canned-responses/canned-responses.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentCannedResponse } from './canned-responses.presenter.ts';
import {
  CannedResponse,
  CannedResponseQuery,
  CreateCannedResponseBody,
  UpdateCannedResponseBody,
} from './canned-responses.schema.ts';

const tags = ['canned-responses'];
const NoContent = Type.Null({ description: 'No content' });

function rejectBothBodies(body: { body?: string | undefined; bodyHtml?: string | undefined }): void {
  if (body.body !== undefined && body.bodyHtml !== undefined) {
    throw new AppError('validation_failed', 'Give the body as body or as bodyHtml, not both', {
      in: 'body',
      field: 'bodyHtml',
    });
  }
}

/** Canned responses: agents read the active ones, administrators manage them. */
export function registerCannedResponseRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/canned-responses',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: "List canned responses (a department's and the global ones)",
        querystring: CannedResponseQuery,
        response: { 200: ItemsOf(CannedResponse), ...errorResponses },
      },
    },
    async (request) => {
      const includeInactive = request.query.all === true;
      if (includeInactive && !agentOf(request).isAdmin) {
        throw new AppError('forbidden', 'Only administrators list inactive canned responses');
      }
      const items = await listCannedResponses(deps, {
        departmentId: request.query.departmentId,
        includeInactive,
      });
      return { items: items.map(presentCannedResponse) };
    },
  );

  app.get(
    '/canned-responses/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get a canned response',
        params: IdParams,
        response: { 200: CannedResponse, ...errorResponses },
      },
    },
    async (request) => presentCannedResponse(await getCannedResponse(deps, request.params.id)),
  );

  app.post(
    '/canned-responses',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a canned response',
        body: CreateCannedResponseBody,
        response: { 201: CannedResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      rejectBothBodies(request.body);
      reply.code(201);
      return presentCannedResponse(await createCannedResponse(deps, request.body));
    },
  );

  app.patch(
    '/canned-responses/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a canned response',
        params: IdParams,
        body: UpdateCannedResponseBody,
        response: { 200: CannedResponse, ...errorResponses },
      },
    },
    async (request) => {
      rejectBothBodies(request.body);
      return presentCannedResponse(await updateCannedResponse(deps, request.params.id, request.body));
    },
  );

  app.delete(
    '/canned-responses/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a canned response',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCannedResponse(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
