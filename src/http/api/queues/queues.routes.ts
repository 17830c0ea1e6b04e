import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import { COUNT_CAP, countQueues } from '../../../services/queues/queue-counts.ts';
import {
  createQueue,
  deleteQueue,
  getQueue,
  listQueues,
  updateQueue,
} from '../../../services/queues/queues.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentQueue } from './queues.presenter.ts';
import { CreateQueueBody, Queue, QueueCounts, UpdateQueueBody } from './queues.schema.ts';

const tags = ['queues'];
const NoContent = Type.Null({ description: 'No content' });

/** Saved queues (personal, or shared by administrators) and the sidebar's counts. */
export function registerQueueRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/queues',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'List your saved queues and the shared ones',
        response: { 200: ItemsOf(Queue), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listQueues(deps, agentOf(request))).map(presentQueue) }),
  );

  api.get(
    '/queues/counts',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Count the tickets in every queue of the sidebar',
        description: `The built-in queues, one per department you work in, and your saved queues, each with the filters that list it through GET /tickets. Counts stop at ${COUNT_CAP}.`,
        response: { 200: QueueCounts, ...errorResponses },
      },
    },
    async (request) => ({ items: await countQueues(deps, agentOf(request)), cap: COUNT_CAP }),
  );

  api.get(
    '/queues/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Read a queue',
        params: IdParams,
        response: { 200: Queue, ...errorResponses },
      },
    },
    async (request) => presentQueue(await getQueue(deps, agentOf(request), request.params.id)),
  );

  api.post(
    '/queues',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Save a queue',
        description: "isShared makes it every agent's (administrators only).",
        body: CreateQueueBody,
        response: { 201: Queue, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { filters, ...rest } = request.body;
      const queue = await createQueue(deps, agentOf(request), { ...rest, filters: filters ?? {} });
      return reply.code(201).send(presentQueue(queue));
    },
  );

  api.patch(
    '/queues/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Change a queue (shared ones: administrators)',
        params: IdParams,
        body: UpdateQueueBody,
        response: { 200: Queue, ...errorResponses },
      },
    },
    async (request) =>
      presentQueue(await updateQueue(deps, agentOf(request), request.params.id, request.body)),
  );

  api.delete(
    '/queues/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Delete a queue (shared ones: administrators)',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteQueue(deps, agentOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
