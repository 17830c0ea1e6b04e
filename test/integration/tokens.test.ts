import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAY_MS } from '../../src/lib/clock.ts';
import { createApiToken } from '../../src/services/auth/api-tokens.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`API tokens [${dialect}]`, () => {
    let ctx: TestContext;
    let agentCount = 0;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    /** A non-administrator with a token of their own. */
    async function createAgent(options: { isActive?: boolean } = {}) {
      agentCount += 1;
      const department = await ctx.database.db
        .selectFrom('departments')
        .select('id')
        .executeTakeFirstOrThrow();
      const role = await ctx.database.db.selectFrom('roles').select('id').executeTakeFirstOrThrow();
      const now = ctx.clock.now();
      const row = await ctx.database.db
        .insertInto('agents')
        .values({
          email: `token-agent${agentCount}@tessera.test`,
          name: `Token agent ${agentCount}`,
          password_hash: null,
          is_admin: 0,
          is_active: options.isActive === false ? 0 : 1,
          department_id: department.id,
          role_id: role.id,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { token } = await createApiToken(ctx.deps, { agentId: row.id, name: 'own' });
      return { id: row.id, token };
    }

    it('creates a token that is shown once and authenticates', async () => {
      const created = await ctx.api('POST', '/api/v1/tokens', { name: 'ci' });
      assert.equal(created.status, 201);
      assert.match(created.body.token, /^tsr_/);
      assert.equal(created.body.name, 'ci');
      assert.equal(created.body.agentId, ctx.adminId);
      assert.equal(created.body.prefix, created.body.token.slice(0, created.body.prefix.length));
      assert.equal(created.body.expiresAt, null);
      const me = await ctx.api('GET', '/api/v1/auth/me', undefined, { token: created.body.token });
      assert.equal(me.status, 200);
      assert.equal(me.body.id, ctx.adminId);
      assert.equal(me.body.authMethod, 'token');
      assert.equal(me.body.csrfToken, undefined);
    });

    it('lists your own tokens without their secrets', async () => {
      const agent = await createAgent();
      await ctx.api('POST', '/api/v1/tokens', { name: 'second' }, { token: agent.token });
      const list = await ctx.api('GET', '/api/v1/tokens', undefined, { token: agent.token });
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((item: { name: string }) => item.name),
        ['own', 'second'],
      );
      for (const item of list.body.items) {
        assert.equal(item.agentId, agent.id);
        assert.equal(item.token, undefined);
        assert.equal(item.revokedAt, null);
      }
    });

    it("lists every agent's tokens for an administrator asking for all", async () => {
      const agent = await createAgent();
      const list = await ctx.api('GET', '/api/v1/tokens?all=true');
      assert.equal(list.status, 200);
      assert.ok(list.body.items.some((item: { agentId: number }) => item.agentId === agent.id));
      assert.ok(list.body.items.some((item: { agentId: number }) => item.agentId === ctx.adminId));
    });

    it('refuses all=true to a non-administrator', async () => {
      const agent = await createAgent();
      const list = await ctx.api('GET', '/api/v1/tokens?all=true', undefined, { token: agent.token });
      assert.equal(list.status, 403);
      assert.equal(list.body.error.code, 'forbidden');
    });

    it('revokes a token, which then gets 401', async () => {
      const created = await ctx.api('POST', '/api/v1/tokens', { name: 'short-lived' });
      const revoked = await ctx.api('DELETE', `/api/v1/tokens/${created.body.id}`);
      assert.equal(revoked.status, 204);
      const me = await ctx.api('GET', '/api/v1/auth/me', undefined, { token: created.body.token });
      assert.equal(me.status, 401);
      assert.equal(me.body.error.code, 'unauthenticated');
      const list = await ctx.api('GET', '/api/v1/tokens');
      const item = list.body.items.find((t: { id: number }) => t.id === created.body.id);
      assert.equal(item.revokedAt, new Date(ctx.clock.now()).toISOString());
    });

    it("answers 404 to a non-administrator revoking someone else's token", async () => {
      const agent = await createAgent();
      const created = await ctx.api('POST', '/api/v1/tokens', { name: 'admin-only' });
      const revoked = await ctx.api('DELETE', `/api/v1/tokens/${created.body.id}`, undefined, {
        token: agent.token,
      });
      assert.equal(revoked.status, 404);
      assert.equal(
        (await ctx.api('GET', '/api/v1/auth/me', undefined, { token: created.body.token })).status,
        200,
      );
    });

    it('refuses a non-administrator creating a token for another agent', async () => {
      const agent = await createAgent();
      const response = await ctx.api(
        'POST',
        '/api/v1/tokens',
        { name: 'theirs', agentId: ctx.adminId },
        { token: agent.token },
      );
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'forbidden');
    });

    it('lets an administrator create a token for another agent', async () => {
      const agent = await createAgent();
      const response = await ctx.api('POST', '/api/v1/tokens', { name: 'for them', agentId: agent.id });
      assert.equal(response.status, 201);
      const me = await ctx.api('GET', '/api/v1/auth/me', undefined, { token: response.body.token });
      assert.equal(me.body.id, agent.id);
    });

    it('answers 422 for a token owner that does not exist', async () => {
      const response = await ctx.api('POST', '/api/v1/tokens', { name: 'ghost', agentId: 999_999 });
      assert.equal(response.status, 422);
      assert.equal(response.body.error.code, 'unknown_reference');
    });

    it('refuses a token for an inactive agent', async () => {
      const agent = await createAgent({ isActive: false });
      const response = await ctx.api('POST', '/api/v1/tokens', { name: 'dormant', agentId: agent.id });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.details.field, 'agentId');
    });

    it('stops accepting a token once it expires', async () => {
      const expiresAt = new Date(ctx.clock.now() + DAY_MS).toISOString();
      const created = await ctx.api('POST', '/api/v1/tokens', { name: 'a day', expiresAt });
      assert.equal(created.body.expiresAt, expiresAt);
      assert.equal(
        (await ctx.api('GET', '/api/v1/auth/me', undefined, { token: created.body.token })).status,
        200,
      );
      ctx.clock.advance(DAY_MS);
      assert.equal(
        (await ctx.api('GET', '/api/v1/auth/me', undefined, { token: created.body.token })).status,
        401,
      );
    });

    it('refuses an expiry in the past', async () => {
      const expiresAt = new Date(ctx.clock.now() - 1000).toISOString();
      const response = await ctx.api('POST', '/api/v1/tokens', { name: 'stale', expiresAt });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.details.field, 'expiresAt');
    });

    it('refuses a blank token name', async () => {
      const response = await ctx.api('POST', '/api/v1/tokens', { name: '   ' });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
    });

    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words', 'tsr_without_scheme']) {
      it(`answers 401 to the malformed Authorization header "${header}"`, async () => {
        const response = await ctx.api('GET', '/api/v1/auth/me', undefined, {
          token: null,
          headers: { authorization: header },
        });
        assert.equal(response.status, 401);
        assert.equal(response.body.error.code, 'unauthenticated');
      });
    }

    it('answers 401 to a well-formed but unknown token', async () => {
      const response = await ctx.api('GET', '/api/v1/auth/me', undefined, { token: 'tsr_not-a-real-token' });
      assert.equal(response.status, 401);
    });
  });
}
