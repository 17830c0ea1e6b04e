import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` writes the web app (the same from src/ and from a compiled dist/). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface WebAppOptions {
  /** The built web app; when it holds no build, pages answer 503 saying how to build it. */
  root: string;
}

// Scripts only from this origin (no inline script, no eval); Radix positions popovers with inline styles.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Confirmation and sign-in links carry their token in the path; it must not leak to other sites.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cache-control': 'no-cache',
};

const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
const PLAIN_FILE_CACHE = 'public, max-age=3600';
// A missing file with one of these names is a 404, not a page of the app.
const STATIC_EXTENSION = /\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|txt|xml|json|webmanifest|woff2?)$/i;

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Tessera</title>' +
  '<p>The web app is not built. Run <code>npm run build:web</code> (or start Tessera with ' +
  '<code>npm start</code>, which builds it when needed).</p></html>';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function pathnameOf(request: FastifyRequest): string | null {
  const raw = request.url.split('?')[0] ?? '/';
  try {
    const path = decodeURIComponent(raw);
    // Dot segments and NULs never name a file of the build; send() refuses them too, this is belt and braces.
    if (
      path.includes('\0') ||
      path.split('/').some((segment) => segment === '..' || segment.startsWith('.'))
    ) {
      return null;
    }
    return path;
  } catch {
    return null;
  }
}

function sendPage(reply: FastifyReply, root: string, page: string): FastifyReply {
  reply.headers(PAGE_HEADERS);
  if (!existsSync(join(root, page))) {
    return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  }
  reply.type('text/html; charset=utf-8');
  return reply.sendFile(page);
}

/**
 * Serves the built web app: hashed assets cached for a year, precompressed (brotli, gzip) copies when the
 * browser takes them, and the right index.html for every other address: the console's under /agent, the
 * portal's elsewhere. Addresses under /api never fall back to a page.
 */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const { root } = options;
  await app.register(async (web) => {
    await web.register(fastifyStatic, {
      root,
      serve: false,
      preCompressed: true,
      cacheControl: false,
      dotfiles: 'deny',
      index: false,
      suppressWarning: true,
    });

    web.get('/*', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
      const path = pathnameOf(request);
      if (path === null) return reply.callNotFound();
      if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
      if (path.startsWith('/assets/')) {
        if (!isFile(join(root, path))) return reply.callNotFound();
        reply.header('cache-control', HASHED_ASSET_CACHE).header('x-content-type-options', 'nosniff');
        return reply.sendFile(path.slice(1));
      }
      const isTopLevel = path.lastIndexOf('/') === 0;
      if (isTopLevel && STATIC_EXTENSION.test(path)) {
        if (!isFile(join(root, path))) return reply.callNotFound();
        reply.header('cache-control', PLAIN_FILE_CACHE).header('x-content-type-options', 'nosniff');
        return reply.sendFile(path.slice(1));
      }
      const isConsole = path === '/agent' || path.startsWith('/agent/');
      return sendPage(reply, root, isConsole ? 'agent/index.html' : 'index.html');
    });
  });
}
