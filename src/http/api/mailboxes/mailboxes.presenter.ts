import type { Static } from 'typebox';
import type { MailboxRecord } from '../../../db/repositories/mailboxes.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Mailbox } from './mailboxes.schema.ts';

/** A mailbox as the API shows it: whether a password is stored, never the password. */
export function presentMailbox(mailbox: MailboxRecord): Static<typeof Mailbox> {
  return {
    id: mailbox.id,
    name: mailbox.name,
    address: mailbox.address,
    departmentId: mailbox.departmentId,
    topicId: mailbox.topicId,
    priorityId: mailbox.priorityId,
    imapHost: mailbox.imapHost,
    imapPort: mailbox.imapPort,
    imapSecurity: mailbox.imapSecurity,
    imapUsername: mailbox.imapUsername,
    hasPassword: mailbox.imapPasswordEnc !== null,
    imapFolder: mailbox.imapFolder,
    afterImport: mailbox.afterImport,
    archiveFolder: mailbox.archiveFolder,
    isActive: mailbox.isActive,
    lastPolledAt: iso(mailbox.lastPolledAt),
    lastError: mailbox.lastError,
    createdAt: iso(mailbox.createdAt) as string,
    updatedAt: iso(mailbox.updatedAt) as string,
  };
}
