import { insertAttachment } from '../../db/repositories/thread.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { BlobStore } from '../../lib/blob-store.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * An attachment as a request carries it: a name, a media type and the bytes base64-encoded, or as a
 * Buffer when it comes out of a parsed email.
 */
export interface NewAttachment {
  filename: string;
  contentType?: string | undefined;
  data: string | Buffer;
}

export const MAX_ATTACHMENTS = 20;

function cleanFilename(name: string): string {
  // Path separators and control characters have no place in a download name.
  const cleaned = name.replace(/[\\/\p{Cc}]/gu, '_').trim();
  return cleaned.slice(0, 200) || 'attachment';
}

/** Decodes and checks the attachments of a request before anything is written. */
export function decodeAttachments(attachments: NewAttachment[] | undefined) {
  if (!attachments) return [];
  // The cap guards request bodies; an email was already accepted whole, so its attachments all stay.
  if (attachments.filter((attachment) => typeof attachment.data === 'string').length > MAX_ATTACHMENTS) {
    throw new AppError('validation_failed', `At most ${MAX_ATTACHMENTS} attachments per entry`, {
      field: 'attachments',
    });
  }
  return attachments.map((attachment, index) => {
    if (Buffer.isBuffer(attachment.data)) {
      return {
        filename: cleanFilename(attachment.filename),
        contentType: attachment.contentType?.toLowerCase() || 'application/octet-stream',
        data: attachment.data,
      };
    }
    const base64 = attachment.data.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) {
      throw new AppError('validation_failed', `attachments.${index}.data must be base64`, {
        field: `attachments.${index}.data`,
      });
    }
    return {
      filename: cleanFilename(attachment.filename),
      contentType: attachment.contentType?.toLowerCase() || 'application/octet-stream',
      data: Buffer.from(base64, 'base64'),
    };
  });
}

/** An attachment checked and decoded, ready to store. */
export type DecodedAttachment = ReturnType<typeof decodeAttachments>[number];

/** Stores decoded attachments for a thread entry (contents in the blob store, records in the transaction). */
export async function saveAttachments(
  deps: ServiceDeps,
  entryId: number,
  attachments: ReturnType<typeof decodeAttachments>,
): Promise<void> {
  const store = new BlobStore(deps.attachmentsDir);
  for (const attachment of attachments) {
    const sha256 = await store.put(attachment.data);
    await insertAttachment(deps.db, {
      entryId,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.data.length,
      sha256,
      createdAt: deps.clock.now(),
    });
  }
}
