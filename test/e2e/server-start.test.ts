import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEmptyDatabase, DIALECTS, type TestDatabase, whileSchemasStay } from '../support/dialects.ts';

/**
 * Starts the real server the way `npm start` does, on an empty database, and drives it over HTTP: the
 * seeded administrator signs in, makes a token, and takes a ticket from creation to confirmed closure.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready in 30 s');
}

for (const dialect of DIALECTS) {
  describe(`npm start on an empty ${dialect} database`, () => {
    let child: ChildProcess;
    let base: string;
    let dataDir: string;
    let database: TestDatabase | null = null;
    let output = '';

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        TESSERA_ADMIN_EMAIL: 'owner@desk.example',
        TESSERA_ADMIN_PASSWORD: 'first start password',
      };
      if (dialect === 'postgres') {
        database = await createEmptyDatabase('postgres');
        env.DATABASE_URL = database.url;
      } else {
        delete env.DATABASE_URL;
      }
      base = `http://127.0.0.1:${env.PORT}`;
      // The server migrates as it starts: no other test may drop its schema meanwhile (whileSchemasStay).
      await whileSchemasStay(dialect, async () => {
        child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout?.on('data', (chunk) => {
          output += chunk;
        });
        child.stderr?.on('data', (chunk) => {
          output += chunk;
        });
        await waitForReady(base, child);
      });
    });

    after(async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('serves a ticket from creation to confirmed closure for the seeded administrator', async () => {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@desk.example', password: 'first start password' }),
      });
      assert.equal(login.status, 200, output);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const { csrfToken } = (await login.json()) as { csrfToken: string };

      const tokenAnswer = await fetch(`${base}/api/v1/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: 'e2e' }),
      });
      assert.equal(tokenAnswer.status, 201);
      const { token } = (await tokenAnswer.json()) as { token: string };

      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${base}/api/v1${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return {
          status: response.status,
          body: (await response.json()) as Record<string, unknown> & { number: string },
        };
      };
      const created = await call('POST', '/tickets', {
        subject: 'Online banking certificate warning',
        body: 'Browsers warn that the certificate is invalid.',
        requester: { email: 'dana@example.com' },
      });
      assert.equal(created.status, 201);
      const n = created.body.number;
      assert.equal((await call('POST', `/tickets/${n}/replies`, { body: 'Checking now.' })).status, 201);
      assert.equal(Array.isArray((await call('GET', '/tickets?q=certif')).body.items), true);
      const resolved = await call('POST', `/tickets/${n}/resolve`, {
        problem: 'Expired certificate',
        actionTaken: 'Renewed it',
        confirmation: 'Checked in two browsers',
        code: 'fixed',
      });
      assert.equal(resolved.status, 200);
      const { confirmationToken } = resolved.body.resolution as { confirmationToken: string };
      const confirmed = await fetch(`${base}/api/v1/confirmations/${confirmationToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'confirm' }),
      });
      assert.equal(confirmed.status, 200);
      assert.equal((await call('GET', `/tickets/${n}`)).body.state, 'closed');
      const docs = await fetch(`${base}/api/openapi.json`);
      assert.equal(docs.status, 200);
    });

    it('stops cleanly on SIGTERM', async () => {
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => child.once('exit', resolve));
      assert.equal(code, 0, output);
    });
  });
}
