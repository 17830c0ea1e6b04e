import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment,
} from '../../../services/departments/departments.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentDepartment } from './departments.presenter.ts';
import { CreateDepartmentBody, Department, UpdateDepartmentBody } from './departments.schema.ts';

const tags = ['departments'];
const NoContent = Type.Null({ description: 'No content' });

/** Departments: any agent reads them, administrators manage them. */
export function registerDepartmentRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/departments',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'List departments',
        response: { 200: ItemsOf(Department), ...errorResponses },
      },
    },
    async () => ({ items: (await listDepartments(deps)).map(presentDepartment) }),
  );

  app.get(
    '/departments/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags,
        summary: 'Get a department',
        params: IdParams,
        response: { 200: Department, ...errorResponses },
      },
    },
    async (request) => presentDepartment(await getDepartment(deps, request.params.id)),
  );

  app.post(
    '/departments',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a department',
        body: CreateDepartmentBody,
        response: { 201: Department, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentDepartment(await createDepartment(deps, request.body));
    },
  );

  app.patch(
    '/departments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a department',
        params: IdParams,
        body: UpdateDepartmentBody,
        response: { 200: Department, ...errorResponses },
      },
    },
    async (request) => presentDepartment(await updateDepartment(deps, request.params.id, request.body)),
  );

  app.delete(
    '/departments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a department no ticket, agent, topic or child department refers to',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteDepartment(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
