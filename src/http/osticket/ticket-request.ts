import { isIP } from 'node:net';
import type { TicketSource } from '../../domain/ticket/lifecycle.ts';
import { DataUrlError, dataUrlText, looksLikeDataUrl, parseDataUrl } from '../../lib/data-url.ts';
import type { CreateTicketInput } from '../../services/tickets/create-ticket.ts';
import { badField } from './osticket-error.ts';

/** A file sent with a ticket, decoded. */
export interface RequestFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * An osTicket create-ticket request read from JSON or XML, before its fields are interpreted: the
 * top-level values as sent (JSON values, or text for XML), the message with any declared type, the files.
 */
export interface TicketRequest {
  values: Map<string, unknown>;
  message: { text: string; type: string | null } | null;
  attachments: RequestFile[];
}

// osTicket's built-in priority ids (ost_ticket_priority) and the keys Tessera seeds for them.
const OSTICKET_PRIORITIES: Record<string, string> = {
  '1': 'low',
  '2': 'normal',
  '3': 'high',
  '4': 'emergency',
};
const SOURCES: Record<string, TicketSource> = {
  web: 'web',
  email: 'email',
  phone: 'phone',
  api: 'api',
  other: 'api',
};
const BOOLEANS: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};
// The addresses osTicket accepts; the same shape as the REST API's email format.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const RESERVED = new Set([
  'name',
  'email',
  'subject',
  'message',
  'attachments',
  'topicId',
  'priority',
  'priorityId',
  'source',
  'alert',
  'autorespond',
  'ip',
  'phone',
  'phone_ext',
]);
const MAX_FIELDS = 100;
const MAX_FIELD_NAME = 100;
const MAX_FIELD_TEXT = 10_000;
const MAX_MESSAGE = 1_000_000;

function text(values: Map<string, unknown>, field: string, maxLength: number): string | undefined {
  const value = values.get(field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw badField(field, 'must be text');
  const trimmed = String(value).trim();
  if (trimmed.length > maxLength) throw badField(field, `must have at most ${maxLength} characters`);
  return trimmed === '' ? undefined : trimmed;
}

function flag(values: Map<string, unknown>, field: string): boolean | undefined {
  const value = values.get(field);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const parsed = BOOLEANS[String(value).trim().toLowerCase()];
  if (parsed === undefined) throw badField(field, 'must be true or false');
  return parsed;
}

function wholeNumber(values: Map<string, unknown>, field: string): number | undefined {
  const value = values.get(field);
  if (value === undefined || value === null || value === '') return undefined;
  const digits = String(value).trim();
  if ((typeof value !== 'number' && typeof value !== 'string') || !/^\d{1,15}$/.test(digits)) {
    throw badField(field, 'must be a number');
  }
  return Number(digits);
}

function priorityOf(values: Map<string, unknown>): string | undefined {
  for (const field of ['priorityId', 'priority']) {
    const value = values.get(field);
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' && typeof value !== 'number') throw badField(field, 'must be text');
    const given = String(value).trim();
    if (/^\d+$/.test(given)) {
      const key = OSTICKET_PRIORITIES[String(Number(given))];
      if (!key) throw badField(field, `unknown priority ${given} (osTicket's ids are 1 low to 4 emergency)`);
      return key;
    }
    if (field === 'priorityId') throw badField(field, 'must be a number');
    return given.toLowerCase();
  }
  return undefined;
}

function messageOf(request: TicketRequest): { body?: string; bodyHtml?: string } {
  if (request.message === null) throw badField('message', 'Message content required');
  let type = request.message.type?.trim().toLowerCase() || 'text/plain';
  let content = request.message.text;
  if (looksLikeDataUrl(content)) {
    try {
      const url = parseDataUrl(content);
      type = url.mediaType;
      content = dataUrlText(url);
    } catch (error) {
      if (error instanceof DataUrlError) throw badField('message', `Invalid data URL: ${error.message}`);
      throw error;
    }
  }
  if (type !== 'text/plain' && type !== 'text/html') {
    throw badField('message', `type must be text/plain or text/html, not ${type}`);
  }
  if (content.trim() === '') throw badField('message', 'Message content required');
  if (content.length > MAX_MESSAGE) throw badField('message', `must have at most ${MAX_MESSAGE} characters`);
  return type === 'text/html' ? { bodyHtml: content } : { body: content };
}

function phoneFields(values: Map<string, unknown>): Record<string, string> {
  let phone = text(values, 'phone', 100);
  let extension = text(values, 'phone_ext', 20);
  // osTicket lets the extension ride in the number after a capital X: "3185558634X123".
  const embedded = phone === undefined ? null : /^(.*?)\s*[xX]\s*(\d+)$/.exec(phone);
  if (embedded?.[1] && embedded[2]) {
    phone = embedded[1];
    extension ??= embedded[2];
  }
  return { ...(phone ? { phone } : {}), ...(extension ? { phone_ext: extension } : {}) };
}

function customFields(values: Map<string, unknown>): [string, string | number | boolean | null][] {
  const fields: [string, string | number | boolean | null][] = [];
  for (const [name, value] of values) {
    if (RESERVED.has(name)) continue;
    if (name.length === 0 || name.length > MAX_FIELD_NAME) {
      throw badField(name || '(empty)', `a field name must have 1 to ${MAX_FIELD_NAME} characters`);
    }
    if (typeof value === 'string' && value.length > MAX_FIELD_TEXT) {
      throw badField(name, `must have at most ${MAX_FIELD_TEXT} characters`);
    }
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw badField(name, 'a field value must be text, a number or a boolean');
    }
    fields.push([name, value as string | number | boolean | null]);
  }
  if (fields.length > MAX_FIELDS)
    throw badField(fields[MAX_FIELDS]?.[0] ?? '', `at most ${MAX_FIELDS} fields`);
  return fields;
}

/**
 * Interprets an osTicket request's fields as a new ticket, with osTicket's semantics: requester `name`
 * and `email`, `subject`, `message`, `topicId`, `priorityId`/`priority`, `source`, `alert`,
 * `autorespond`; `ip` (defaulting to the caller's address), `phone` and `phone_ext` and every other
 * field are kept in the ticket's fields by name. Throws a 400 naming the first field at fault.
 */
export function toCreateTicketInput(request: TicketRequest, clientIp: string): CreateTicketInput {
  const { values } = request;
  const email = text(values, 'email', 254);
  if (email === undefined) throw badField('email', 'Email address required');
  if (!EMAIL.test(email)) throw badField('email', 'Valid email address required');
  const subject = text(values, 'subject', 255);
  if (subject === undefined) throw badField('subject', 'Subject required');
  const name = text(values, 'name', 200);
  const body = messageOf(request);

  const sourceName = text(values, 'source', 20);
  const source = sourceName === undefined ? 'api' : SOURCES[sourceName.toLowerCase()];
  if (!source) throw badField('source', `unknown source "${sourceName}" (Web, Email, Phone, API or Other)`);
  const ip = text(values, 'ip', 64) ?? clientIp;
  if (isIP(ip) === 0) throw badField('ip', `"${ip}" is not an IP address`);

  const topicId = wholeNumber(values, 'topicId');
  if (topicId === 0) throw badField('topicId', 'topicId 0 does not exist');
  const priority = priorityOf(values);
  const alert = flag(values, 'alert');
  const autoRespond = flag(values, 'autorespond');
  const fields = Object.fromEntries([
    ...customFields(values),
    ['ip', ip],
    ...Object.entries(phoneFields(values)),
  ]);

  return {
    subject,
    ...body,
    requester: { email, ...(name !== undefined ? { name } : {}) },
    ...(topicId !== undefined ? { topicId } : {}),
    ...(priority !== undefined ? { priority } : {}),
    source,
    fields,
    attachments: request.attachments.map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      data: file.data.toString('base64'),
    })),
    ...(alert !== undefined ? { alert } : {}),
    ...(autoRespond !== undefined ? { autoRespond } : {}),
  };
}
