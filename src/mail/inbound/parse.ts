import {
  type AddressObject,
  type EmailAddress,
  type ParsedMail,
  type StructuredHeader,
  simpleParser,
} from 'mailparser';

/** One mailbox of an address header. */
export interface MailAddress {
  /** Lower-cased. */
  address: string;
  /** The display name, RFC 2047 decoded; empty when none was given. */
  name: string;
}

export interface InboundAttachment {
  filename: string;
  contentType: string;
  /** The Content-ID without angle brackets, which `cid:` URLs in the HTML refer to. */
  contentId: string | null;
  /** Shown inside the message (an embedded image) rather than attached to it. */
  isInline: boolean;
  content: Buffer;
}

/** A raw RFC 822 message as the pipeline works with it. */
export interface InboundMessage {
  /** With angle brackets; null when the message had none (the pipeline then makes one up). */
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first. */
  references: string[];
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress | null;
  /** Envelope recipients relays recorded (Delivered-To, X-Original-To, Envelope-To), lower-cased. */
  deliveredTo: string[];
  subject: string;
  /** Null when the Date header is missing. */
  date: Date | null;
  text: string | null;
  /** As sent (unsanitized), `cid:` links kept. */
  html: string | null;
  attachments: InboundAttachment[];
  /** The top-level media type, lower-cased, and its parameters. */
  contentType: { value: string; params: Record<string, string> };
  /** Every header's values by lower-cased name, unfolded, not decoded. */
  headers: ReadonlyMap<string, readonly string[]>;
}

export type ParseOutcome =
  | { ok: true; message: InboundMessage }
  | { ok: false; reason: 'unparseable' | 'no_sender'; detail: string };

const ADDRESS = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+$/;
const MAX_REFERENCES = 50;

function flatten(entries: EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!header) return [];
  const objects = Array.isArray(header) ? header : [header];
  const seen = new Set<string>();
  const result: MailAddress[] = [];
  for (const entry of flatten(objects.flatMap((object) => object.value))) {
    const address = entry.address?.trim().toLowerCase() ?? '';
    if (!ADDRESS.test(address) || address.length > 254 || seen.has(address)) continue;
    seen.add(address);
    result.push({ address, name: entry.name.trim() });
  }
  return result;
}

/** The `<...>` ids in a header value, in order; a bare id without brackets counts when it is all there is. */
export function readMessageIds(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = [...text.matchAll(/<([^<>\s]{1,900})>/g)].map((match) => `<${match[1]}>`);
  if (ids.length > 0) return ids;
  const bare = text.trim();
  return /^[^<>\s]{1,900}@[^<>\s]+$/.test(bare) ? [`<${bare}>`] : [];
}

function headerMap(parsed: ParsedMail): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  return headers;
}

function contentTypeOf(parsed: ParsedMail): InboundMessage['contentType'] {
  const header = parsed.headers.get('content-type') as StructuredHeader | undefined;
  if (header && typeof header.value === 'string') {
    return { value: header.value.toLowerCase(), params: header.params ?? {} };
  }
  return { value: 'text/plain', params: {} };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/calendar': '.ics',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
  'text/rfc822-headers': '.txt',
  'application/pdf': '.pdf',
};

function attachmentsOf(parsed: ParsedMail): InboundAttachment[] {
  return parsed.attachments.map((attachment, index) => {
    const contentType = attachment.contentType.toLowerCase();
    const contentId = attachment.cid?.trim() || null;
    const isInline =
      contentId !== null && (attachment.related === true || attachment.contentDisposition === 'inline');
    const fallback = `${isInline ? 'inline' : 'attachment'}-${index + 1}${EXTENSIONS[contentType] ?? ''}`;
    return {
      filename: attachment.filename?.trim() || fallback,
      contentType,
      contentId,
      isInline,
      content: attachment.content,
    };
  });
}

function deliveredToOf(headers: Map<string, string[]>): string[] {
  const values = ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to'].flatMap(
    (name) => headers.get(name) ?? [],
  );
  const found = values.flatMap((value) => [...value.matchAll(/[^\s<>,;"']+@[^\s<>,;"']+/g)].map((m) => m[0]));
  return [...new Set(found.map((address) => address.toLowerCase()))];
}

/**
 * Turns a raw RFC 822 message into the typed message the pipeline uses: MIME decoded in any charset,
 * RFC 2047/2231 names decoded, attachments buffered, `cid:` links left in the HTML for the pipeline to
 * point at stored attachments. A message the parser rejects or without a usable From is a failure.
 */
export async function parseEmail(raw: Buffer): Promise<ParseOutcome> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      keepCidLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: 5_000_000,
    });
  } catch (error) {
    return {
      ok: false,
      reason: 'unparseable',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  const from = addressesOf(parsed.from)[0];
  if (!from) {
    return { ok: false, reason: 'no_sender', detail: 'The message has no usable From address' };
  }
  const headers = headerMap(parsed);
  return {
    ok: true,
    message: {
      messageId: readMessageIds(parsed.messageId)[0] ?? null,
      inReplyTo: readMessageIds(parsed.inReplyTo)[0] ?? null,
      references: readMessageIds(parsed.references).slice(-MAX_REFERENCES),
      from,
      to: addressesOf(parsed.to),
      cc: addressesOf(parsed.cc),
      replyTo: addressesOf(parsed.replyTo)[0] ?? null,
      deliveredTo: deliveredToOf(headers),
      subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
      date: headers.has('date') && parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
      text: parsed.text ?? null,
      html: typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : null,
      attachments: attachmentsOf(parsed),
      contentType: contentTypeOf(parsed),
      headers,
    },
  };
}
