import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createRole, deleteRole, getRole, listRoles, updateRole } from '../../../services/roles/roles.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentRole } from './roles.presenter.ts';
import { CreateRoleBody, Role, UpdateRoleBody } from './roles.schema.ts';

const tags = ['roles'];
const NoContent = Type.Null({ description: 'No content' });

/** Roles: any agent reads them, administrators manage them. */
export function registerRoleRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/roles',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'List roles', response: { 200: ItemsOf(Role), ...errorResponses } },
    },
    async () => ({ items: (await listRoles(deps)).map(presentRole) }),
  );

  app.get(
    '/roles/:id',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Get a role', params: IdParams, response: { 200: Role, ...errorResponses } },
    },
    async (request) => presentRole(await getRole(deps, request.params.id)),
  );

  app.post(
    '/roles',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a role',
        body: CreateRoleBody,
        response: { 201: Role, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentRole(await createRole(deps, request.body));
    },
  );

  app.patch(
    '/roles/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a role',
        params: IdParams,
        body: UpdateRoleBody,
        response: { 200: Role, ...errorResponses },
      },
    },
    async (request) => presentRole(await updateRole(deps, request.params.id, request.body)),
  );

  app.delete(
    '/roles/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a role no agent holds',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteRole(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
