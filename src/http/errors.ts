import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import { ERROR_STATUS } from './error-status.ts';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

function body(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

// Fastify's own failures, by their codes, as Tessera error codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_VALIDATION: 'validation_failed',
};

/** Maps every failure to `{error: {code, message, details}}` with the status the code calls for. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(ERROR_STATUS[error.code]).send(body(error.code, error.message, error.details));
    }
    if (error.validation) {
      const first = error.validation[0];
      const path = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : undefined;
      const field =
        first?.keyword === 'required'
          ? [path, (first.params as { missingProperty?: string }).missingProperty].filter(Boolean).join('.')
          : first?.keyword === 'additionalProperties'
            ? [path, (first.params as { additionalProperty?: string }).additionalProperty]
                .filter(Boolean)
                .join('.')
            : path;
      const where = error.validationContext ?? 'body';
      const message =
        first?.keyword === 'additionalProperties'
          ? `${where} has an unknown property "${field}"`
          : `${where}${field ? `.${field}` : ''} ${first?.message ?? 'is invalid'}`;
      return reply.status(400).send(
        body('validation_failed', message, {
          in: where,
          field: field ?? null,
          problems: error.validation.length,
        }),
      );
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return reply.status(ERROR_STATUS[mapped]).send(body(mapped, error.message));
    if (error.statusCode === 429) return reply.status(429).send(body('rate_limited', error.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('validation_failed', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(body('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
