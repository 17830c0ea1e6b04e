import { randomBytes } from 'node:crypto';
import { claimLease, releaseLease } from '../../../db/repositories/leases.repository.ts';
import { findMailbox } from '../../../db/repositories/mailboxes.repository.ts';
import { AppError, notFound } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ImapTuning } from './imap-client.ts';
import type { IngestFunction } from './import-pass.ts';
import { mailboxLeaseName } from './mailbox-watcher.ts';
import { type PollOnceResult, pollMailboxOnce } from './poll-once.ts';

// Long enough for a slow server's connect, login and a large first pass; released right after.
const POLL_LEASE_MS = 10 * 60_000;

/**
 * An administrator's "poll now": imports what is new in the mailbox at once, in this process. Refused
 * with in_use while a worker watches the mailbox (it imports new mail as the server announces it, and
 * two importers would only read the same messages twice).
 */
export async function pollMailboxNow(
  deps: ServiceDeps,
  mailboxId: number,
  options: { ingest?: IngestFunction; tuning?: ImapTuning } = {},
): Promise<PollOnceResult> {
  const mailbox = await findMailbox(deps.db, mailboxId);
  if (!mailbox) throw notFound('Mailbox', mailboxId);
  if (!mailbox.imapHost) {
    throw new AppError('unprocessable', 'The mailbox has no IMAP account to poll', { field: 'imapHost' });
  }
  if (!mailbox.isActive) {
    throw new AppError('unprocessable', 'The mailbox is inactive: activate it to import its mail', {
      field: 'isActive',
    });
  }
  const lease = { name: mailboxLeaseName(mailboxId), holder: `poll-now:${randomBytes(6).toString('hex')}` };
  if (!(await claimLease(deps.db, { ...lease, now: deps.clock.now(), ttlMs: POLL_LEASE_MS }))) {
    throw new AppError('in_use', 'A worker is watching this mailbox and imports new mail as it arrives', {
      mailboxId,
    });
  }
  try {
    const result = await pollMailboxOnce(deps, mailboxId, options);
    if (!result) throw notFound('Mailbox', mailboxId);
    return result;
  } finally {
    await releaseLease(deps.db, lease);
  }
}
