import { randomBytes } from 'node:crypto';
import { safeEqual, sign } from '../lib/crypto.ts';

/**
 * Message-IDs of the mail Tessera sends name the ticket and thread entry they belong to and carry an
 * HMAC, so a reply's In-Reply-To or References threads to the right ticket without a lookup, and a
 * forged header naming some other ticket is recognised as not ours. Form:
 * `<t{ticketId}.e{entryId}.{nonce}.{signature}@{domain}>` (RFC 5322 dot-atom; entry 0 when the mail is
 * not about one entry). The nonce keeps every sent message's id unique.
 */
const PURPOSE = 'message-id';
const PATTERN = /^<?t(\d{1,15})\.e(\d{1,15})\.([0-9a-f]{8})\.([0-9a-f]{16})@([^>\s]+)>?$/i;

function signatureOf(secret: string, ticketId: number, entryId: number, nonce: string): string {
  return Buffer.from(sign(secret, PURPOSE, `${ticketId}.${entryId}.${nonce}`), 'base64url')
    .subarray(0, 8)
    .toString('hex');
}

/** A new Message-ID (with angle brackets) for a mail about a ticket and, optionally, one entry. */
export function createMessageId(
  deps: { secretKey: string; mail: { domain: string } },
  ids: { ticketId: number; entryId?: number | null },
): string {
  const entryId = ids.entryId ?? 0;
  const nonce = randomBytes(4).toString('hex');
  return `<t${ids.ticketId}.e${entryId}.${nonce}.${signatureOf(deps.secretKey, ids.ticketId, entryId, nonce)}@${deps.mail.domain}>`;
}

/** The ticket and entry a Message-ID we signed names, or null for anyone else's (or a forged) id. */
export function readMessageId(
  deps: { secretKey: string },
  messageId: string,
): { ticketId: number; entryId: number | null } | null {
  const match = PATTERN.exec(messageId.trim());
  if (!match) return null;
  const [, ticket, entry, nonce, signature] = match as unknown as [string, string, string, string, string];
  const ticketId = Number(ticket);
  const entryId = Number(entry);
  if (
    !safeEqual(signature.toLowerCase(), signatureOf(deps.secretKey, ticketId, entryId, nonce.toLowerCase()))
  ) {
    return null;
  }
  return { ticketId, entryId: entryId === 0 ? null : entryId };
}

/** Whether a Message-ID is one of ours (signed with our key), e.g. to recognise mail loops. */
export function isOwnMessageId(deps: { secretKey: string }, messageId: string): boolean {
  return readMessageId(deps, messageId) !== null;
}
