import type { MailboxRecord } from '../../db/repositories/mailboxes.repository.ts';
import { openSecret, sealSecret } from '../../lib/secret-box.ts';
import type { ServiceDeps } from '../deps.ts';

const PURPOSE = 'mailbox imap password';

/** The sealed form of an IMAP password, as the mailboxes table stores it. */
export function sealImapPassword(deps: Pick<ServiceDeps, 'secretKey'>, password: string): string {
  return sealSecret(deps.secretKey, PURPOSE, password);
}

/**
 * The IMAP password of a mailbox in the clear, for the poller only; null when none is stored or it
 * was sealed under another secret key (SECRET_KEY changed: an administrator must enter it again).
 */
export function readImapPassword(
  deps: Pick<ServiceDeps, 'secretKey'>,
  mailbox: Pick<MailboxRecord, 'imapPasswordEnc'>,
): string | null {
  if (mailbox.imapPasswordEnc === null) return null;
  return openSecret(deps.secretKey, PURPOSE, mailbox.imapPasswordEnc);
}
