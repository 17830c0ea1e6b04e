import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DAY_MS, systemClock } from '../../src/lib/clock.ts';
import { authenticateApiToken } from '../../src/services/auth/api-tokens.ts';
import { loadAgentActor } from '../../src/services/auth/load-agent-actor.ts';
import { loginAgent, resumeSession } from '../../src/services/auth/sessions.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { ensureDefaults } from '../../src/services/setup/ensure-defaults.ts';
import { type CliRun, runTessera } from '../support/cli.ts';
import { createEmptyDatabase, createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';
import { makeTestDeps } from '../support/test-app.ts';

const ADMIN_EMAIL = 'first-admin@tessera.test';

interface Run extends CliRun {
  lastLine: string;
}

for (const dialect of DIALECTS) {
  describe(`command line: token and admin [${dialect}]`, () => {
    let database: TestDatabase;
    let deps: ServiceDeps;
    let dataDir: string;

    before(async () => {
      database = await createTestDatabase(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
      deps = makeTestDeps(database, { clock: systemClock, attachmentsDir: join(dataDir, 'attachments') });
      await ensureDefaults(deps, { email: ADMIN_EMAIL, password: 'first admin password' });
    });
    after(async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function tessera(...args: string[]): Promise<Run> {
      const run = await runTessera({ url: database.url, dataDir, args });
      const lines = run.stdout.trimEnd().split('\n');
      return { ...run, lastLine: lines[lines.length - 1] ?? '' };
    }

    async function agentIdOf(email: string): Promise<number> {
      const row = await database.db
        .selectFrom('agents')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it('prints a new token alone on the last line, and it authenticates as that agent', async () => {
      const run = await tessera('token', 'create', '--email', ADMIN_EMAIL, '--name', 'deploy');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.lastLine, /^tsr_\S+$/);
      const record = await authenticateApiToken(deps, run.lastLine);
      assert.equal(record?.agentId, await agentIdOf(ADMIN_EMAIL));
      assert.equal(record?.name, 'deploy');
      assert.equal(record?.expiresAt, null);
    });

    it('sets the expiry given in days', async () => {
      const run = await tessera(
        'token',
        'create',
        '--email',
        ADMIN_EMAIL,
        '--name',
        'month',
        '--expires-days',
        '30',
      );
      assert.equal(run.code, 0, run.stderr);
      const record = await authenticateApiToken(deps, run.lastLine);
      const expected = Date.now() + 30 * DAY_MS;
      assert.ok(record?.expiresAt && Math.abs(record.expiresAt - expected) < 60_000);
    });

    it('exits 67 for an email no agent has', async () => {
      const run = await tessera('token', 'create', '--email', 'nobody@tessera.test', '--name', 'x');
      assert.equal(run.code, 67);
      assert.match(run.stderr, /nobody@tessera\.test/);
      assert.doesNotMatch(run.stdout, /tsr_/);
    });

    it('exits 64 with the usage when a flag is missing', async () => {
      const run = await tessera('token', 'create', '--email', ADMIN_EMAIL);
      assert.equal(run.code, 64);
      assert.match(run.stderr, /usage: tessera token create/);
    });

    it('creates an administrator with the given password', async () => {
      const run = await tessera(
        'admin',
        'create',
        '--email',
        'Ops@Tessera.test',
        '--name',
        'Ops',
        '--password',
        'long enough pw',
      );
      assert.equal(run.code, 0, run.stderr);
      const session = await loginAgent(deps, {
        email: 'ops@tessera.test',
        password: 'long enough pw',
        ip: null,
        userAgent: null,
      });
      const actor = await loadAgentActor(deps, session.agentId);
      assert.equal(actor?.isAdmin, true);
      assert.equal(actor?.name, 'Ops');
    });

    it('generates and prints a password when none is given', async () => {
      const run = await tessera('admin', 'create', '--email', 'night@tessera.test', '--name', 'Night shift');
      assert.equal(run.code, 0, run.stderr);
      const session = await loginAgent(deps, {
        email: 'night@tessera.test',
        password: run.lastLine,
        ip: null,
        userAgent: null,
      });
      assert.equal((await loadAgentActor(deps, session.agentId))?.isAdmin, true);
    });

    it('makes an existing agent an active administrator, resets the password and ends their sessions', async () => {
      const department = await database.db.selectFrom('departments').select('id').executeTakeFirstOrThrow();
      const role = await database.db
        .selectFrom('roles')
        .select('id')
        .where('name', '=', 'View only')
        .executeTakeFirstOrThrow();
      await database.db
        .insertInto('agents')
        .values({
          email: 'promoted@tessera.test',
          name: 'Before',
          password_hash: null,
          is_admin: 0,
          is_active: 0,
          department_id: department.id,
          role_id: role.id,
          created_at: 0,
          updated_at: 0,
          last_login_at: null,
        })
        .execute();
      const run = await tessera('admin', 'create', '--email', 'promoted@tessera.test', '--name', 'After');
      assert.equal(run.code, 0, run.stderr);
      const session = await loginAgent(deps, {
        email: 'promoted@tessera.test',
        password: run.lastLine,
        ip: null,
        userAgent: null,
      });
      const actor = await loadAgentActor(deps, session.agentId);
      assert.equal(actor?.isAdmin, true);
      assert.equal(actor?.name, 'After');

      const again = await tessera('admin', 'create', '--email', 'promoted@tessera.test', '--name', 'After');
      assert.equal(again.code, 0, again.stderr);
      assert.equal(await resumeSession(deps, session.token), null);
    });

    it('exits 64 when admin create misses a flag or gets a short password', async () => {
      assert.equal((await tessera('admin', 'create', '--name', 'No email')).code, 64);
      const short = await tessera(
        'admin',
        'create',
        '--email',
        'short@tessera.test',
        '--name',
        'S',
        '--password',
        'short',
      );
      assert.equal(short.code, 64);
      assert.match(short.stderr, /at least 8/);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`command line: migrate on an empty database [${dialect}]`, () => {
    let database: TestDatabase;
    let dataDir: string;
    const names = Object.keys(MIGRATIONS).sort();

    before(async () => {
      database = await createEmptyDatabase(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
    });
    after(async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const tessera = (...args: string[]) => runTessera({ url: database.url, dataDir, args });

    it('lists every migration as pending, applies them all, then has nothing to do', async () => {
      const status = await tessera('migrate', 'status');
      assert.equal(status.code, 0, status.stderr);
      assert.deepEqual(
        status.stdout.trim().split('\n'),
        names.map((name) => `pending  ${name}`),
      );

      const up = await tessera('migrate');
      assert.equal(up.code, 0, up.stderr);
      assert.deepEqual(
        up.stdout.trim().split('\n'),
        names.map((name) => `up ${name}`),
      );
      const settings = await database.db.selectFrom('settings').select('key').execute();
      assert.deepEqual(settings, [], 'migrating writes no settings: the server does that when it starts');

      const again = await tessera('migrate', 'up');
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout.trim(), 'nothing to do');
    });

    it('reverts the last migration, then all of them, and applies them again', async () => {
      const last = names[names.length - 1];
      const down = await tessera('migrate', 'down');
      assert.equal(down.code, 0, down.stderr);
      assert.equal(down.stdout.trim(), `down ${last}`);

      const all = await tessera('migrate', 'down', '--all');
      assert.equal(all.code, 0, all.stderr);
      assert.equal(all.stdout.trim().split('\n').length, names.length - 1);
      const status = await tessera('migrate', 'status');
      assert.ok(
        status.stdout
          .trim()
          .split('\n')
          .every((line) => line.startsWith('pending')),
      );

      const up = await tessera('migrate', 'up');
      assert.equal(up.code, 0, up.stderr);
      assert.equal(up.stdout.trim().split('\n').length, names.length);
    });

    it('exits 64 with the usage for an unknown action', async () => {
      const run = await tessera('migrate', 'sideways');
      assert.equal(run.code, 64);
      assert.match(run.stderr, /usage: tessera migrate/);
    });
  });
}
