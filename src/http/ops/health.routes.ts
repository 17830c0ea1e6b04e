import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';

/** Liveness (the process answers) and readiness (the database answers). */
export function registerHealthRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.get(
    '/healthz',
    {
      schema: { hide: true, response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        hide: true,
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) },
      },
      logLevel: 'warn',
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch (error) {
        throw new AppError('not_ready', `The database does not answer: ${(error as Error).message}`);
      }
      return { status: 'ready' as const, database: deps.dialect };
    },
  );
}
