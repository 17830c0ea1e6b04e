import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { listJobsForAdmin, retryFailedJob } from '../../../jobs/admin.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { errorResponses, IdParams } from '../common.schema.ts';
import { presentJob } from './jobs.presenter.ts';
import { Job, JobList, JobListQuery } from './jobs.schema.ts';

/** The background job queue, for administrators: what ran, what is waiting, what failed. */
export async function registerJobRoutes(api: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/jobs',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['jobs'],
        summary: 'List background jobs, newest first',
        querystring: JobListQuery,
        response: { 200: JobList, ...errorResponses },
      },
    },
    async (request) => {
      const { status, type, limit } = request.query;
      const jobs = await listJobsForAdmin(deps, { status, type, limit });
      return { items: jobs.map(presentJob) };
    },
  );

  app.post(
    '/jobs/:id/retry',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['jobs'],
        summary: 'Queue a failed job again, due now with a fresh set of attempts',
        params: IdParams,
        response: { 200: Job, ...errorResponses },
      },
    },
    async (request) => presentJob(await retryFailedJob(deps, request.params.id)),
  );
}
