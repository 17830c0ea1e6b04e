import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createTopicField,
  deleteTopicField,
  getTopicField,
  listTopicFields,
  updateTopicField,
} from '../../../services/topic-fields/topic-fields.ts';
import { NoContent } from '../auth/auth.schema.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentTopicField } from './topic-fields.presenter.ts';
import {
  CreateTopicFieldBody,
  TopicField,
  TopicFieldParams,
  UpdateTopicFieldBody,
} from './topic-fields.schema.ts';

const tags = ['topics'];

/**
 * The extra form of a help topic: any agent reads it (they fill it in), administrators change it. Its
 * public fields appear on the customer portal; values sent with a ticket are checked against it.
 */
export function registerTopicFieldRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/topics/:id/fields',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: "List the fields of a help topic's form, in form order",
        params: IdParams,
        response: { 200: ItemsOf(TopicField), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listTopicFields(deps, request.params.id)).map(presentTopicField) }),
  );

  api.get(
    '/topics/:id/fields/:fieldId',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: "Get a field of a help topic's form",
        params: TopicFieldParams,
        response: { 200: TopicField, ...errorResponses },
      },
    },
    async (request) =>
      presentTopicField(await getTopicField(deps, request.params.id, request.params.fieldId)),
  );

  api.post(
    '/topics/:id/fields',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Add a field to a help topic's form",
        params: IdParams,
        body: CreateTopicFieldBody,
        response: { 201: TopicField, ...errorResponses },
      },
    },
    async (request, reply) => {
      const field = await createTopicField(deps, request.params.id, request.body);
      return reply.code(201).send(presentTopicField(field));
    },
  );

  api.patch(
    '/topics/:id/fields/:fieldId',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Change a field of a help topic's form",
        description: 'Values tickets already hold are left as they are.',
        params: TopicFieldParams,
        body: UpdateTopicFieldBody,
        response: { 200: TopicField, ...errorResponses },
      },
    },
    async (request) =>
      presentTopicField(
        await updateTopicField(deps, request.params.id, request.params.fieldId, request.body),
      ),
  );

  api.delete(
    '/topics/:id/fields/:fieldId',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Remove a field from a help topic's form (tickets keep their values)",
        params: TopicFieldParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteTopicField(deps, request.params.id, request.params.fieldId);
      return reply.code(204).send(null);
    },
  );
}
