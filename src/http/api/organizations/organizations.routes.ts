import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from '../../../services/organizations/organizations.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentOrganization } from './organizations.presenter.ts';
import { CreateOrganizationBody, Organization, UpdateOrganizationBody } from './organizations.schema.ts';

const tags = ['organizations'];
const NoContent = Type.Null({ description: 'No content' });

/** Organizations: any agent reads, creates and edits them (requesters come with them); administrators delete. */
export function registerOrganizationRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/organizations',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'List organizations',
        response: { 200: ItemsOf(Organization), ...errorResponses },
      },
    },
    async () => ({ items: (await listOrganizations(deps)).map(presentOrganization) }),
  );

  app.get(
    '/organizations/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get an organization',
        params: IdParams,
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => presentOrganization(await getOrganization(deps, request.params.id)),
  );

  app.post(
    '/organizations',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Create an organization',
        body: CreateOrganizationBody,
        response: { 201: Organization, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentOrganization(await createOrganization(deps, request.body));
    },
  );

  app.patch(
    '/organizations/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Change an organization',
        params: IdParams,
        body: UpdateOrganizationBody,
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => presentOrganization(await updateOrganization(deps, request.params.id, request.body)),
  );

  app.delete(
    '/organizations/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete an organization (its users and tickets stay, without one)',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteOrganization(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
