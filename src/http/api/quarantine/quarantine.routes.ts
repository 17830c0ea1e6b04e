import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  discardReceivedMail,
  getReceivedMailWithHeaders,
  listReceivedMail,
  readReceivedSource,
  retryReceivedMail,
} from '../../../mail/inbound/quarantine.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { ErrorResponse, errorResponses, IdParams } from '../common.schema.ts';
import { presentInboundMessage } from './quarantine.presenter.ts';
import {
  InboundMessage,
  InboundMessageDetail,
  InboundMessageList,
  InboundMessageQuery,
  RetryResult,
} from './quarantine.schema.ts';

const tags = ['inbound mail'];
const serverErrors = { 503: ErrorResponse } as const;

/** Received mail for administrators: the quarantine and everything else the pipeline took in. */
export function registerQuarantineRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/inbound-messages',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'List received mail, newest first (status=quarantined for the quarantine)',
        querystring: InboundMessageQuery,
        response: { 200: InboundMessageList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listReceivedMail(deps, request.query);
      return { items: page.items.map(presentInboundMessage), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/inbound-messages/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Read a received message with the header fields of its source',
        params: IdParams,
        response: { 200: InboundMessageDetail, ...errorResponses },
      },
    },
    async (request) => {
      const message = await getReceivedMailWithHeaders(deps, request.params.id);
      return { ...presentInboundMessage(message), headers: message.headers };
    },
  );

  app.get(
    '/inbound-messages/:id/source',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Download the message exactly as it arrived (message/rfc822)',
        params: IdParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The raw message' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { record, raw } = await readReceivedSource(deps, request.params.id);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-length', raw.length)
        .header('content-disposition', `attachment; filename="inbound-${record.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'private, no-store')
        .send(raw);
    },
  );

  app.post(
    '/inbound-messages/:id/retry',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Run a quarantined or unfinished message through the pipeline again',
        params: IdParams,
        response: { 200: RetryResult, ...errorResponses, ...serverErrors },
      },
    },
    async (request) => {
      const { record, result } = await retryReceivedMail(deps, request.params.id);
      return { outcome: result.outcome, message: presentInboundMessage(record) };
    },
  );

  app.post(
    '/inbound-messages/:id/discard',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Set a quarantined or unfinished message aside (it stays stored)',
        params: IdParams,
        response: { 200: InboundMessage, ...errorResponses },
      },
    },
    async (request) => presentInboundMessage(await discardReceivedMail(deps, request.params.id)),
  );
}
