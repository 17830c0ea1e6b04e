import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertSession } from '../../src/db/repositories/auth.repository.ts';
import { purgeSessionsTask } from '../../src/jobs/maintenance.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { assertError, createAgentWithToken, idByName, uniqueName } from './directory-support.ts';
import { mailsTo } from './portal-support.ts';

const DAY_MS = 24 * 60 * 60_000;

for (const dialect of DIALECTS) {
  describe(`agent invitations [${dialect}]`, () => {
    let ctx: TestContext;
    let supportId: number;
    let roleId: number;
    before(async () => {
      ctx = await createTestContext(dialect);
      supportId = await idByName(ctx, '/api/v1/departments', 'Support');
      roleId = await idByName(ctx, '/api/v1/roles', 'Limited access');
    });
    after(async () => ctx.close());

    async function createInvitee(
      extra: Record<string, unknown> = {},
    ): Promise<{ id: number; email: string }> {
      const email = `${uniqueName('invitee').replace(' ', '')}@tessera.test`;
      const res = await ctx.api('POST', '/api/v1/agents', {
        email,
        name: uniqueName('Invitee'),
        departmentId: supportId,
        roleId,
        ...extra,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return { id: res.body.id, email };
    }

    async function latestInviteToken(email: string): Promise<string> {
      const mail = (await mailsTo(ctx, email, 'agent_invite')).at(-1);
      assert.ok(mail, `an invitation was mailed to ${email}`);
      const match = /\/agent\/invite\/([A-Za-z0-9_%-]+)/.exec(mail.body_text);
      assert.ok(match?.[1], 'the mail carries the invitation link');
      return decodeURIComponent(match[1]);
    }

    async function invite(agentId: number): Promise<void> {
      const res = await ctx.api('POST', `/api/v1/agents/${agentId}/invite`);
      assert.equal(res.status, 202, JSON.stringify(res.body));
    }

    function login(email: string, password: string) {
      return ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
        remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      });
    }

    it('queues an email with the invitation link', async () => {
      const agent = await createInvitee();
      await invite(agent.id);
      const mails = await mailsTo(ctx, agent.email, 'agent_invite');
      assert.equal(mails.length, 1);
      assert.match(mails[0]?.body_text ?? '', /https?:\/\/[^\s]+\/agent\/invite\/[A-Za-z0-9_-]+/);
      const token = await latestInviteToken(agent.email);
      const shown = await ctx.api('GET', `/api/v1/agent-invites/${token}`, undefined, { token: null });
      assert.equal(shown.status, 200, JSON.stringify(shown.body));
      assert.equal(shown.body.email, agent.email);
    });

    it('invites on creation when asked to', async () => {
      const agent = await createInvitee({ invite: true });
      assert.equal((await mailsTo(ctx, agent.email, 'agent_invite')).length, 1);
    });

    it('refuses an invitation on creation together with a password', async () => {
      const res = await ctx.api('POST', '/api/v1/agents', {
        email: `${uniqueName('both').replace(' ', '')}@tessera.test`,
        name: uniqueName('Both'),
        departmentId: supportId,
        roleId,
        password: 'a long enough password',
        invite: true,
      });
      assertError(res, 400, 'validation_failed');
    });

    it('sets the password once and lets the agent sign in with it', async () => {
      const agent = await createInvitee({ invite: true });
      const token = await latestInviteToken(agent.email);
      const url = `/api/v1/agent-invites/${token}`;
      const first = await ctx.api('POST', url, { password: 'my new password' }, { token: null });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.email, agent.email);
      const second = await ctx.api('POST', url, { password: 'another password' }, { token: null });
      assertError(second, 410, 'invite_expired');
      assertError(await ctx.api('GET', url, undefined, { token: null }), 410, 'invite_expired');
      const signedIn = await login(agent.email, 'my new password');
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const refused = await login(agent.email, 'another password');
      assert.equal(refused.statusCode, 401, refused.body);
    });

    it("ends the agent's other sessions when the password is set", async () => {
      const agent = await createInvitee({ invite: true });
      const now = ctx.clock.now();
      await insertSession(ctx.deps.db, {
        id: `invite-session-${agent.id}`,
        agentId: agent.id,
        csrfToken: 'csrf',
        createdAt: now,
        expiresAt: now + 3_600_000,
        ip: null,
        userAgent: null,
      });
      const token = await latestInviteToken(agent.email);
      const res = await ctx.api(
        'POST',
        `/api/v1/agent-invites/${token}`,
        { password: 'my new password' },
        { token: null },
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const sessions = await ctx.deps.db
        .selectFrom('sessions')
        .select('id')
        .where('agent_id', '=', agent.id)
        .execute();
      assert.equal(sessions.length, 0);
    });

    it('rejects an expired invitation', async () => {
      const agent = await createInvitee({ invite: true });
      const token = await latestInviteToken(agent.email);
      ctx.clock.advance(7 * DAY_MS + 1);
      const url = `/api/v1/agent-invites/${token}`;
      assertError(await ctx.api('GET', url, undefined, { token: null }), 410, 'invite_expired');
      const res = await ctx.api('POST', url, { password: 'my new password' }, { token: null });
      assertError(res, 410, 'invite_expired');
    });

    it('purges expired invitations with the sessions cleanup', async () => {
      const agent = await createInvitee({ invite: true });
      const token = await latestInviteToken(agent.email);
      ctx.clock.advance(7 * DAY_MS + 1);
      await purgeSessionsTask(ctx.deps);
      const url = `/api/v1/agent-invites/${token}`;
      assertError(await ctx.api('GET', url, undefined, { token: null }), 404, 'invite_invalid');
    });

    it('answers 404 for a token it never issued', async () => {
      const url = '/api/v1/agent-invites/not-a-real-invitation-token';
      assertError(await ctx.api('GET', url, undefined, { token: null }), 404, 'invite_invalid');
    });

    it('rejects a short password and leaves the invitation usable', async () => {
      const agent = await createInvitee({ invite: true });
      const token = await latestInviteToken(agent.email);
      const url = `/api/v1/agent-invites/${token}`;
      assertError(
        await ctx.api('POST', url, { password: 'short' }, { token: null }),
        400,
        'validation_failed',
      );
      assert.equal((await ctx.api('GET', url, undefined, { token: null })).status, 200);
    });

    it('refuses to invite an inactive agent', async () => {
      const agent = await createInvitee({ isActive: false });
      assertError(await ctx.api('POST', `/api/v1/agents/${agent.id}/invite`), 422, 'unprocessable');
    });

    it('lets only administrators invite', async () => {
      const agent = await createInvitee();
      const other = await createAgentWithToken(ctx);
      const res = await ctx.api('POST', `/api/v1/agents/${agent.id}/invite`, undefined, {
        token: other.token,
      });
      assertError(res, 403, 'forbidden');
      assert.equal((await mailsTo(ctx, agent.email, 'agent_invite')).length, 0);
    });
  });
}
