import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  getOutboundMessage,
  listOutbox,
  retryOutboundMessage,
} from '../../../services/notifications/outbox.ts';
import { errorResponses, IdParams } from '../common.schema.ts';
import { presentOutboundMessage, presentOutboundSummary } from './outbox.presenter.ts';
import { OutboundMessage, OutboxList, OutboxQuery } from './outbox.schema.ts';

/** The outbox, for administrators: every mail Tessera sent or will send, and retrying what failed. */
export function registerOutboxRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/outbound-messages',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['outbox'],
        summary: 'List outgoing mail, newest first',
        querystring: OutboxQuery,
        response: { 200: OutboxList, ...errorResponses },
      },
    },
    async (request) => {
      const { status, ticket, before, limit } = request.query;
      const messages = await listOutbox(deps, { status, ticketNumber: ticket, beforeId: before, limit });
      return { items: messages.map(presentOutboundSummary) };
    },
  );

  app.get(
    '/outbound-messages/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['outbox'],
        summary: 'Read one outgoing mail as it was (or will be) sent',
        params: IdParams,
        response: { 200: OutboundMessage, ...errorResponses },
      },
    },
    async (request) => presentOutboundMessage(await getOutboundMessage(deps, request.params.id)),
  );

  app.post(
    '/outbound-messages/:id/retry',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['outbox'],
        summary: 'Queue a mail that failed for good once more (the same message, fresh attempts)',
        params: IdParams,
        response: { 200: OutboundMessage, ...errorResponses },
      },
    },
    async (request) => presentOutboundMessage(await retryOutboundMessage(deps, request.params.id)),
  );
}
