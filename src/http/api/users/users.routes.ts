import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createUser, updateUser } from '../../../services/users/save-user.ts';
import { deleteUser, getUser, searchUsers } from '../../../services/users/users.ts';
import { errorResponses, IdParams } from '../common.schema.ts';
import { presentUser } from './users.presenter.ts';
import { CreateUserBody, ListUsersQuery, UpdateUserBody, User, UserPage } from './users.schema.ts';

const tags = ['users'];
const NoContent = Type.Null({ description: 'No content' });

/** Users (requesters): any agent finds, adds and edits them; administrators delete them. */
export function registerUserRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/users',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'List or search users, a page at a time in id order',
        querystring: ListUsersQuery,
        response: { 200: UserPage, ...errorResponses },
      },
    },
    async (request) => {
      const page = await searchUsers(deps, request.query);
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Get a user', params: IdParams, response: { 200: User, ...errorResponses } },
    },
    async (request) => presentUser(await getUser(deps, request.params.id)),
  );

  app.post(
    '/users',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Add a user; without organizationId they join the organization of their email domain',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentUser(await createUser(deps, request.body));
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: "Change a user's name, organization or email addresses",
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => presentUser(await updateUser(deps, request.params.id, request.body)),
  );

  app.delete(
    '/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a user who is the requester of no ticket',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteUser(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
