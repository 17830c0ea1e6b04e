import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../domain/errors.ts';
import { sha256Hex } from '../../../lib/crypto.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { toTicketListFilters } from '../../../services/queues/ticket-filters.ts';
import { createTicket } from '../../../services/tickets/create-ticket.ts';
import { getOpenedTicket, getTicket, listTickets } from '../../../services/tickets/read-tickets.ts';
import { resolveTicket } from '../../../services/tickets/resolve-ticket.ts';
import { assertPatchNotEmpty, updateTicketProperties } from '../../../services/tickets/update-ticket.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses } from '../common.schema.ts';
import { requireOneBody } from './body.ts';
import { presentTicket, presentTicketDetail } from './tickets.presenter.ts';
import {
  AssignBody,
  CreateTicketBody,
  IdempotencyHeaders,
  ListTicketsQuery,
  PatchTicketBody,
  ResolveBody,
  TicketParams,
  TicketSchema,
  TransferBody,
} from './tickets.schema.ts';

const tags = ['tickets'];

/** Tickets: create, list and search, read, change properties, assign, transfer, resolve. */
export function registerTicketRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Open a ticket',
        description:
          'Creates a ticket with its first message. Send an Idempotency-Key header to make retries safe: the same key and body answer with the ticket the first request created.',
        headers: IdempotencyHeaders,
        body: CreateTicketBody,
        response: { 201: TicketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = agentOf(request);
      requireOneBody(request.body);
      const key = request.headers['idempotency-key'];
      const idempotency = key
        ? { scope: `agent:${actor.agentId}`, key, requestHash: sha256Hex(JSON.stringify(request.body)) }
        : undefined;
      const created = await createTicket(deps, actor, request.body, idempotency);
      if (created.isReplay) reply.header('idempotent-replayed', 'true');
      const detail = created.isReplay
        ? await getTicket(deps, actor, created.number)
        : await getOpenedTicket(deps, actor, created);
      return reply.status(201).send(presentTicketDetail(deps, detail));
    },
  );

  api.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'List and search tickets',
        description:
          'Keyset-paginated: pass nextCursor back as cursor, with the same sort, for the next page.',
        querystring: ListTicketsQuery,
        response: {
          200: Type.Object({
            items: Type.Array(TicketSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = agentOf(request);
      const { sort, cursor, limit, ...filters } = request.query;
      const page = await listTickets(deps, actor, {
        ...toTicketListFilters(actor, filters),
        sort,
        cursor,
        limit: limit ?? 25,
      });
      return { items: page.items.map(presentTicket), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/tickets/:number',
    {
      schema: {
        tags,
        summary: 'Read a ticket',
        params: TicketParams,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentTicketDetail(deps, await getTicket(deps, agentOf(request), request.params.number)),
  );

  api.patch(
    '/tickets/:number',
    {
      schema: {
        tags,
        summary: 'Change ticket properties',
        description:
          'Each property needs its permission in the ticket department: assigneeId/teamId ticket.assign, departmentId ticket.transfer, the rest ticket.edit (closing: ticket.resolve). Resolving needs POST /resolve.',
        params: TicketParams,
        body: PatchTicketBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = agentOf(request);
      const { dueAt, ...rest } = request.body;
      const patch = {
        ...rest,
        ...(dueAt !== undefined ? { dueAt: dueAt === null ? null : Date.parse(dueAt) } : {}),
      };
      assertPatchNotEmpty(patch);
      await updateTicketProperties(deps, actor, request.params.number, patch);
      return presentTicketDetail(deps, await getTicket(deps, actor, request.params.number));
    },
  );

  api.post(
    '/tickets/:number/assign',
    {
      schema: {
        tags,
        summary: 'Assign a ticket to an agent and/or team',
        description: 'null unassigns. An optional note is posted as an internal note with the change.',
        params: TicketParams,
        body: AssignBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = agentOf(request);
      const { assigneeId, teamId, note } = request.body;
      if (assigneeId === undefined && teamId === undefined) {
        throw new AppError('validation_failed', 'assigneeId or teamId is required', { field: 'assigneeId' });
      }
      await updateTicketProperties(deps, actor, request.params.number, { assigneeId, teamId, note });
      return presentTicketDetail(deps, await getTicket(deps, actor, request.params.number));
    },
  );

  api.post(
    '/tickets/:number/transfer',
    {
      schema: {
        tags,
        summary: 'Transfer a ticket to another department',
        params: TicketParams,
        body: TransferBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = agentOf(request);
      await updateTicketProperties(deps, actor, request.params.number, request.body);
      // After a transfer the agent may no longer see the ticket; answer with what they last could.
      const detail = await getTicket(deps, actor, request.params.number).catch(() => null);
      if (!detail) throw new AppError('not_found', 'The ticket was transferred out of your departments');
      return presentTicketDetail(deps, detail);
    },
  );

  api.post(
    '/tickets/:number/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a ticket with a structured resolution',
        description:
          'problem, actionTaken, confirmation and code are required (422 resolution_required names the missing ones). The answer carries the confirmation link for the requester.',
        params: TicketParams,
        body: ResolveBody,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = agentOf(request);
      await resolveTicket(deps, actor, request.params.number, request.body);
      return presentTicketDetail(deps, await getTicket(deps, actor, request.params.number));
    },
  );
}
