import { createHash } from 'node:crypto';

/**
 * The header section of a raw message read without a MIME parser, so even a message the parser
 * rejects can be shown to an administrator and given a stable identity.
 */

export interface RawHeader {
  name: string;
  value: string;
}

/** Where the header section ends: the first empty line (CRLF or LF), or the end of the message. */
function headerEnd(raw: Buffer): { end: number; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf !== -1) return { end: lf, bodyStart: lf + 2 };
  return { end: raw.length, bodyStart: raw.length };
}

/** The header fields of a raw message in order, folded lines joined; a leading mbox "From " line is skipped. */
export function readRawHeaders(raw: Buffer, limit = 500): RawHeader[] {
  const { end } = headerEnd(raw);
  const lines = raw.subarray(0, end).toString('utf8').split(/\r?\n/);
  const headers: RawHeader[] = [];
  for (const line of lines) {
    if (headers.length === 0 && line.startsWith('From ')) continue;
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (headers.length >= limit) break;
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

/** Whether the bytes begin like a mail message: a header field (or an mbox "From " line) on the first line. */
export function looksLikeMessage(raw: Buffer): boolean {
  const firstLine = raw.subarray(0, Math.min(raw.length, 1000)).toString('latin1').split(/\r?\n/)[0] ?? '';
  return firstLine.startsWith('From ') || /^[\x21-\x39\x3b-\x7e]+:/.test(firstLine);
}

// Fields each relay adds on the way in; the same message fetched by IMAP and piped by the MTA differs only in these.
const TRACE_FIELDS = new Set([
  'received',
  'return-path',
  'delivered-to',
  'x-original-to',
  'envelope-to',
  'x-envelope-to',
  'x-envelope-from',
]);

/**
 * A Message-ID for a message that came without one, from a hash of its bytes less the trace fields
 * relays add, so two deliveries of one message get the same id.
 */
export function syntheticMessageId(raw: Buffer): string {
  const { end, bodyStart } = headerEnd(raw);
  const kept = readRawHeaders(raw.subarray(0, end), 10_000)
    .filter((header) => !TRACE_FIELDS.has(header.name.toLowerCase()))
    .map((header) => `${header.name.toLowerCase()}:${header.value}`);
  const hash = createHash('sha256').update(kept.join('\n')).update('\n\n').update(raw.subarray(bodyStart));
  return `<${hash.digest('hex').slice(0, 40)}@synthetic.tessera.invalid>`;
}

/** Message-ID, sender and subject as far as the raw header fields tell, for a message the parser rejected. */
export function readRawIdentity(raw: Buffer): {
  messageId: string | null;
  from: string | null;
  subject: string | null;
} {
  const headers = readRawHeaders(raw);
  const value = (name: string) => headers.find((header) => header.name.toLowerCase() === name)?.value ?? null;
  const messageId = /<[^<>\s]{1,900}>/.exec(value('message-id') ?? '')?.[0] ?? null;
  const from = /[^\s<>,;"']+@[^\s<>,;"']+/.exec(value('from') ?? '')?.[0]?.toLowerCase() ?? null;
  return { messageId, from, subject: value('subject')?.slice(0, 1000) ?? null };
}
