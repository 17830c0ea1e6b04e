import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandling } from '../errors.ts';
import { registerWebApp } from './web-app.ts';

const PORTAL_HTML = `<!doctype html><title>portal</title>${'<!-- padding -->'.repeat(20)}`;
const CONSOLE_HTML = '<!doctype html><title>console</title>';
const ASSET = `console.log("hello");${' '.repeat(2000)}`;

function writeBuild(root: string): void {
  mkdirSync(join(root, 'agent'), { recursive: true });
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, '.vite'), { recursive: true });
  writeFileSync(join(root, 'index.html'), PORTAL_HTML);
  writeFileSync(join(root, 'index.html.br'), brotliCompressSync(PORTAL_HTML));
  writeFileSync(join(root, 'agent', 'index.html'), CONSOLE_HTML);
  writeFileSync(join(root, 'assets', 'app-Ab12.js'), ASSET);
  writeFileSync(join(root, 'assets', 'app-Ab12.js.br'), brotliCompressSync(ASSET));
  writeFileSync(join(root, 'assets', 'app-Ab12.js.gz'), gzipSync(ASSET));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(root, '.vite', 'manifest.json'), '{}');
}

async function makeApp(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandling(app);
  app.get('/api/v1/ping', async () => ({ ok: true }));
  await registerWebApp(app, { root });
  await app.ready();
  return app;
}

describe('serving the web app', () => {
  let root: string;
  let app: FastifyInstance;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'tessera-web-'));
    writeBuild(root);
    app = await makeApp(root);
  });

  after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers portal addresses with the portal page and its security headers', async () => {
    const response = await app.inject({ url: '/confirm/abc.def?action=reopen' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, PORTAL_HTML);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp.split(';').find((part) => part.includes('script-src')) ?? '', /unsafe-inline/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.equal(response.headers['cache-control'], 'no-cache');
  });

  it('answers /agent and every address under it with the console page', async () => {
    for (const url of ['/agent', '/agent/', '/agent/tickets/1042?tab=thread']) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, CONSOLE_HTML, url);
      assert.ok(response.headers['content-security-policy'], url);
    }
  });

  it('never answers an unknown /api address with a page', async () => {
    const response = await app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'route_not_found');
    assert.equal((await app.inject({ url: '/api/v1/ping' })).json().ok, true);
  });

  it('serves hashed assets with a year of immutable caching', async () => {
    const response = await app.inject({ url: '/assets/app-Ab12.js' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(response.headers['content-type']), /javascript/);
  });

  it('sends the precompressed brotli or gzip copy the browser accepts', async () => {
    const brotli = await app.inject({
      url: '/assets/app-Ab12.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.match(String(brotli.headers.vary), /accept-encoding/i);
    const gzip = await app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    assert.equal(page.headers['content-encoding'], 'br');
    assert.match(String(page.headers['content-type']), /^text\/html/);
  });

  it('answers a missing asset or root file with 404, not a page', async () => {
    assert.equal((await app.inject({ url: '/assets/gone-X1.js' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/favicon.ico' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/robots.txt' })).statusCode, 200);
  });

  it('does not serve dot folders or climb out of the build', async () => {
    assert.equal((await app.inject({ url: '/.vite/manifest.json' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/assets/..%2f..%2fetc%2fpasswd' })).statusCode, 404);
  });

  it('answers 503 with a hint when the web app was never built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tessera-web-empty-'));
    const bare = await makeApp(empty);
    try {
      const response = await bare.inject({ url: '/agent/tickets' });
      assert.equal(response.statusCode, 503);
      assert.match(response.body, /npm run build:web/);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
