import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createStatus,
  deleteStatus,
  getStatus,
  listStatuses,
  updateStatus,
} from '../../../services/statuses/statuses.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentStatus } from './statuses.presenter.ts';
import { CreateStatusBody, Status, UpdateStatusBody } from './statuses.schema.ts';

const tags = ['statuses'];
const NoContent = Type.Null({ description: 'No content' });

/** Ticket statuses: any agent reads them, administrators manage them. */
export function registerStatusRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/statuses',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'List ticket statuses, in display order',
        response: { 200: ItemsOf(Status), ...errorResponses },
      },
    },
    async () => ({ items: (await listStatuses(deps)).map(presentStatus) }),
  );

  app.get(
    '/statuses/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get a ticket status',
        params: IdParams,
        response: { 200: Status, ...errorResponses },
      },
    },
    async (request) => presentStatus(await getStatus(deps, request.params.id)),
  );

  app.post(
    '/statuses',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a ticket status',
        body: CreateStatusBody,
        response: { 201: Status, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentStatus(await createStatus(deps, request.body));
    },
  );

  app.patch(
    '/statuses/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a ticket status',
        params: IdParams,
        body: UpdateStatusBody,
        response: { 200: Status, ...errorResponses },
      },
    },
    async (request) => presentStatus(await updateStatus(deps, request.params.id, request.body)),
  );

  app.delete(
    '/statuses/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a status no ticket uses and that is not the last of its state',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteStatus(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
