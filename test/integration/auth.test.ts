import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { HOUR_MS } from '../../src/lib/clock.ts';
import { hashPassword } from '../../src/lib/passwords.ts';
import { SESSION_IDLE_MS } from '../../src/services/auth/sessions.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestContext, type TestContext } from '../support/test-app.ts';

const AGENT_PASSWORD = 'an agent password';

interface Call {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  cookie?: string;
  csrf?: string;
  ip?: string;
}

let nextIp = 1;
/** Each test signs in from its own address, so the per-address login limit of one test never spills over. */
function freshIp(): string {
  nextIp += 1;
  return `10.0.${Math.floor(nextIp / 250)}.${nextIp % 250}`;
}

for (const dialect of DIALECTS) {
  describe(`sign-in and sessions [${dialect}]`, () => {
    let ctx: TestContext;
    let agentCount = 0;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function call(options: Call) {
      const response = await ctx.app.inject({
        method: options.method ?? 'GET',
        url: options.url,
        remoteAddress: options.ip ?? '127.0.0.1',
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.cookie ? { cookie: `tessera_session=${options.cookie}` } : {}),
          ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
        },
        ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
      });
      const session = response.cookies.find((c) => c.name === 'tessera_session');
      return {
        status: response.statusCode,
        body: response.body ? JSON.parse(response.body) : null,
        headers: response.headers,
        session,
      };
    }

    function login(email: string, password: string, extra: Partial<Call> = {}) {
      return call({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email, password },
        ip: freshIp(),
        ...extra,
      });
    }

    /** Signs in as a new agent: the per-email login limit counts every attempt, so tests do not share one. */
    async function signedIn(options: { isAdmin?: boolean } = {}) {
      const agent = await createAgent(options);
      const response = await login(agent.email, AGENT_PASSWORD);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return { ...agent, cookie: response.session?.value as string, csrf: response.body.csrfToken as string };
    }

    async function createAgent(options: { isActive?: boolean; isAdmin?: boolean } = {}) {
      agentCount += 1;
      const email = `agent${agentCount}@tessera.test`;
      const department = await ctx.database.db
        .selectFrom('departments')
        .select('id')
        .executeTakeFirstOrThrow();
      const role = await ctx.database.db
        .selectFrom('roles')
        .select('id')
        .where('name', '=', 'Limited access')
        .executeTakeFirstOrThrow();
      const now = ctx.clock.now();
      const row = await ctx.database.db
        .insertInto('agents')
        .values({
          email,
          name: `Agent ${agentCount}`,
          password_hash: await hashPassword(AGENT_PASSWORD),
          is_admin: options.isAdmin ? 1 : 0,
          is_active: options.isActive === false ? 0 : 1,
          department_id: department.id,
          role_id: role.id,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, email, departmentId: department.id };
    }

    it('signs in with a new HttpOnly SameSite=Lax cookie and answers with the agent and a CSRF token', async () => {
      const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.equal(response.status, 200);
      assert.equal(response.body.agent.email, ADMIN_EMAIL);
      assert.equal(response.body.agent.isAdmin, true);
      assert.equal(response.body.agent.id, ctx.adminId);
      assert.ok(response.body.csrfToken.length >= 20);
      assert.equal(response.body.expiresAt, new Date(ctx.clock.now() + SESSION_IDLE_MS).toISOString());
      assert.ok(response.session?.value);
      assert.equal(response.session.httpOnly, true);
      assert.equal(response.session.sameSite, 'Lax');
      assert.equal(response.session.path, '/');
      assert.notEqual(response.session.secure, true);
      assert.equal(response.headers['cache-control'], 'no-store');
    });

    it('marks the cookie Secure when the public URL is https', async () => {
      const app = await buildApp({
        deps: ctx.deps,
        logger: false,
        bodyLimitBytes: 1024 * 1024,
        publicUrl: 'https://desk.example',
      });
      try {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        });
        assert.equal(response.statusCode, 200);
        assert.equal(response.cookies.find((c) => c.name === 'tessera_session')?.secure, true);
      } finally {
        await app.close();
      }
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      const response = await login(`  ${ADMIN_EMAIL.toUpperCase()} `, ADMIN_PASSWORD);
      assert.equal(response.status, 200);
    });

    it('never adopts a session id sent before sign-in (session fixation)', async () => {
      const planted = 'planted-by-someone-else';
      const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD, { cookie: planted });
      assert.equal(response.status, 200);
      assert.notEqual(response.session?.value, planted);
      assert.equal((await call({ url: '/api/v1/auth/me', cookie: planted })).status, 401);
    });

    it('ends the session a browser held before signing in again', async () => {
      const first = await signedIn();
      const second = await login(first.email, AGENT_PASSWORD, { cookie: first.cookie });
      assert.equal(second.status, 200);
      assert.notEqual(second.session?.value, first.cookie);
      assert.equal((await call({ url: '/api/v1/auth/me', cookie: first.cookie })).status, 401);
      assert.equal((await call({ url: '/api/v1/auth/me', cookie: second.session?.value })).status, 200);
    });

    it('refuses a cookie write without the X-CSRF-Token header', async () => {
      const { cookie } = await signedIn({ isAdmin: true });
      const response = await call({
        method: 'PATCH',
        url: '/api/v1/settings',
        body: { autoCloseDays: 3 },
        cookie,
      });
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'csrf_invalid');
      assert.equal((await call({ url: '/api/v1/settings', cookie })).body.autoCloseDays, 7);
    });

    it('refuses a cookie write with another CSRF token', async () => {
      const { cookie } = await signedIn({ isAdmin: true });
      const other = await signedIn({ isAdmin: true });
      const response = await call({
        method: 'PATCH',
        url: '/api/v1/settings',
        body: { autoCloseDays: 3 },
        cookie,
        csrf: other.csrf,
      });
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'csrf_invalid');
    });

    it('accepts a cookie write that echoes the CSRF token', async () => {
      const { cookie, csrf } = await signedIn({ isAdmin: true });
      const response = await call({
        method: 'PATCH',
        url: '/api/v1/settings',
        body: { autoCloseDays: 5 },
        cookie,
        csrf,
      });
      assert.equal(response.status, 200);
      assert.equal(response.body.autoCloseDays, 5);
      await call({ method: 'PATCH', url: '/api/v1/settings', body: { autoCloseDays: 7 }, cookie, csrf });
    });

    it('shows the signed-in agent with departments, teams and the CSRF token', async () => {
      const agent = await signedIn();
      const { cookie, csrf } = agent;
      const me = await call({ url: '/api/v1/auth/me', cookie });
      assert.equal(me.status, 200);
      assert.equal(me.body.email, agent.email);
      assert.equal(me.body.isAdmin, false);
      assert.equal(me.body.authMethod, 'session');
      assert.equal(me.body.csrfToken, csrf);
      assert.deepEqual(me.body.teamIds, []);
      assert.deepEqual(me.body.departments, [
        {
          id: agent.departmentId,
          permissions: ['ticket.create', 'ticket.assign', 'ticket.transfer', 'ticket.reply'],
        },
      ]);
    });

    it('refuses a wrong password with invalid_credentials', async () => {
      const response = await login(ADMIN_EMAIL, 'not the password');
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'invalid_credentials');
      assert.equal(response.session, undefined);
    });

    it('answers an unknown email exactly like a wrong password', async () => {
      const unknown = await login('nobody@tessera.test', ADMIN_PASSWORD);
      const wrong = await login(ADMIN_EMAIL, 'not the password');
      assert.equal(unknown.status, 401);
      assert.deepEqual(unknown.body, wrong.body);
    });

    it('refuses an inactive agent with the right password', async () => {
      const agent = await createAgent({ isActive: false });
      const response = await login(agent.email, AGENT_PASSWORD);
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'invalid_credentials');
    });

    it('rejects a login body with unknown properties', async () => {
      const response = await call({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, remember: true },
        ip: freshIp(),
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
    });

    it('ends the session at logout, after which the cookie gets 401', async () => {
      const { cookie, csrf } = await signedIn();
      const response = await call({ method: 'POST', url: '/api/v1/auth/logout', cookie, csrf });
      assert.equal(response.status, 204);
      assert.equal(response.session?.value, '');
      assert.equal((await call({ url: '/api/v1/auth/me', cookie })).status, 401);
    });

    it('refuses to log out a bearer token', async () => {
      const response = await ctx.api('POST', '/api/v1/auth/logout');
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.match(response.body.error.message, /DELETE \/api\/v1\/tokens/);
      assert.equal((await ctx.api('GET', '/api/v1/auth/me')).status, 200);
    });

    it('ends a session left idle for longer than the idle timeout', async () => {
      const { cookie } = await signedIn();
      ctx.clock.advance(SESSION_IDLE_MS - 60_000);
      assert.equal((await call({ url: '/api/v1/auth/me', cookie })).status, 200);
      ctx.clock.advance(SESSION_IDLE_MS - 60_000);
      assert.equal((await call({ url: '/api/v1/auth/me', cookie })).status, 200);
      ctx.clock.advance(SESSION_IDLE_MS + 1);
      const response = await call({ url: '/api/v1/auth/me', cookie });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'unauthenticated');
    });

    it('ends even an active session seven days after sign-in', async () => {
      const { cookie } = await signedIn();
      for (let hours = 0; hours < 7 * 24 - 11; hours += 11) {
        ctx.clock.advance(11 * HOUR_MS);
        assert.equal((await call({ url: '/api/v1/auth/me', cookie })).status, 200, `after ${hours + 11} h`);
      }
      ctx.clock.advance(11 * HOUR_MS);
      assert.equal((await call({ url: '/api/v1/auth/me', cookie })).status, 401);
    });

    it('limits sign-in attempts per email with 429 and Retry-After', async () => {
      const agent = await createAgent();
      for (let attempt = 0; attempt < 10; attempt += 1) {
        assert.equal((await login(agent.email, 'guess')).status, 401);
      }
      const limited = await login(agent.email, AGENT_PASSWORD);
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal(limited.session, undefined);
    });

    it('limits sign-in attempts per address, and only sign-in', async () => {
      const app = await buildApp({
        deps: ctx.deps,
        logger: false,
        bodyLimitBytes: 1024 * 1024,
        publicUrl: 'http://tessera.test',
        loginRateLimit: { perIp: 3, perEmail: 100, windowMs: 60_000 },
      });
      try {
        const attempt = (email: string) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email, password: 'guess' },
            remoteAddress: '10.9.9.9',
          });
        for (const email of ['a@x.test', 'b@x.test', 'c@x.test'])
          assert.equal((await attempt(email)).statusCode, 401);
        const limited = await attempt('d@x.test');
        assert.equal(limited.statusCode, 429);
        assert.ok(Number(limited.headers['retry-after']) > 0);
        const other = await app.inject({
          url: '/api/v1/settings',
          headers: { authorization: `Bearer ${ctx.adminToken}` },
          remoteAddress: '10.9.9.9',
        });
        assert.equal(other.statusCode, 200);
      } finally {
        await app.close();
      }
    });

    it('refuses anonymous callers on agent routes', async () => {
      const response = await ctx.api('GET', '/api/v1/auth/me', undefined, { token: null });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'unauthenticated');
    });
  });
}
