import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  createMailbox,
  deleteMailbox,
  getMailbox,
  listMailboxes,
  updateMailbox,
} from '../../../services/mailboxes/mailboxes.ts';
import { errorResponses, IdParams, ItemsOf } from '../common.schema.ts';
import { presentMailbox } from './mailboxes.presenter.ts';
import { CreateMailboxBody, Mailbox, UpdateMailboxBody } from './mailboxes.schema.ts';

const tags = ['mailboxes'];
const NoContent = Type.Null({ description: 'No content' });

/** Mailboxes, for administrators: the addresses mail arrives at, their routing and their IMAP accounts. */
export function registerMailboxRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/mailboxes',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'List mailboxes', response: { 200: ItemsOf(Mailbox), ...errorResponses } },
    },
    async () => ({ items: (await listMailboxes(deps)).map(presentMailbox) }),
  );

  app.get(
    '/mailboxes/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Get a mailbox',
        params: IdParams,
        response: { 200: Mailbox, ...errorResponses },
      },
    },
    async (request) => presentMailbox(await getMailbox(deps, request.params.id)),
  );

  app.post(
    '/mailboxes',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a mailbox',
        body: CreateMailboxBody,
        response: { 201: Mailbox, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentMailbox(await createMailbox(deps, request.body));
    },
  );

  app.patch(
    '/mailboxes/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a mailbox; a new account or folder starts importing afresh',
        params: IdParams,
        body: UpdateMailboxBody,
        response: { 200: Mailbox, ...errorResponses },
      },
    },
    async (request) => presentMailbox(await updateMailbox(deps, request.params.id, request.body)),
  );

  app.delete(
    '/mailboxes/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete a mailbox (mail it received stays)',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMailbox(deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
