import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CliRun, runTessera } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { expectCreated, postTicket } from './osticket-api-support.ts';

const TICKET = JSON.stringify({ email: 'cli@example.com', subject: 'From a key', message: 'hello' });

for (const dialect of DIALECTS) {
  describe(`API keys: admin API and command line [${dialect}]`, () => {
    let ctx: TestContext;
    let dataDir: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-apikey-'));
    });
    after(async () => {
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    function tessera(...args: string[]): Promise<CliRun> {
      return runTessera({ url: ctx.database.url, dataDir, args });
    }

    it('creates a key shown once, in osTicket form, that opens tickets', async () => {
      const created = await ctx.api('POST', '/api/v1/api-keys', {
        name: 'Nagios',
        ipAddresses: ['127.0.0.1'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.match(created.body.key, /^[0-9A-F]{32}$/);
      assert.equal(created.body.prefix, created.body.key.slice(0, 8));
      assert.deepEqual(created.body.ipAddresses, ['127.0.0.1']);
      assert.equal(created.body.canCreateTickets, true);
      assert.equal(created.body.isActive, true);
      assert.equal(created.body.createdByAgentId, ctx.adminId);
      assert.equal(created.headers['cache-control'], 'no-store');
      expectCreated(await postTicket(ctx, 'json', TICKET, { key: created.body.key }));

      const listed = await ctx.api('GET', '/api/v1/api-keys');
      const item = listed.body.items.find((key: { id: number }) => key.id === created.body.id);
      assert.equal(item.name, 'Nagios');
      assert.equal(item.key, undefined);
      assert.ok(item.lastUsedAt);
      assert.doesNotMatch(JSON.stringify(listed.body), new RegExp(created.body.key));
      const row = await ctx.database.db
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow();
      assert.notEqual(row.key_hash, created.body.key);
    });

    it('changes a key: deactivated or rebound, it stops working; deleted, it is gone', async () => {
      const { body: created } = await ctx.api('POST', '/api/v1/api-keys', { name: 'Zabbix' });
      const path = `/api/v1/api-keys/${created.id}`;
      const off = await ctx.api('PATCH', path, { isActive: false });
      assert.equal(off.status, 200);
      assert.equal(off.body.isActive, false);
      assert.equal((await postTicket(ctx, 'json', TICKET, { key: created.key })).status, 401);

      await ctx.api('PATCH', path, { isActive: true, ipAddresses: ['203.0.113.0/24'] });
      assert.equal((await postTicket(ctx, 'json', TICKET, { key: created.key })).status, 401);
      expectCreated(
        await postTicket(ctx, 'json', TICKET, { key: created.key, remoteAddress: '203.0.113.9' }),
      );

      const denied = await ctx.api('PATCH', path, { canCreateTickets: false, ipAddresses: [] });
      assert.equal(denied.body.canCreateTickets, false);
      assert.equal(
        (await postTicket(ctx, 'json', TICKET, { key: created.key })).text,
        'API key not authorized',
      );

      assert.equal((await ctx.api('DELETE', path)).status, 204);
      assert.equal((await ctx.api('GET', path)).status, 404);
      assert.equal((await ctx.api('DELETE', path)).status, 404);
      assert.equal((await postTicket(ctx, 'json', TICKET, { key: created.key })).status, 401);
    });

    it('rejects an address that is neither an IP address nor a CIDR block, changing nothing', async () => {
      const bad = await ctx.api('POST', '/api/v1/api-keys', {
        name: 'Bad',
        ipAddresses: ['10.0.0.1', 'example.com'],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.field, 'ipAddresses.1');
      const { body: created } = await ctx.api('POST', '/api/v1/api-keys', { name: 'Good' });
      const patch = await ctx.api('PATCH', `/api/v1/api-keys/${created.id}`, {
        ipAddresses: ['10.0.0.0/40'],
      });
      assert.equal(patch.status, 400);
      assert.deepEqual((await ctx.api('GET', `/api/v1/api-keys/${created.id}`)).body.ipAddresses, []);
      assert.equal((await ctx.api('PATCH', `/api/v1/api-keys/${created.id}`, {})).status, 400);
      assert.equal((await ctx.api('POST', '/api/v1/api-keys', { name: 'x', extra: 1 })).status, 400);
    });

    it('is for administrators only', async () => {
      const { token } = await createAgentWithToken(ctx, {
        email: 'keys-agent@tessera.test',
        department: 'Support',
        role: 'All access',
      });
      assert.equal((await ctx.api('GET', '/api/v1/api-keys', undefined, { token })).status, 403);
      assert.equal((await ctx.api('POST', '/api/v1/api-keys', { name: 'x' }, { token })).status, 403);
      assert.equal((await ctx.api('GET', '/api/v1/api-keys', undefined, { token: null })).status, 401);
    });

    it('prints a new key alone on the last line of `tessera apikey create`, and the key works', async () => {
      const run = await tessera(
        'apikey',
        'create',
        '--name',
        'automail',
        '--ip',
        '127.0.0.1',
        '--ip',
        '10.0.0.0/8',
      );
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      const key = lines[lines.length - 1] ?? '';
      assert.match(key, /^[0-9A-F]{32}$/);
      expectCreated(await postTicket(ctx, 'json', TICKET, { key }));
      assert.equal((await postTicket(ctx, 'json', TICKET, { key, remoteAddress: '192.0.2.1' })).status, 401);
      const listed = await ctx.api('GET', '/api/v1/api-keys');
      const item = listed.body.items.find((entry: { name: string }) => entry.name === 'automail');
      assert.deepEqual(item.ipAddresses, ['127.0.0.1', '10.0.0.0/8']);
      assert.equal(item.createdByAgentId, null);
    });

    it('exits 64 on bad usage of `tessera apikey`', async () => {
      assert.equal((await tessera('apikey', 'create')).code, 64);
      const bad = await tessera('apikey', 'create', '--name', 'x', '--ip', 'not-an-ip');
      assert.equal(bad.code, 64);
      assert.match(bad.stderr, /not-an-ip/);
    });
  });
}
