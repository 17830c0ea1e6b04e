import { normalizeBody } from '../../lib/html.ts';
import type { NewAttachment } from '../../services/tickets/attachments.ts';
import type { InboundMessage } from './parse.ts';
import { stripQuotes } from './strip-quotes.ts';

/** What a message contributes to a thread entry: its body without quoted history, and its files. */
export interface EntryContent {
  /** Sanitized HTML and its plain text, as thread entries store them. */
  body: { html: string; text: string };
  /** The same body as ticket creation takes it. */
  input: { body?: string; bodyHtml?: string };
  attachments: NewAttachment[];
  /** The Content-ID of each attachment (same order), for pointing `cid:` images at the stored file. */
  contentIds: (string | null)[];
  strippedBy: string | null;
}

/**
 * The entry content of a message. HTML is preferred when it says something; a message left with no
 * words and no files says its subject, so no entry is ever blank.
 */
export function composeEntryContent(message: InboundMessage): EntryContent {
  const stripped = stripQuotes({ text: message.text, html: message.html });
  const fromHtml = stripped.html !== null ? normalizeBody({ html: stripped.html }) : null;
  const hasHtml = fromHtml !== null && (fromHtml.text !== '' || /<img\b/i.test(fromHtml.html));
  let input: EntryContent['input'] = hasHtml ? { bodyHtml: fromHtml.html } : { body: stripped.text ?? '' };
  let body = hasHtml ? fromHtml : normalizeBody({ text: stripped.text ?? '' });
  if (body.text === '' && !/<img\b/i.test(body.html) && message.attachments.length === 0) {
    const fallback = message.subject || '(no text)';
    input = { body: fallback };
    body = normalizeBody({ text: fallback });
  }
  return {
    body,
    input,
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      data: attachment.content,
    })),
    contentIds: message.attachments.map((attachment) => attachment.contentId),
    strippedBy: stripped.strippedBy,
  };
}

function decodeCid(cid: string): string {
  try {
    return decodeURIComponent(cid.replace(/&amp;/g, '&')).trim();
  } catch {
    return cid.trim();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Points each `cid:` image at the download address of the attachment it names; an image whose part is
 * missing is dropped rather than left broken. Null when nothing needed changing.
 */
export function linkInlineImages(html: string, urls: ReadonlyMap<string, string>): string | null {
  if (!/\bsrc="cid:/i.test(html)) return null;
  return html.replace(/<img\b[^>]*\bsrc="cid:([^"]*)"[^>]*>/gi, (tag, cid: string) => {
    const url = urls.get(decodeCid(cid));
    return url ? tag.replace(new RegExp(`src="cid:${escapeRegExp(cid)}"`), `src="${url}"`) : '';
  });
}
