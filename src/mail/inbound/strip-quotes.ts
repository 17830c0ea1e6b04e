import EmailReplyParser from 'email-reply-parser';
import { htmlToText, sanitizeHtml } from '../../lib/html.ts';
import { REPLY_MARKER } from '../reply-marker.ts';

/**
 * Cuts the quoted history off a reply, so the thread shows what the person wrote this time. Tessera's
 * own marker goes first (everything from its line on is the notification being answered), then the
 * quoting styles of the common clients. When what follows a quote is new writing (a reply below the
 * quote), only the quote goes. The raw message keeps everything.
 */

export interface StrippedBody {
  text: string | null;
  html: string | null;
  /** Which rule cut something, or null when the body was kept whole. */
  strippedBy: string | null;
}

// "On Tue, Jan 6, 2026 at 10:15 AM Jane <jane@example.com> wrote:", which clients wrap over up to three lines.
const ATTRIBUTION = /^On\s[\s\S]{1,300}?\swrote:\s*$/;
const ORIGINAL_MESSAGE = /^-{2,}\s*Original Message\s*-{2,}\s*$/i;
const HEADER_FROM = /^\*?From:\*?\s/i;
const HEADER_SENT = /^\*?(Sent|Date):\*?\s/i;
const HEADER_TO = /^\*?(To|Subject):\*?\s/i;
const UNDERSCORES = /^_{10,}\s*$/;

function unquoted(line: string): string {
  return line.replace(/^(\s*>)+\s?/, '').trim();
}

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

/** How many lines from `index` form an "On ... wrote:" attribution (0 when none). */
function attributionLength(lines: string[], index: number): number {
  if (!/^On\s/.test(unquoted(lines[index] ?? ''))) return 0;
  let joined = '';
  for (let count = 1; count <= 3 && index + count <= lines.length; count++) {
    joined = `${joined} ${unquoted(lines[index + count - 1] ?? '')}`.trim();
    if (ATTRIBUTION.test(joined)) return count;
  }
  return 0;
}

function isOutlookHeaderBlock(lines: string[], index: number): boolean {
  if (!HEADER_FROM.test(lines[index] ?? '')) return false;
  const next = lines.slice(index + 1, index + 6);
  return next.some((line) => HEADER_SENT.test(line)) && next.some((line) => HEADER_TO.test(line));
}

/** Where the quoted history begins in the lines (and how it was recognised), or null. */
function findTextCut(lines: string[]): { index: number; by: string; headerLines: number } | null {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const length = attributionLength(lines, index);
    if (length > 0) return { index, by: 'attribution', headerLines: length };
    if (ORIGINAL_MESSAGE.test(line.trim())) return { index, by: 'original-message', headerLines: 1 };
    if (isOutlookHeaderBlock(lines, index)) {
      const above = index > 0 && UNDERSCORES.test(lines[index - 1] ?? '') ? index - 1 : index;
      return { index: above, by: 'outlook-header', headerLines: 1 };
    }
  }
  return null;
}

/** The start of a trailing quote email-reply-parser recognises (other languages' attributions), or null. */
function findParserCut(lines: string[]): number | null {
  const fragments = new EmailReplyParser().read(lines.join('\n')).getFragments();
  let start = fragments.length;
  while (start > 0) {
    const fragment = fragments[start - 1];
    if (!fragment || !(fragment.isQuoted() || fragment.isEmpty())) break;
    start--;
  }
  const head = fragments[start]?.getContent().split('\n')[0]?.trim() ?? '';
  if (start === fragments.length || head === '' || isQuoted(head)) return null;
  const probe = head.slice(0, 40);
  for (let index = lines.length - 1; index >= 0; index--) {
    if ((lines[index] ?? '').trim().startsWith(probe)) return index;
  }
  return null;
}

function trimLines(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\s+$/, '')
    .replace(/^\s*\n/, '');
}

/** Strips quoted history from a plain text body. */
export function stripQuotedText(text: string): { text: string; by: string | null } {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  let by: string | null = null;
  const marker = lines.findIndex((line) => line.includes(REPLY_MARKER));
  if (marker !== -1) {
    lines = lines.slice(0, marker);
    by = 'reply-marker';
  }
  const cut = findTextCut(lines);
  if (cut) {
    const afterHeader = cut.index + cut.headerLines;
    let end = afterHeader;
    while (end < lines.length && (isQuoted(lines[end] ?? '') || (lines[end] ?? '').trim() === '')) end++;
    const isQuoteStyle = cut.by === 'attribution';
    // New writing below a ">" quote is a bottom-posted reply: only the quote goes.
    lines =
      isQuoteStyle && end < lines.length
        ? [...lines.slice(0, cut.index), ...lines.slice(end)]
        : lines.slice(0, cut.index);
    by = by ?? cut.by;
  } else {
    const parserCut = by === null ? findParserCut(lines) : null;
    if (parserCut !== null) {
      lines = lines.slice(0, parserCut);
      by = 'reply-parser';
    }
  }
  let end = lines.length;
  while (end > 0 && (isQuoted(lines[end - 1] ?? '') || (lines[end - 1] ?? '').trim() === '')) end--;
  if (end < lines.length && lines.slice(0, end).some((line) => line.trim() !== '')) {
    if (lines.slice(end).some((line) => isQuoted(line))) by = by ?? 'trailing-quote';
    lines = lines.slice(0, end);
  }
  return { text: trimLines(lines), by };
}

/** Dividers that hold the whole quote inside them: what follows their end is the writer's again. */
const CONTAINERS: [string, RegExp, string][] = [
  ['gmail', /<div\b[^>]*\bclass=["'][^"']*\bgmail_quote/i, 'div'],
  ['yahoo', /<div\b[^>]*\bclass=["'][^"']*\byahoo_quoted/i, 'div'],
  ['thunderbird', /<div\b[^>]*\bclass=["'][^"']*\bmoz-cite-prefix/i, 'blockquote'],
  ['cite', /<blockquote\b[^>]*\btype=["']?cite/i, 'blockquote'],
];

/** Dividers after which everything is the quoted message. */
const HEADERS: [string, RegExp][] = [
  ['outlook', /<div\b[^>]*\bid=["']?(divRplyFwdMsg|appendonsend)/i],
  ['outlook', /<div\b[^>]*\bstyle=["'][^"']*border-top:\s*solid\s+#[0-9a-f]{6}\s+1\.0pt/i],
  ['outlook', /<hr\b[^>]*\bid=["']?stopSpelling/i],
  ['outlook', /<div\b[^>]*\bclass=["'][^"']*\bOutlookMessageHeader/i],
  ['original-message', /-{2,}\s*Original Message\s*-{2,}/i],
];

/** The index just past the element of `tag` that opens at or after `from`, counting nesting. */
function endOfElement(html: string, from: number, tag: string): number {
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  pattern.lastIndex = from;
  let depth = 0;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return match.index + match[0].length;
  }
  return html.length;
}

const TRAILING_NOISE =
  /(\s|&nbsp;|<br\s*\/?>|<hr\b[^>]*>|<(div|p|span|font|b|i|u)\b[^>]*>(\s|&nbsp;|<br\s*\/?>)*<\/\2>)+$/i;
const TRAILING_ATTRIBUTION = /<(div|p)\b[^>]*>(?:(?!<\/?(?:div|p)\b)[\s\S]){0,600}$/i;

const CLOSING_TAGS = /(\s*<\/[a-z0-9]+>)*\s*$/i;
const DANGLING_OPEN = /<([a-z0-9]+)\b[^>]*>\s*$/i;

/** Drops what is left empty at the end once the quote is gone: blank blocks, breaks, rules, inside their closing tags too. */
function trimTrailingNoise(html: string): string {
  let result = html;
  for (let previous = ''; previous !== result; ) {
    previous = result;
    const closers = CLOSING_TAGS.exec(result)?.[0] ?? '';
    let body = result.slice(0, result.length - closers.length).replace(TRAILING_NOISE, '');
    let rest = closers;
    const open = DANGLING_OPEN.exec(body);
    const closer = new RegExp(`^\\s*</${open?.[1] ?? ''}>`, 'i');
    if (open && closer.test(rest)) {
      body = body.slice(0, open.index);
      rest = rest.replace(closer, '');
    }
    result = body + rest;
  }
  return result;
}

function tidyTail(html: string): string {
  let result = trimTrailingNoise(html);
  const closers = CLOSING_TAGS.exec(result)?.[0] ?? '';
  const body = result.slice(0, result.length - closers.length);
  const block = TRAILING_ATTRIBUTION.exec(body);
  if (block && ATTRIBUTION.test(htmlToText(block[0]).replace(/\s+/g, ' ').trim())) {
    result = trimTrailingNoise(body.slice(0, block.index) + closers);
  }
  return result;
}

/** Strips quoted history from an HTML body; the result is sanitized. */
export function stripQuotedHtml(html: string): { html: string; by: string | null } {
  const candidates: { index: number; by: string; end: number | null }[] = [];
  const marker = html.indexOf(REPLY_MARKER);
  if (marker !== -1) candidates.push({ index: marker, by: 'reply-marker', end: null });
  for (const [by, pattern, tag] of CONTAINERS) {
    const match = pattern.exec(html);
    if (match) candidates.push({ index: match.index, by, end: endOfElement(html, match.index, tag) });
  }
  for (const [by, pattern] of HEADERS) {
    const match = pattern.exec(html);
    if (match) candidates.push({ index: match.index, by, end: null });
  }
  const cut = candidates.sort((a, b) => a.index - b.index)[0];
  if (!cut) return { html: sanitizeHtml(html), by: null };
  const after = cut.end === null ? '' : html.slice(cut.end);
  const keepAfter = htmlToText(sanitizeHtml(after)).trim() !== '' && !after.includes(REPLY_MARKER);
  const kept = keepAfter ? `${html.slice(0, cut.index)}${after}` : html.slice(0, cut.index);
  return { html: tidyTail(sanitizeHtml(kept)), by: cut.by };
}

function hasContent(html: string): boolean {
  return htmlToText(html).trim() !== '' || /<img\b/i.test(html);
}

/** Strips both forms of a body; a part that would be left empty is kept whole instead. */
export function stripQuotes(body: { text: string | null; html: string | null }): StrippedBody {
  const text = body.text === null ? null : stripQuotedText(body.text);
  const html = body.html === null ? null : stripQuotedHtml(body.html);
  const keptText =
    text && text.text.trim() !== '' ? text : body.text === null ? null : { text: body.text, by: null };
  const keptHtml =
    html && hasContent(html.html)
      ? html
      : body.html === null
        ? null
        : { html: sanitizeHtml(body.html), by: null };
  return {
    text: keptText?.text ?? null,
    html: keptHtml?.html ?? null,
    strippedBy: keptHtml?.by ?? keptText?.by ?? null,
  };
}
