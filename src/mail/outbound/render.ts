import { REPLY_MARKER } from '../reply-marker.ts';
import { escapeHtml, renderTemplate, type TemplateVariables } from './template-engine.ts';
import type { EmailTemplate } from './templates.ts';

/** A mail ready to store in the outbox: subject, both bodies, and the names the template did not know. */
export interface RenderedEmail {
  subject: string;
  bodyText: string;
  bodyHtml: string;
  unknownVariables: string[];
}

const MAX_SUBJECT_LENGTH = 250;

/** The `[#number]` token inbound mail threads by when the headers are lost. */
export function subjectToken(ticketNumber: string): string {
  return `[#${ticketNumber}]`;
}

function cleanSubject(subject: string, ticketNumber: string | null): string {
  // Line breaks in a header would start a new header; values come from people.
  let cleaned = subject
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (ticketNumber !== null && !cleaned.includes(subjectToken(ticketNumber))) {
    cleaned = `${subjectToken(ticketNumber)} ${cleaned}`.trim();
  }
  return cleaned.length > MAX_SUBJECT_LENGTH ? `${cleaned.slice(0, MAX_SUBJECT_LENGTH - 1)}…` : cleaned;
}

function wrapHtml(body: string, hasMarker: boolean): string {
  const marker = hasMarker
    ? `<div style="color:#9ca3af;font-size:12px;margin-bottom:16px">${escapeHtml(REPLY_MARKER)}</div>\n`
    : '';
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#111827">',
    `${marker}${body.trim()}`,
    '</body></html>',
  ].join('\n');
}

/**
 * Renders a template into a mail. Mail about a ticket starts with the reply marker (inbound mail is cut
 * there) and its subject always carries the ticket token, even when an edited template dropped them.
 */
export function renderEmail(
  template: EmailTemplate,
  variables: TemplateVariables,
  options: { ticketNumber: string | null },
): RenderedEmail {
  const subject = renderTemplate(template.subject, variables, 'text');
  const text = renderTemplate(template.bodyText, variables, 'text');
  const html = renderTemplate(template.bodyHtml, variables, 'html');
  const hasMarker = options.ticketNumber !== null;
  const bodyText = text.output
    .replace(/\r\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return {
    subject: cleanSubject(subject.output, options.ticketNumber),
    bodyText: `${hasMarker ? `${REPLY_MARKER}\n\n` : ''}${bodyText}\n`,
    bodyHtml: wrapHtml(html.output, hasMarker),
    unknownVariables: [
      ...new Set([...subject.unknownVariables, ...text.unknownVariables, ...html.unknownVariables]),
    ],
  };
}
