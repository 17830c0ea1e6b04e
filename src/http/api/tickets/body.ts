import { AppError } from '../../../domain/errors.ts';

/** A body comes as plain text or as HTML: exactly one of the two. */
export function requireOneBody(body: { body?: string | undefined; bodyHtml?: string | undefined }): void {
  if (body.body !== undefined && body.bodyHtml !== undefined) {
    throw new AppError('validation_failed', 'Send body or bodyHtml, not both', { field: 'bodyHtml' });
  }
  if (body.body === undefined && body.bodyHtml === undefined) {
    throw new AppError('validation_failed', 'body or bodyHtml is required', { field: 'body' });
  }
}
