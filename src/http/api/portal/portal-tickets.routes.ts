import type { ReadStream } from 'node:fs';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../domain/errors.ts';
import { isTicketState } from '../../../domain/ticket/lifecycle.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { answerResolutionAsRequester } from '../../../services/portal/answer-resolution.ts';
import { openAttachmentForRequester } from '../../../services/portal/open-portal-attachment.ts';
import { openPortalTicket } from '../../../services/portal/open-portal-ticket.ts';
import { listPortalTopics } from '../../../services/portal/portal-catalog.ts';
import {
  findTicketForRequester,
  getRequesterTicket,
  listRequesterTickets,
} from '../../../services/portal/portal-tickets.ts';
import { postRequesterMessage } from '../../../services/portal/post-requester-message.ts';
import { getEntry } from '../../../services/tickets/read-tickets.ts';
import { portalUserOf } from '../../auth/authenticate.ts';
import { sendAttachment } from '../attachments/attachments.routes.ts';
import { ErrorResponse, errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { IdempotencyHeaders, TicketParams } from '../tickets/tickets.schema.ts';
import {
  presentPortalEntry,
  presentPortalTicket,
  presentPortalTicketDetail,
  presentPortalTopic,
} from './portal.presenter.ts';
import {
  MessageBody,
  MessageResponse,
  OpenTicketBody,
  OpenTicketResponse,
  PortalTicketDetail,
  PortalTicketList,
  PortalTicketListQuery,
  PortalTopic,
  ResolutionAnswerBody,
  ResolutionAnswerResponse,
} from './portal.schema.ts';
import type { PortalLimiters } from './portal-rate-limits.ts';

const tags = ['portal'];
const security = [{ portalSession: [] }];

function statesOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const states = value
    .split(',')
    .map((state) => state.trim())
    .filter((state) => state.length > 0);
  const unknown = states.find((state) => !isTicketState(state));
  if (unknown) {
    throw new AppError('validation_failed', `Unknown state "${unknown}"`, {
      in: 'querystring',
      field: 'state',
    });
  }
  return states;
}

/** The portal's tickets: the intake form and its topics, the requester's tickets, their thread and files. */
export function registerPortalTicketRoutes(
  parent: FastifyInstance,
  deps: ServiceDeps,
  options: { limiters: PortalLimiters },
): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/portal/topics',
    {
      config: { access: 'public', isPortal: true },
      schema: {
        tags,
        summary: 'The help topics the portal offers, with the fields of their forms',
        security: [],
        response: { 200: ItemsOf(PortalTopic), ...errorResponses },
      },
    },
    async () => ({
      items: (await listPortalTopics(deps)).map(({ topic, fields }) => presentPortalTopic(topic, fields)),
    }),
  );

  api.post(
    '/portal/tickets',
    {
      config: { access: 'public', isPortal: true },
      // Guests are limited per address; a signed-in requester came through a mailbox to get here.
      preHandler: async (request, reply) => {
        if (!request.actor) await options.limiters.intake(request, reply);
      },
      schema: {
        tags,
        summary: 'Open a ticket from the portal, as a guest or signed in',
        description:
          'A guest gives email (and name); a signed-in requester (portal cookie + X-CSRF-Token) opens it as themselves. Fields are checked against the public form of the topic. A guest is mailed a one-time sign-in link that opens the ticket. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: OpenTicketBody,
        response: { 201: OpenTicketResponse, ...errorResponses, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const actor = request.actor?.kind === 'user' ? request.actor : null;
      const opened = await openPortalTicket(deps, actor, request.body, request.headers['idempotency-key']);
      if (opened.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({
        number: opened.number,
        subject: opened.subject,
        state: opened.state,
        accessLinkSent: opened.accessLinkSent,
      });
    },
  );

  api.get(
    '/portal/tickets',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: "My tickets: mine, those I am copied on, and my organization's when it shares them",
        description: 'Most recently updated first; pass nextCursor back as cursor for the next page.',
        security,
        querystring: PortalTicketListQuery,
        response: { 200: PortalTicketList, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = portalUserOf(request);
      const page = await listRequesterTickets(deps, actor, {
        states: statesOf(request.query.state),
        q: request.query.q,
        cursor: request.query.cursor,
        limit: request.query.limit ?? 25,
      });
      return {
        items: page.items.map((ticket) => presentPortalTicket(ticket, actor.userId)),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.get(
    '/portal/tickets/:number',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: 'A ticket with its public thread (messages, replies, resolutions; never internal notes)',
        security,
        params: TicketParams,
        response: { 200: PortalTicketDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = portalUserOf(request);
      const detail = await getRequesterTicket(deps, actor, request.params.number);
      return presentPortalTicketDetail(detail, actor.userId);
    },
  );

  api.post(
    '/portal/tickets/:number/messages',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: 'Write on a ticket (its requester or a collaborator)',
        description: 'A message on a resolved or closed ticket reopens it when the setting says so.',
        security,
        params: TicketParams,
        body: MessageBody,
        response: { 201: MessageResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = portalUserOf(request);
      const posted = await postRequesterMessage(deps, actor, request.params.number, request.body);
      const { entry, attachments } = await getEntry(deps, posted.entryId);
      const ticket = await findTicketForRequester(deps, actor, request.params.number);
      return reply.code(201).send({
        entry: presentPortalEntry(entry, attachments, actor.userId),
        ticket: { number: ticket.number, state: ticket.state },
      });
    },
  );

  api.post(
    '/portal/tickets/:number/resolution',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: 'Confirm the resolution, or say the problem is not solved (the requester)',
        description:
          '"confirm" closes the ticket; "reopen" reopens it and posts the comment. Once per resolution.',
        security,
        params: TicketParams,
        body: ResolutionAnswerBody,
        response: { 200: ResolutionAnswerResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = portalUserOf(request);
      const result = await answerResolutionAsRequester(deps, actor, request.params.number, request.body);
      return { ticket: { number: result.number, state: result.state } };
    },
  );

  api.get(
    '/portal/attachments/:id',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: 'Download a file of a message, reply or resolution of a ticket I see',
        security,
        params: IdParams,
        response: {
          200: Type.Unsafe<ReadStream>({ type: 'string', format: 'binary', description: 'The file' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await openAttachmentForRequester(deps, portalUserOf(request).actor, request.params.id);
      return sendAttachment(reply, file);
    },
  );
}
