import {
  changeOutboundStatus,
  listWaitingMessageIds,
} from '../../db/repositories/outbound-messages.repository.ts';
import type { JobHandler } from '../../jobs/types.ts';
import { inTransaction } from '../../services/deps.ts';
import { enqueueSend } from '../../services/notifications/queue-email.ts';

/** Waiting mail released per run; the next run (a minute later) takes the rest. */
const BATCH_SIZE = 500;

/**
 * The 'mail.release-waiting' task: once SMTP_URL is set, queues a send for every mail that waited in
 * the outbox while it was not. Each row moves from waiting to queued together with its job, and only
 * the caller that made that move queues one, so a mail is released once however many workers run.
 */
export const releaseWaitingMailTask: JobHandler = async (deps) => {
  if (!deps.mail.smtpUrl) return;
  for (const id of await listWaitingMessageIds(deps.db, BATCH_SIZE)) {
    await inTransaction(deps, async (tx) => {
      const now = tx.clock.now();
      if (await changeOutboundStatus(tx.db, id, { from: ['waiting'], to: 'queued', now })) {
        // The row's first job still holds the plain key, so a release is its own logical job.
        await enqueueSend(tx, id, `:release:${now}`);
      }
    });
  }
};
