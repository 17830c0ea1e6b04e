import type { ErrorCode } from '../domain/errors.ts';

/** The one map from error codes to HTTP statuses. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  route_not_found: 404,
  unknown_reference: 422,
  already_exists: 409,
  in_use: 409,
  unprocessable: 422,
  invalid_transition: 409,
  ticket_closed: 409,
  resolution_required: 422,
  idempotency_key_reused: 422,
  confirmation_invalid: 404,
  confirmation_expired: 410,
  confirmation_used: 409,
  rate_limited: 429,
  not_ready: 503,
  internal: 500,
};
