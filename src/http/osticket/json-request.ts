import { DataUrlError, parseDataUrl } from '../../lib/data-url.ts';
import { badField, OsticketError } from './osticket-error.ts';
import type { RequestFile, TicketRequest } from './ticket-request.ts';

function fileFrom(filename: string, value: unknown, field: string): RequestFile {
  if (filename.trim() === '') throw badField(field, 'the file name is empty');
  if (typeof value !== 'string') throw badField(field, `${filename} must be a data: URL`);
  try {
    const url = parseDataUrl(value);
    // The bytes are kept as sent; a declared charset stays with the type so the file reads back right.
    const contentType =
      url.charset !== null && url.mediaType.startsWith('text/')
        ? `${url.mediaType}; charset=${url.charset}`
        : url.mediaType;
    return { filename: filename.trim(), contentType, data: url.bytes };
  } catch (error) {
    if (error instanceof DataUrlError)
      throw badField(field, `${filename}: Invalid data URL: ${error.message}`);
    throw error;
  }
}

/** The files of a JSON request: a list of `{"name.ext": "data:type;base64,..."}` objects. */
function filesOf(value: unknown): RequestFile[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw badField('attachments', 'must be a list of {"filename": "data:..."} objects');
  return value.flatMap((item: unknown, index) => {
    const field = `attachments.${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badField(field, 'must be an object like {"filename.ext": "data:type;base64,..."}');
    }
    const entries = Object.entries(item);
    if (entries.length === 0) throw badField(field, 'names no file');
    return entries.map(([filename, data]) => fileFrom(filename, data, field));
  });
}

/** Reads the body of `POST /api/tickets.json`. */
export function parseJsonTicketRequest(body: Buffer): TicketRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new OsticketError(400, `Invalid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OsticketError(400, 'Invalid JSON: the request must be an object of ticket fields');
  }
  const values = new Map(Object.entries(parsed));
  const message = values.get('message');
  if (message !== undefined && message !== null && typeof message !== 'string') {
    throw badField('message', 'must be text or a data: URL');
  }
  return {
    values,
    message: typeof message === 'string' ? { text: message, type: null } : null,
    attachments: filesOf(values.get('attachments')),
  };
}
