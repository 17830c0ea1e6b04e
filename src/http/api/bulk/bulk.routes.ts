import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { bulkUpdateTickets } from '../../../services/bulk/bulk-update.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses } from '../common.schema.ts';
import { BulkBody, BulkResults } from './bulk.schema.ts';

/** Bulk assign, transfer, status and priority changes from the ticket list. */
export function registerBulkRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/tickets/bulk',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Change several tickets at once',
        description:
          'Each ticket changes in its own transaction with the same permission checks as PATCH /tickets/{number}; one refused ticket does not stop the others. The answer has one result per number, in order.',
        body: BulkBody,
        response: { 200: BulkResults, ...errorResponses },
      },
    },
    async (request) => {
      const { numbers, changes } = request.body;
      const results = await bulkUpdateTickets(deps, agentOf(request), numbers, changes, (number, error) =>
        request.log.error({ err: error, number }, 'bulk change failed'),
      );
      return {
        results: results.map((result) => ({
          number: result.number,
          ok: result.isOk,
          ...(result.error ? { error: result.error } : {}),
        })),
      };
    },
  );
}
