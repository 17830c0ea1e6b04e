import type { ReadStream } from 'node:fs';
import { findVisibleTicket } from '../../db/repositories/portal-tickets.repository.ts';
import { findAttachment } from '../../db/repositories/thread.repository.ts';
import { notFound } from '../../domain/errors.ts';
import type { UserActor } from '../../domain/permissions/permissions.ts';
import { BlobStore } from '../../lib/blob-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { PUBLIC_ENTRY_TYPES, viewerOf } from './portal-tickets.ts';

/**
 * An attachment the requester may download: one of a message, reply or resolution of a ticket they see.
 * Anything else (a note's file, another person's ticket) answers exactly like a missing attachment.
 */
export async function openAttachmentForRequester(
  deps: ServiceDeps,
  actor: UserActor,
  id: number,
): Promise<{ filename: string; contentType: string; size: number; stream: ReadStream }> {
  const attachment = await findAttachment(deps.db, id);
  if (!attachment || !PUBLIC_ENTRY_TYPES.includes(attachment.entryType)) throw notFound('Attachment', id);
  const ticket = await findVisibleTicket(deps.db, await viewerOf(deps, actor), { id: attachment.ticketId });
  if (!ticket) throw notFound('Attachment', id);
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    stream: new BlobStore(deps.attachmentsDir).open(attachment.sha256),
  };
}
