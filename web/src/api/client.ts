import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './errors.ts';
import type { paths } from './schema.d.ts';

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Remembers the session's CSRF token; every cookie-authenticated write must send it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls `listener` whenever a call is refused for want of a session (it expired or was ended). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !SAFE_METHODS.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    // A sign-in attempt that fails is not a session that ended.
    if (response.status === 401 && !request.url.includes('/auth/login')) {
      for (const listener of unauthenticatedListeners) listener();
    }
    return response;
  },
};

/** The typed REST client: paths, parameters, bodies and answers come from the OpenAPI document. */
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
});
api.use(sessionMiddleware);

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Awaits a client call and returns its data, or throws an ApiError with the server's code and details. */
export async function call<D>(request: Promise<Answer<D>>): Promise<D> {
  let answer: Answer<D>;
  try {
    answer = await request;
  } catch (cause) {
    throw new ApiError(0, 'network', 'The server could not be reached. Check the connection and try again.', {
      cause: String(cause),
    });
  }
  if (!answer.response.ok) throw ApiError.from(answer.response.status, answer.error);
  return answer.data as D;
}
