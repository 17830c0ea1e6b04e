import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { DialectName } from '../../src/db/database.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createApiToken } from '../../src/services/auth/api-tokens.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { ensureDefaults } from '../../src/services/setup/ensure-defaults.ts';
import { createTestDatabase, type TestDatabase } from './dialects.ts';

export const ADMIN_EMAIL = 'admin@tessera.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestContext {
  dialect: DialectName;
  database: TestDatabase;
  deps: ServiceDeps;
  clock: ManualClock;
  app: FastifyInstance;
  /** A bearer token of the seeded administrator. */
  adminToken: string;
  adminId: number;
  /** Calls the API as the administrator (or with `token`), JSON in and out. */
  api(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them.
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** Service dependencies on a test database, with fixed keys and addresses. */
export function makeTestDeps(
  database: { db: ServiceDeps['db']; dialect: DialectName },
  overrides: Partial<ServiceDeps> = {},
): ServiceDeps {
  return {
    db: database.db,
    dialect: database.dialect,
    clock: new ManualClock(),
    secretKey: 'test-secret-key-that-is-long-enough-0123456789',
    attachmentsDir: join(tmpdir(), 'tessera-files-unused'),
    publicUrl: 'http://tessera.test',
    mail: { smtpUrl: null, from: 'Tessera Support <support@tessera.test>', domain: 'tessera.test' },
    ...overrides,
  };
}

/** A migrated, seeded database of one dialect and the HTTP app on it, driven with inject(). */
export async function createTestContext(dialect: DialectName): Promise<TestContext> {
  const database = await createTestDatabase(dialect);
  const clock = new ManualClock();
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'tessera-files-'));
  const deps = makeTestDeps(database, { clock, attachmentsDir });
  await ensureDefaults(deps, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const admin = await database.db
    .selectFrom('agents')
    .select('id')
    .where('email', '=', ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(deps, { agentId: admin.id, name: 'tests' });
  const app = await buildApp({
    deps,
    logger: false,
    bodyLimitBytes: 1024 * 1024,
    publicUrl: 'http://tessera.test',
  });
  await app.ready();

  const api: TestContext['api'] = async (method, url, body, options = {}) => {
    const bearer = options.token === undefined ? token : options.token;
    const response = await app.inject({
      method,
      url,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    let parsed: unknown = response.body;
    if (String(response.headers['content-type'] ?? '').includes('json') && response.body.length > 0) {
      parsed = JSON.parse(response.body);
    }
    return { status: response.statusCode, body: parsed, headers: response.headers };
  };

  return {
    dialect,
    database,
    deps,
    clock,
    app,
    adminToken: token,
    adminId: admin.id,
    api,
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}
