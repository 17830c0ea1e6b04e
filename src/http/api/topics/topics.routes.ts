import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createTopic,
  deleteTopic,
  getTopic,
  listTopics,
  updateTopic,
} from '../../../services/topics/topics.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentTopic } from './topics.presenter.ts';
import { CreateTopicBody, Topic, UpdateTopicBody } from './topics.schema.ts';

const tags = ['topics'];
const NoContent = Type.Null({ description: 'No content' });

/** Help topics: any agent reads them, administrators manage them. */
export function registerTopicRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/topics',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'List help topics', response: { 200: ItemsOf(Topic), ...errorResponses } },
    },
    async () => ({ items: (await listTopics(deps)).map(presentTopic) }),
  );

  app.get(
    '/topics/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get a help topic',
        params: IdParams,
        response: { 200: Topic, ...errorResponses },
      },
    },
    async (request) => presentTopic(await getTopic(deps, request.params.id)),
  );

  app.post(
    '/topics',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a help topic',
        body: CreateTopicBody,
        response: { 201: Topic, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentTopic(await createTopic(deps, request.body));
    },
  );

  app.patch(
    '/topics/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a help topic',
        params: IdParams,
        body: UpdateTopicBody,
        response: { 200: Topic, ...errorResponses },
      },
    },
    async (request) => presentTopic(await updateTopic(deps, request.params.id, request.body)),
  );

  app.delete(
    '/topics/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a help topic no ticket was filed under',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteTopic(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
