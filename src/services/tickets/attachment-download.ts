import type { ReadStream } from 'node:fs';
import { findAttachment } from '../../db/repositories/thread.repository.ts';
import { findTicket } from '../../db/repositories/tickets.repository.ts';
import { notFound } from '../../domain/errors.ts';
import { type AgentActor, canAccessTicket } from '../../domain/permissions/permissions.ts';
import { BlobStore } from '../../lib/blob-store.ts';
import type { ServiceDeps } from '../deps.ts';

/** An attachment the agent may download, with a stream of its bytes. */
export async function openAttachmentForAgent(
  deps: ServiceDeps,
  actor: AgentActor,
  id: number,
): Promise<{ filename: string; contentType: string; size: number; stream: ReadStream }> {
  const attachment = await findAttachment(deps.db, id);
  const ticket = attachment ? await findTicket(deps.db, { id: attachment.ticketId }) : null;
  if (!attachment || !ticket || !canAccessTicket(actor, ticket)) throw notFound('Attachment', id);
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    stream: new BlobStore(deps.attachmentsDir).open(attachment.sha256),
  };
}
