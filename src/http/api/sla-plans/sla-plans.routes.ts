import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createSlaPlan,
  deleteSlaPlan,
  getSlaPlan,
  listSlaPlans,
  updateSlaPlan,
} from '../../../services/sla-plans/sla-plans.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentSlaPlan } from './sla-plans.presenter.ts';
import { CreateSlaPlanBody, SlaPlan, UpdateSlaPlanBody } from './sla-plans.schema.ts';

const tags = ['sla-plans'];
const NoContent = Type.Null({ description: 'No content' });

/** SLA plans: any agent reads them, administrators manage them. */
export function registerSlaPlanRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/sla-plans',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'List SLA plans', response: { 200: ItemsOf(SlaPlan), ...errorResponses } },
    },
    async () => ({ items: (await listSlaPlans(deps)).map(presentSlaPlan) }),
  );

  app.get(
    '/sla-plans/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get an SLA plan',
        params: IdParams,
        response: { 200: SlaPlan, ...errorResponses },
      },
    },
    async (request) => presentSlaPlan(await getSlaPlan(deps, request.params.id)),
  );

  app.post(
    '/sla-plans',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create an SLA plan',
        body: CreateSlaPlanBody,
        response: { 201: SlaPlan, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentSlaPlan(await createSlaPlan(deps, request.body));
    },
  );

  app.patch(
    '/sla-plans/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change an SLA plan',
        params: IdParams,
        body: UpdateSlaPlanBody,
        response: { 200: SlaPlan, ...errorResponses },
      },
    },
    async (request) => presentSlaPlan(await updateSlaPlan(deps, request.params.id, request.body)),
  );

  app.delete(
    '/sla-plans/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete an SLA plan no department, topic or ticket uses',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteSlaPlan(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
