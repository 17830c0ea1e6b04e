import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/services/auth/api-tokens.ts';
import { DEFAULT_SETTINGS } from '../../src/services/settings/settings.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`settings [${dialect}]`, () => {
    let ctx: TestContext;
    let agentToken: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      const department = await ctx.database.db
        .selectFrom('departments')
        .select('id')
        .executeTakeFirstOrThrow();
      const role = await ctx.database.db.selectFrom('roles').select('id').executeTakeFirstOrThrow();
      const now = ctx.clock.now();
      const agent = await ctx.database.db
        .insertInto('agents')
        .values({
          email: 'settings-agent@tessera.test',
          name: 'Settings agent',
          password_hash: null,
          is_admin: 0,
          is_active: 1,
          department_id: department.id,
          role_id: role.id,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      agentToken = (await createApiToken(ctx.deps, { agentId: agent.id, name: 'tests' })).token;
    });
    after(async () => ctx.close());

    it('shows the defaults to any agent', async () => {
      const response = await ctx.api('GET', '/api/v1/settings', undefined, { token: agentToken });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, DEFAULT_SETTINGS);
    });

    it('refuses anonymous readers', async () => {
      const response = await ctx.api('GET', '/api/v1/settings', undefined, { token: null });
      assert.equal(response.status, 401);
    });

    it('lets an administrator change some settings and answers with all of them', async () => {
      const response = await ctx.api('PATCH', '/api/v1/settings', {
        reopenOnRequesterMessage: false,
        autoCloseDays: 0,
      });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, {
        ...DEFAULT_SETTINGS,
        reopenOnRequesterMessage: false,
        autoCloseDays: 0,
      });
      const read = await ctx.api('GET', '/api/v1/settings', undefined, { token: agentToken });
      assert.deepEqual(read.body, response.body);
      await ctx.api('PATCH', '/api/v1/settings', DEFAULT_SETTINGS);
    });

    it('refuses a change from a non-administrator', async () => {
      const response = await ctx.api(
        'PATCH',
        '/api/v1/settings',
        { autoCloseDays: 1 },
        { token: agentToken },
      );
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'forbidden');
    });

    const invalid: [string, Record<string, unknown>][] = [
      ['autoCloseDays above 365', { autoCloseDays: 366 }],
      ['a negative autoCloseDays', { autoCloseDays: -1 }],
      ['a fractional autoCloseDays', { autoCloseDays: 1.5 }],
      ['confirmationTokenDays of 0', { confirmationTokenDays: 0 }],
      ['confirmationTokenDays above 90', { confirmationTokenDays: 91 }],
      ['a string for a boolean', { reopenOnRequesterMessage: 'yes' }],
      ['an unknown setting', { autoCloseDays: 3, theme: 'dark' }],
    ];
    for (const [what, body] of invalid) {
      it(`rejects ${what} and changes nothing`, async () => {
        const response = await ctx.api('PATCH', '/api/v1/settings', body);
        assert.equal(response.status, 400);
        assert.equal(response.body.error.code, 'validation_failed');
        assert.deepEqual((await ctx.api('GET', '/api/v1/settings')).body, DEFAULT_SETTINGS);
      });
    }
  });
}
