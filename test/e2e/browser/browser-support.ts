import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { DialectName } from '../../../src/db/database.ts';
import { createEmptyDatabase, type TestDatabase } from '../../support/dialects.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(ROOT, 'docs', 'screenshots');
export const ADMIN_EMAIL = 'owner@desk.example';
export const ADMIN_PASSWORD = 'first start password';

// Debian's chromium with what a test browser needs: no sandbox (CI runs as root), no GPU, no traffic of
// its own. Playwright gives every launch a fresh --user-data-dir (a temporary profile) by itself.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why the browser tests cannot run here, or null when they can. A missing chromium is a failure unless
 * TEST_SKIP_BROWSER=1 says to skip on purpose.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const message = `chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.TEST_SKIP_BROWSER === '1') return `${message}; skipped because TEST_SKIP_BROWSER=1`;
  throw new Error(`${message}. Set TEST_SKIP_BROWSER=1 to skip the browser tests on purpose.`);
}

/** Launches the headless chromium. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Builds web/dist when it is missing or stale (a lock keeps parallel test files from building twice). */
export function ensureWebBuild(): void {
  const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs', '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, `building the web app failed:\n${build.stdout}\n${build.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  base: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `tessera serve` as `npm start` does, on an empty database of `dialect`. */
export async function startServer(dialect: DialectName): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-browser-'));
  const port = await freePort();
  let database: TestDatabase | null = null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    TESSERA_ADMIN_EMAIL: ADMIN_EMAIL,
    TESSERA_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
  delete env.SMTP_URL;
  if (dialect === 'postgres') {
    database = await createEmptyDatabase('postgres');
    env.DATABASE_URL = database.url;
  } else {
    delete env.DATABASE_URL;
  }
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the server was not ready in 30 s:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    base,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((done) => child.once('exit', done));
      }
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the REST API with a bearer token (for setting up and checking what the browser did). */
export interface ApiClient {
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Signs the seeded administrator in over HTTP and makes an API token for the tests' own calls. */
export async function adminApi(base: string): Promise<ApiClient> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'browser tests' }),
  });
  const { token } = (await created.json()) as { token: string };
  return {
    async call(method, path, body) {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}

/** A page that records uncaught errors and unhandled rejections, so a test can assert there were none. */
export async function openPage(context: BrowserContext): Promise<Page & { errors: string[] }> {
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.setDefaultTimeout(10_000);
  return page;
}

/** Signs an agent in through the console's sign-in page. */
export async function signInAgent(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/agent/tickets`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Queues' }).waitFor();
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page (evaluated over the debugging protocol, so the page's CSP stays on). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${AXE_SOURCE};0`);
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/**
 * Saves a screenshot of the page under test-results/screenshots (on one database only: they look the same)
 * and copies it to docs/screenshots when that has none yet or UPDATE_SCREENSHOTS=1, so an ordinary test
 * run does not rewrite the committed images.
 */
export async function saveScreenshot(page: Page, name: string, shouldSave: boolean): Promise<void> {
  if (!shouldSave) return;
  const scratch = join(ROOT, 'test-results', 'screenshots');
  mkdirSync(scratch, { recursive: true });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const taken = join(scratch, `${name}.png`);
  await page.screenshot({ path: taken });
  const committed = join(SCREENSHOTS_DIR, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(committed)) copyFileSync(taken, committed);
}

/** A tiny valid PNG (a 2x2 image), for attachment uploads. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mNk+M9QzwAEjDAGNzYAAG4SBAG0ZkwqAAAAAElFTkSuQmCC',
  'base64',
);
