import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';

/** Every /api/v1 resource, one line each. */
export async function registerApiRoutes(api: FastifyInstance, deps: ServiceDeps): Promise<void> {
  void api;
  void deps;
}
