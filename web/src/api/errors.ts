/** What the API answers on failure: `{error: {code, message, details}}`. */
interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

/** A failed API call, with the server's code, message and details (status 0: the server was not reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Builds the error from a response status and its parsed body, whatever shape the body has. */
  static from(status: number, body: unknown): ApiError {
    const error = (body as ErrorBody | null)?.error;
    return new ApiError(
      status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${status}`,
      error?.details ?? {},
    );
  }
}

/** The message to show for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/**
 * The field errors of a failed call, keyed by form field: the API names the field in `details.field`
 * (validation, unknown references, taken names, broken rules) or lists `details.missing` / `invalid`.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  const field = error.details.field;
  if (typeof field === 'string' && field.length > 0) {
    // Nested paths ("departments.0.roleId", "requester.email") are shown on their top-level control.
    const top = field.split('.')[0] as string;
    found[top] = error.message;
    found[field] = error.message;
  }
  for (const key of ['missing', 'invalid'] as const) {
    const list = error.details[key];
    if (Array.isArray(list)) {
      for (const name of list) {
        if (typeof name === 'string') found[name] = key === 'missing' ? 'Required' : 'Not valid';
      }
    }
  }
  return found;
}
