/**
 * Every error code Tessera returns. Services throw these; the HTTP layer alone decides the status
 * (see src/http/error-status.ts), and docs/errors.md documents each one (a test keeps the three in step).
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_invalid',
  'not_found',
  'route_not_found',
  'unknown_reference',
  'already_exists',
  'in_use',
  'unprocessable',
  'invalid_transition',
  'ticket_closed',
  'resolution_required',
  'idempotency_key_reused',
  'confirmation_invalid',
  'confirmation_expired',
  'confirmation_used',
  'invite_invalid',
  'invite_expired',
  'rate_limited',
  'not_ready',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure a caller can act on: a stable code, a sentence for people, and optional structured details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Shorthand for the most common failure: the thing named does not exist (or is not visible to the actor). */
export function notFound(what: string, id: string | number): AppError {
  return new AppError('not_found', `${what} ${id} was not found`, { resource: what, id });
}

/** A body field points at something that does not exist. */
export function unknownReference(field: string, id: string | number): AppError {
  return new AppError('unknown_reference', `${field} ${id} does not exist`, { field, id });
}
