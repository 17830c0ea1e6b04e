import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createPriority,
  deletePriority,
  getPriority,
  listPriorities,
  updatePriority,
} from '../../../services/priorities/priorities.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentPriority } from './priorities.presenter.ts';
import { CreatePriorityBody, Priority, UpdatePriorityBody } from './priorities.schema.ts';

const tags = ['priorities'];
const NoContent = Type.Null({ description: 'No content' });

/** Priorities: any agent reads them, administrators manage them. */
export function registerPriorityRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/priorities',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'List priorities', response: { 200: ItemsOf(Priority), ...errorResponses } },
    },
    async () => ({ items: (await listPriorities(deps)).map(presentPriority) }),
  );

  app.get(
    '/priorities/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get a priority',
        params: IdParams,
        response: { 200: Priority, ...errorResponses },
      },
    },
    async (request) => presentPriority(await getPriority(deps, request.params.id)),
  );

  app.post(
    '/priorities',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a priority',
        body: CreatePriorityBody,
        response: { 201: Priority, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentPriority(await createPriority(deps, request.body));
    },
  );

  app.patch(
    '/priorities/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a priority',
        params: IdParams,
        body: UpdatePriorityBody,
        response: { 200: Priority, ...errorResponses },
      },
    },
    async (request) => presentPriority(await updatePriority(deps, request.params.id, request.body)),
  );

  app.delete(
    '/priorities/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a priority that is not the default and no ticket or topic uses',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePriority(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
