import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PORTAL_SESSION_IDLE_MS } from '../../src/services/portal/portal-sessions.ts';
import { requestSignInLink, SIGN_IN_LINK_TTL_MS } from '../../src/services/portal/sign-in-links.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import {
  createUser,
  freshEmail,
  latestLinkToken,
  mailsTo,
  openTicketAsAgent,
  portalCall,
  signInByLink,
} from './portal-support.ts';

const PASSWORD = 'a portal password';

for (const dialect of DIALECTS) {
  describe(`portal sign-in [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function withPassword(email: string) {
      await createUser(ctx, email);
      const session = await signInByLink(ctx, email);
      const set = await portalCall(ctx, {
        method: 'PUT',
        url: '/api/v1/portal/me/password',
        body: { newPassword: PASSWORD },
        ...session,
      });
      assert.equal(set.status, 204, set.rawBody);
      return session;
    }

    function login(email: string, password: string, cookie?: string) {
      return portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/auth/login',
        body: { email, password },
        cookie,
      });
    }

    it('mails a one-time link to a known address and signs in with it', async () => {
      const email = freshEmail();
      const userId = await createUser(ctx, email, 'Robin Requester');
      const asked = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/auth/link',
        body: { email },
      });
      assert.equal(asked.status, 202);
      const [mail] = await mailsTo(ctx, email);
      assert.ok(mail);
      assert.match(mail.body_text, /http:\/\/tessera\.test\/portal\/signin\//);
      assert.match(mail.body_text, /15 minutes/);

      const token = await latestLinkToken(ctx, email);
      const signedIn = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
      assert.equal(signedIn.status, 200, signedIn.rawBody);
      assert.deepEqual(signedIn.body.user, {
        id: userId,
        name: 'Robin Requester',
        email,
        organization: null,
        hasPassword: false,
      });
      assert.ok(signedIn.body.csrfToken.length >= 20);
      assert.equal(signedIn.body.ticketNumber, null);
      assert.equal(signedIn.body.expiresAt, new Date(ctx.clock.now() + PORTAL_SESSION_IDLE_MS).toISOString());
      assert.equal(signedIn.portalCookie?.httpOnly, true);
      assert.equal(signedIn.portalCookie?.sameSite, 'Lax');
      assert.equal(signedIn.portalCookie?.path, '/');
      assert.notEqual(signedIn.portalCookie?.secure, true);
      assert.equal(signedIn.headers['cache-control'], 'no-store');

      const me = await portalCall(ctx, { url: '/api/v1/portal/me', cookie: signedIn.portalCookie?.value });
      assert.equal(me.status, 200);
      assert.equal(me.body.id, userId);
      assert.equal(me.body.csrfToken, signedIn.body.csrfToken);
    });

    it('accepts a sign-in link only once', async () => {
      const email = freshEmail();
      await createUser(ctx, email);
      const token = await requestSignInLink(ctx.deps, email);
      assert.ok(token);
      const first = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
      assert.equal(first.status, 200);
      const second = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
      assert.equal(second.status, 401);
      assert.equal(second.body.error.code, 'invalid_credentials');
      assert.equal(second.portalCookie, undefined);
    });

    it('refuses a sign-in link after 15 minutes', async () => {
      const email = freshEmail();
      await createUser(ctx, email);
      const token = await requestSignInLink(ctx.deps, email);
      ctx.clock.advance(SIGN_IN_LINK_TTL_MS);
      const late = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
      assert.equal(late.status, 401);
    });

    it('answers 202 for an unknown address and mails nothing', async () => {
      const email = freshEmail('nobody');
      const asked = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/auth/link',
        body: { email },
      });
      assert.equal(asked.status, 202);
      assert.deepEqual(await mailsTo(ctx, email), []);
      const known = freshEmail();
      await createUser(ctx, known);
      const answer = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/auth/link',
        body: { email: known },
      });
      assert.deepEqual(answer.body, asked.body);
    });

    it('lets a user who signed in by link set a first password, then sign in with it', async () => {
      const email = freshEmail();
      await withPassword(email);
      const wrong = await login(email, 'not the password');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
      const right = await login(email.toUpperCase(), PASSWORD);
      assert.equal(right.status, 200, right.rawBody);
      assert.equal(right.body.user.hasPassword, true);
      assert.ok(right.portalCookie?.value);
    });

    it('answers a user without a password like a wrong password', async () => {
      const email = freshEmail();
      await createUser(ctx, email);
      const response = await login(email, PASSWORD);
      assert.equal(response.status, 401);
      assert.equal(response.body.error.message, 'The email or password is not correct');
    });

    it('needs the current password to change it, and ends the other sessions', async () => {
      const email = freshEmail();
      const first = await withPassword(email);
      const second = await login(email, PASSWORD);
      const other = { cookie: second.portalCookie?.value, csrf: second.body.csrfToken };

      const missing = await portalCall(ctx, {
        method: 'PUT',
        url: '/api/v1/portal/me/password',
        body: { newPassword: 'another password' },
        ...first,
      });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.details.field, 'currentPassword');
      const wrong = await portalCall(ctx, {
        method: 'PUT',
        url: '/api/v1/portal/me/password',
        body: { currentPassword: 'wrong', newPassword: 'another password' },
        ...first,
      });
      assert.equal(wrong.status, 400);
      const changed = await portalCall(ctx, {
        method: 'PUT',
        url: '/api/v1/portal/me/password',
        body: { currentPassword: PASSWORD, newPassword: 'another password' },
        ...first,
      });
      assert.equal(changed.status, 204);

      assert.equal((await portalCall(ctx, { url: '/api/v1/portal/me', ...first })).status, 200);
      assert.equal((await portalCall(ctx, { url: '/api/v1/portal/me', ...other })).status, 401);
      assert.equal((await login(email, 'another password')).status, 200);
    });

    it('rotates the session at sign-in: the cookie held before is never adopted and ends', async () => {
      const email = freshEmail();
      const before = await withPassword(email);
      const after = await login(email, PASSWORD, before.cookie);
      assert.equal(after.status, 200);
      assert.notEqual(after.portalCookie?.value, before.cookie);
      assert.notEqual(after.body.csrfToken, before.csrf);
      assert.equal((await portalCall(ctx, { url: '/api/v1/portal/me', cookie: before.cookie })).status, 401);
      const now = await portalCall(ctx, { url: '/api/v1/portal/me', cookie: after.portalCookie?.value });
      assert.equal(now.status, 200);
    });

    it('refuses portal writes without the session CSRF token', async () => {
      const email = freshEmail();
      await createUser(ctx, email);
      const session = await signInByLink(ctx, email);
      const number = await openTicketAsAgent(ctx, email);
      const url = `/api/v1/portal/tickets/${number}/messages`;
      const body = { body: 'Still jamming.' };
      const none = await portalCall(ctx, { method: 'POST', url, body, cookie: session.cookie });
      assert.equal(none.status, 403);
      assert.equal(none.body.error.code, 'csrf_invalid');
      const other = await portalCall(ctx, {
        method: 'POST',
        url,
        body,
        cookie: session.cookie,
        csrf: 'x'.repeat(32),
      });
      assert.equal(other.status, 403);
      const logout = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/auth/logout',
        cookie: session.cookie,
      });
      assert.equal(logout.status, 403);
      const thread = await ctx.api('GET', `/api/v1/tickets/${number}/thread?events=false`);
      assert.equal(thread.body.items.length, 1, 'nothing was posted');
      const ok = await portalCall(ctx, { method: 'POST', url, body, ...session });
      assert.equal(ok.status, 201, ok.rawBody);
    });

    it('signs out, clearing the cookie and ending the session', async () => {
      const email = freshEmail();
      await createUser(ctx, email);
      const session = await signInByLink(ctx, email);
      const out = await portalCall(ctx, { method: 'POST', url: '/api/v1/portal/auth/logout', ...session });
      assert.equal(out.status, 204);
      assert.equal(out.portalCookie?.value, '');
      assert.equal((await portalCall(ctx, { url: '/api/v1/portal/me', cookie: session.cookie })).status, 401);
    });

    it('knows requesters by the portal cookie only: an agent token or session is no portal sign-in', async () => {
      const asAgent = await ctx.api('GET', '/api/v1/portal/me');
      assert.equal(asAgent.status, 401);
      const agentCookie = await portalCall(ctx, {
        url: '/api/v1/portal/tickets',
        headers: { cookie: 'tessera_session=whatever' },
      });
      assert.equal(agentCookie.status, 401);
      const email = freshEmail();
      await createUser(ctx, email);
      const session = await signInByLink(ctx, email);
      const onAgentSide = await ctx.api('GET', '/api/v1/tickets', undefined, {
        token: null,
        headers: { cookie: `tessera_portal=${session.cookie}` },
      });
      assert.equal(onAgentSide.status, 401);
    });

    it('mails a link that opens the ticket to its requester and its collaborators only', async () => {
      const requester = freshEmail();
      const collaborator = freshEmail('cc');
      const stranger = freshEmail('stranger');
      await createUser(ctx, stranger);
      const number = await openTicketAsAgent(ctx, requester);
      const added = await ctx.api('POST', `/api/v1/tickets/${number}/collaborators`, { email: collaborator });
      assert.ok(added.status < 300, JSON.stringify(added.body));

      for (const email of [requester, collaborator, stranger]) {
        const asked = await portalCall(ctx, {
          method: 'POST',
          url: '/api/v1/portal/ticket-access',
          body: { email, number },
        });
        assert.equal(asked.status, 202);
      }
      assert.deepEqual(await mailsTo(ctx, stranger), []);
      const wrongNumber = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/ticket-access',
        body: { email: requester, number: '999999' },
      });
      assert.equal(wrongNumber.status, 202);
      assert.equal((await mailsTo(ctx, requester)).length, 1);

      const token = await latestLinkToken(ctx, collaborator);
      const signedIn = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.body.ticketNumber, number);
      const [mail] = await mailsTo(ctx, requester);
      assert.match(mail?.subject ?? '', new RegExp(`\\[#${number}\\]`));
    });

    it('limits sign-in attempts per email with 429 and Retry-After', async () => {
      const email = freshEmail();
      let last = await login(email, 'guess 0');
      for (let attempt = 1; attempt <= 10; attempt += 1) last = await login(email, `guess ${attempt}`);
      assert.equal(last.status, 429);
      assert.equal(last.body.error.code, 'rate_limited');
      assert.ok(Number(last.headers['retry-after']) > 0);
    });

    it('limits link requests per email', async () => {
      const email = freshEmail();
      await createUser(ctx, email);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const asked = await portalCall(ctx, {
          method: 'POST',
          url: '/api/v1/portal/auth/link',
          body: { email },
        });
        statuses.push(asked.status);
      }
      assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
      assert.equal((await mailsTo(ctx, email)).length, 5);
    });
  });
}
