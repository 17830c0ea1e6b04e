import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pollMailboxNow } from '../../../mail/inbound/imap/poll-now.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getMailbox } from '../../../services/mailboxes/mailboxes.ts';
import { errorResponses, IdParams } from '../common.schema.ts';
import { presentMailbox } from './mailboxes.presenter.ts';
import { Mailbox } from './mailboxes.schema.ts';

const PollResult = Type.Object({
  imported: Type.Integer({ description: 'Messages imported (and marked, moved or deleted) by this poll' }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why the poll stopped short (also the mailbox lastError); null after a clean pass',
  }),
  mailbox: Mailbox,
});

/** "Poll now" for an IMAP mailbox no worker is watching: a connection check and an import in one. */
export function registerMailboxPollRoutes(api: FastifyInstance, deps: ServiceDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/mailboxes/:id/poll',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['mailboxes'],
        summary: 'Import new mail from the IMAP account now (409 in_use while a worker watches it)',
        params: IdParams,
        response: { 200: PollResult, ...errorResponses },
      },
    },
    async (request) => {
      const result = await pollMailboxNow(deps, request.params.id);
      return { ...result, mailbox: presentMailbox(await getMailbox(deps, request.params.id)) };
    },
  );
}
