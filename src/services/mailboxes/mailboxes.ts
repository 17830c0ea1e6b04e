import { mapUniqueViolation } from '../../db/errors.ts';
import * as repo from '../../db/repositories/mailboxes.repository.ts';
import {
  AFTER_IMPORT,
  type AfterImport,
  IMAP_SECURITY,
  type ImapSecurity,
  type MailboxFields,
  type MailboxRecord,
} from '../../db/repositories/mailboxes.repository.ts';
import { findMissingReference } from '../../db/repositories/references.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { sealImapPassword } from './mailbox-secret.ts';

/** What an administrator sends to create a mailbox; `imapPassword` is write-only. */
export interface MailboxInput {
  name: string;
  address: string;
  departmentId?: number | null;
  topicId?: number | null;
  priorityId?: number | null;
  imapHost?: string | null;
  imapPort?: number | null;
  imapSecurity?: ImapSecurity;
  imapUsername?: string | null;
  /** A new password; null forgets the stored one; undefined keeps it. */
  imapPassword?: string | null;
  imapFolder?: string;
  afterImport?: AfterImport;
  archiveFolder?: string | null;
  isActive?: boolean;
}

const HOST =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[?[0-9a-f:]+(%\w+)?\]?)$/i;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
// IMAP folder names may hold any printable character and the hierarchy separator, but no control bytes.
const FOLDER = /^[^\p{Cc}]{1,255}$/u;

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { in: 'body', field });
}

function taken(address: string): AppError {
  return new AppError('already_exists', `A mailbox already receives mail for ${address}`, {
    field: 'address',
    value: address,
  });
}

/** The fields as they will be stored, after checking each value and the rules that tie them together. */
function checkFields(merged: MailboxFields): MailboxFields {
  const fields = { ...merged, name: merged.name.trim(), address: merged.address.trim().toLowerCase() };
  if (fields.name.length === 0 || fields.name.length > 200) {
    throw invalid('name', 'name must have 1 to 200 characters');
  }
  if (!EMAIL.test(fields.address) || fields.address.length > 254) {
    throw invalid('address', 'address must be an email address');
  }
  if (!(IMAP_SECURITY as readonly string[]).includes(fields.imapSecurity)) {
    throw invalid('imapSecurity', `imapSecurity must be one of ${IMAP_SECURITY.join(', ')}`);
  }
  if (!(AFTER_IMPORT as readonly string[]).includes(fields.afterImport)) {
    throw invalid('afterImport', `afterImport must be one of ${AFTER_IMPORT.join(', ')}`);
  }
  if (!FOLDER.test(fields.imapFolder)) throw invalid('imapFolder', 'imapFolder must be a folder name');
  if (fields.archiveFolder !== null && !FOLDER.test(fields.archiveFolder)) {
    throw invalid('archiveFolder', 'archiveFolder must be a folder name');
  }
  if (fields.afterImport === 'move' && fields.archiveFolder === null) {
    throw invalid('archiveFolder', 'afterImport "move" needs the archiveFolder to move messages to');
  }
  if (
    fields.imapPort !== null &&
    (!Number.isInteger(fields.imapPort) || fields.imapPort < 1 || fields.imapPort > 65535)
  ) {
    throw invalid('imapPort', 'imapPort must be a port number from 1 to 65535');
  }
  if (fields.imapHost !== null) {
    if (!HOST.test(fields.imapHost) && !IP_LITERAL.test(fields.imapHost)) {
      throw invalid('imapHost', 'imapHost must be a host name or an IP address, without scheme or port');
    }
    if (!fields.imapUsername) throw invalid('imapUsername', 'An IMAP mailbox needs imapUsername');
    if (fields.imapPasswordEnc === null) throw invalid('imapPassword', 'An IMAP mailbox needs imapPassword');
  }
  return fields;
}

async function checkReferences(deps: ServiceDeps, fields: MailboxFields): Promise<void> {
  const missing = await findMissingReference(deps.db, [
    { field: 'departmentId', table: 'departments', id: fields.departmentId },
    { field: 'topicId', table: 'help_topics', id: fields.topicId },
    { field: 'priorityId', table: 'priorities', id: fields.priorityId },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}

/** The stored form of a change: defined inputs only, the password sealed. */
function changesOf(deps: ServiceDeps, input: Partial<MailboxInput>): Partial<MailboxFields> {
  const { imapPassword, ...rest } = input;
  const changes: Partial<MailboxFields> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) Object.assign(changes, { [key]: value });
  }
  if (changes.imapHost !== undefined && changes.imapHost !== null) {
    changes.imapHost = changes.imapHost.trim().toLowerCase();
  }
  if (imapPassword !== undefined) {
    changes.imapPasswordEnc = imapPassword === null ? null : sealImapPassword(deps, imapPassword);
  }
  return changes;
}

const DEFAULTS: Omit<MailboxFields, 'name' | 'address'> = {
  departmentId: null,
  topicId: null,
  priorityId: null,
  imapHost: null,
  imapPort: null,
  imapSecurity: 'tls',
  imapUsername: null,
  imapPasswordEnc: null,
  imapFolder: 'INBOX',
  afterImport: 'seen',
  archiveFolder: null,
  isActive: true,
};

/** Every mailbox. */
export async function listMailboxes(deps: ServiceDeps): Promise<MailboxRecord[]> {
  return repo.listMailboxes(deps.db);
}

/** One mailbox; not_found when it does not exist. */
export async function getMailbox(deps: ServiceDeps, id: number): Promise<MailboxRecord> {
  const mailbox = await repo.findMailbox(deps.db, id);
  if (!mailbox) throw notFound('Mailbox', id);
  return mailbox;
}

/** Creates a mailbox; the address must be one no other mailbox receives. */
export async function createMailbox(deps: ServiceDeps, input: MailboxInput): Promise<MailboxRecord> {
  const fields = checkFields({ ...DEFAULTS, ...changesOf(deps, input) } as MailboxFields);
  return inTransaction(deps, async (tx) => {
    await checkReferences(tx, fields);
    if (await repo.isMailboxAddressTaken(tx.db, fields.address, null)) throw taken(fields.address);
    const id = await mapUniqueViolation(
      () => repo.insertMailbox(tx.db, fields, tx.clock.now()),
      () => taken(fields.address),
    );
    return getMailbox(tx, id);
  });
}

const ACCOUNT_FIELDS = ['imapHost', 'imapPort', 'imapUsername', 'imapFolder'] as const;

/** Changes a mailbox; a new account or folder starts importing from that folder's current state. */
export async function updateMailbox(
  deps: ServiceDeps,
  id: number,
  input: Partial<MailboxInput>,
): Promise<MailboxRecord> {
  return inTransaction(deps, async (tx) => {
    const current = await getMailbox(tx, id);
    const changes = changesOf(tx, input);
    const fields = checkFields({ ...current, ...changes });
    await checkReferences(tx, fields);
    if (await repo.isMailboxAddressTaken(tx.db, fields.address, id)) throw taken(fields.address);
    const resetUidState = ACCOUNT_FIELDS.some(
      (key) => changes[key] !== undefined && changes[key] !== current[key],
    );
    await mapUniqueViolation(
      () =>
        repo.updateMailbox(
          tx.db,
          id,
          { ...changes, name: fields.name, address: fields.address },
          tx.clock.now(),
          { resetUidState },
        ),
      () => taken(fields.address),
    );
    return getMailbox(tx, id);
  });
}

/** Deletes a mailbox; mail it received stays, no longer linked to it. */
export async function deleteMailbox(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    await getMailbox(tx, id);
    await repo.deleteMailbox(tx.db, id);
  });
}
