import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from '../../../services/teams/teams.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentTeam } from './teams.presenter.ts';
import { CreateTeamBody, Team, UpdateTeamBody } from './teams.schema.ts';

const tags = ['teams'];
const NoContent = Type.Null({ description: 'No content' });

/** Teams: any agent reads them, administrators manage them. */
export function registerTeamRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/teams',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'List teams', response: { 200: ItemsOf(Team), ...errorResponses } },
    },
    async () => ({ items: (await listTeams(deps)).map(presentTeam) }),
  );

  app.get(
    '/teams/:id',
    {
      config: { access: 'agent' },
      schema: { tags, summary: 'Get a team', params: IdParams, response: { 200: Team, ...errorResponses } },
    },
    async (request) => presentTeam(await getTeam(deps, request.params.id)),
  );

  app.post(
    '/teams',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a team',
        body: CreateTeamBody,
        response: { 201: Team, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentTeam(await createTeam(deps, request.body));
    },
  );

  app.patch(
    '/teams/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a team',
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: Team, ...errorResponses },
      },
    },
    async (request) => presentTeam(await updateTeam(deps, request.params.id, request.body)),
  );

  app.delete(
    '/teams/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a team no ticket or help topic is assigned to',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteTeam(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
