import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import { ERROR_STATUS } from '../error-status.ts';

/**
 * A failure answered the way osTicket answers: a status and a one-line plain-text message. osTicket's
 * clients show the body to people and map the status to mail-system exit codes, so both matter.
 */
export class OsticketError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OsticketError';
  }
}

/** A 400 naming the request field at fault, as `field: problem`. */
export function badField(field: string, problem: string): OsticketError {
  return new OsticketError(400, `${field}: ${problem}`);
}

/** Sends a plain-text answer. */
export function sendPlain(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

// Request body fields as osTicket names them, for the fields that ticket creation reports by our name.
const FIELD_NAMES: Record<string, string> = {
  body: 'message',
  bodyHtml: 'message',
  'requester.email': 'email',
  'requester.name': 'name',
};

function statusAndText(error: AppError): { status: number; text: string } {
  const status = ERROR_STATUS[error.code];
  const field = typeof error.details?.field === 'string' ? error.details.field : null;
  const name = field === null ? null : (FIELD_NAMES[field] ?? field);
  if (status === 422 || error.code === 'validation_failed') {
    // A bad reference or value in the request is, for an osTicket client, simply invalid input.
    if (field === null || name === null) return { status: 400, text: error.message };
    // "topicId 9 does not exist" reads "topicId: 9 does not exist", the way the other field errors read.
    const rest = error.message.startsWith(`${field} `)
      ? error.message.slice(field.length + 1)
      : error.message;
    return { status: 400, text: `${name}: ${rest}` };
  }
  return { status, text: error.message };
}

/** Answers every failure in the osTicket routes' scope as plain text with the status osTicket would use. */
export function installPlainErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | AppError | OsticketError, request, reply) => {
    if (error instanceof OsticketError) return sendPlain(reply, error.status, error.message);
    if (error instanceof AppError) {
      const { status, text } = statusAndText(error);
      if (status >= 500) request.log.error({ err: error }, 'osTicket API request failed');
      return sendPlain(reply, status, text);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendPlain(reply, 413, 'Request body too large');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendPlain(reply, 415, 'Unsupported data format');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendPlain(reply, error.statusCode, error.message);
    }
    request.log.error({ err: error }, 'osTicket API request failed');
    return sendPlain(reply, 500, 'Unable to create new ticket: unknown error');
  });
}
