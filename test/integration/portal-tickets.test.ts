import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { ADMIN_EMAIL, createTestContext, type TestContext } from '../support/test-app.ts';
import { createUser, freshEmail, openTicketAsAgent, portalCall, signInByLink } from './portal-support.ts';

const RESOLUTION = {
  problem: 'The fuser unit of the printer was worn out.',
  actionTaken: 'Replaced the fuser unit.',
  confirmation: 'Printed fifty pages without a jam.',
  code: 'fixed',
};

type Session = { cookie: string; csrf: string };

for (const dialect of DIALECTS) {
  describe(`portal tickets [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function requester(name = 'customer'): Promise<{ email: string; session: Session }> {
      const email = freshEmail(name);
      await createUser(ctx, email);
      const { cookie, csrf } = await signInByLink(ctx, email);
      return { email, session: { cookie, csrf } };
    }

    function numbersOf(response: { body: { items: { number: string }[] } }) {
      return response.body.items.map((item) => item.number).sort();
    }

    function post(session: Session, url: string, body: unknown) {
      return portalCall(ctx, { method: 'POST', url: `/api/v1/portal${url}`, body, ...session });
    }

    function get(session: Session, url: string) {
      return portalCall(ctx, { url: `/api/v1/portal${url}`, ...session });
    }

    it("lists my tickets and those I am copied on, and hides another user's", async () => {
      const me = await requester();
      const other = await requester('other');
      const own = [await openTicketAsAgent(ctx, me.email), await openTicketAsAgent(ctx, me.email)];
      const copied = await openTicketAsAgent(ctx, other.email);
      const foreign = await openTicketAsAgent(ctx, other.email);
      await ctx.api('POST', `/api/v1/tickets/${copied}/collaborators`, { email: me.email });

      const list = await get(me.session, '/tickets');
      assert.equal(list.status, 200);
      assert.deepEqual(numbersOf(list), [...own, copied].sort());
      const copiedItem = list.body.items.find((item: { number: string }) => item.number === copied);
      assert.equal(copiedItem.requester.isMe, false);

      const hidden = await get(me.session, `/tickets/${foreign}`);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.body.error.code, 'not_found');
      const reply = await post(me.session, `/tickets/${foreign}/messages`, { body: 'Let me in' });
      assert.equal(reply.status, 404);
      assert.equal((await get(other.session, `/tickets/${foreign}`)).status, 200);
    });

    it('lets a collaborator read and write on the ticket, but not answer its resolution', async () => {
      const owner = await requester();
      const cc = await requester('cc');
      const number = await openTicketAsAgent(ctx, owner.email);
      await ctx.api('POST', `/api/v1/tickets/${number}/collaborators`, { email: cc.email });
      const detail = await get(cc.session, `/tickets/${number}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.canReply, true);
      const written = await post(cc.session, `/tickets/${number}/messages`, {
        body: 'Same here on floor 4.',
      });
      assert.equal(written.status, 201, written.rawBody);
      assert.equal(written.body.entry.type, 'message');
      assert.equal(written.body.entry.author.isMe, true);

      await ctx.api('POST', `/api/v1/tickets/${number}/resolve`, RESOLUTION);
      assert.equal((await get(cc.session, `/tickets/${number}`)).body.canAnswerResolution, false);
      const answer = await post(cc.session, `/tickets/${number}/resolution`, { action: 'confirm' });
      assert.equal(answer.status, 403);
    });

    it("shows the organization's tickets, read-only, only while it shares them", async () => {
      const org = await ctx.api('POST', '/api/v1/organizations', { name: 'Acme', domains: ['acme.test'] });
      assert.equal(org.status, 201);
      assert.equal(org.body.shareTickets, false);
      await createUser(ctx, 'alice@acme.test', 'Alice');
      const alice = await signInByLink(ctx, 'alice@acme.test');
      const number = await openTicketAsAgent(ctx, 'bob@acme.test');

      assert.deepEqual(numbersOf(await get(alice, '/tickets')), []);
      assert.equal((await get(alice, `/tickets/${number}`)).status, 404);

      const shared = await ctx.api('PATCH', `/api/v1/organizations/${org.body.id}`, { shareTickets: true });
      assert.equal(shared.status, 200);
      assert.equal(shared.body.shareTickets, true);
      assert.deepEqual(numbersOf(await get(alice, '/tickets')), [number]);
      const me = await get(alice, '/me');
      assert.deepEqual(me.body.organization, { id: org.body.id, name: 'Acme', sharesTickets: true });
      const detail = await get(alice, `/tickets/${number}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.requester.isMe, false);
      assert.equal(detail.body.canReply, false);
      const write = await post(alice, `/tickets/${number}/messages`, { body: 'Me too' });
      assert.equal(write.status, 403);

      await ctx.api('PATCH', `/api/v1/organizations/${org.body.id}`, { shareTickets: false });
      assert.equal((await get(alice, `/tickets/${number}`)).status, 404);
    });

    it('shows the public thread only: never internal notes or events, agents by name and never by email', async () => {
      const me = await requester();
      const number = await openTicketAsAgent(ctx, me.email);
      await ctx.api('POST', `/api/v1/tickets/${number}/replies`, { body: 'We are sending a technician.' });
      const note = await ctx.api('POST', `/api/v1/tickets/${number}/notes`, {
        body: 'SECRET-NOTE: the vendor contract lapsed',
        attachments: [
          {
            filename: 'contract.txt',
            contentType: 'text/plain',
            data: Buffer.from('secret').toString('base64'),
          },
        ],
      });
      assert.equal(note.status, 201);
      const admin = (await ctx.api('GET', '/api/v1/auth/me')).body;

      const detail = await get(me.session, `/tickets/${number}`);
      assert.equal(detail.status, 200);
      assert.deepEqual(
        detail.body.thread.map((entry: { type: string }) => entry.type),
        ['message', 'reply'],
      );
      const reply = detail.body.thread[1];
      assert.deepEqual(reply.author, { type: 'agent', name: admin.name, isMe: false });
      assert.doesNotMatch(detail.rawBody, /SECRET-NOTE|contract\.txt/);
      assert.ok(!detail.rawBody.includes(ADMIN_EMAIL), 'no agent address');
      assert.equal(detail.body.thread[0].author.isMe, true);

      const noteFile = note.body.attachments[0].id;
      const download = await get(me.session, `/attachments/${noteFile}`);
      assert.equal(download.status, 404);
    });

    it('serves the files of public entries as downloads', async () => {
      const me = await requester();
      const stranger = await requester('stranger');
      const number = await openTicketAsAgent(ctx, me.email);
      const posted = await post(me.session, `/tickets/${number}/messages`, {
        body: 'A photo of the jam',
        attachments: [
          {
            filename: 'jam.html',
            contentType: 'text/html',
            data: Buffer.from('<b>jam</b>').toString('base64'),
          },
        ],
      });
      assert.equal(posted.status, 201, posted.rawBody);
      const [file] = posted.body.entry.attachments;
      assert.equal(file.url, `/api/v1/portal/attachments/${file.id}`);

      const download = await get(me.session, `/attachments/${file.id}`);
      assert.equal(download.status, 200);
      assert.equal(download.rawBody, '<b>jam</b>');
      assert.match(String(download.headers['content-disposition']), /^attachment; filename="jam.html"/);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.match(String(download.headers['content-security-policy']), /sandbox/);
      assert.equal((await get(stranger.session, `/attachments/${file.id}`)).status, 404);
      assert.equal((await portalCall(ctx, { url: `/api/v1/portal/attachments/${file.id}` })).status, 401);
    });

    it('reopens a resolved ticket when the requester writes from the portal', async () => {
      const me = await requester();
      const number = await openTicketAsAgent(ctx, me.email);
      const resolved = await ctx.api('POST', `/api/v1/tickets/${number}/resolve`, RESOLUTION);
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      const written = await post(me.session, `/tickets/${number}/messages`, { body: 'It jams again.' });
      assert.equal(written.status, 201);
      assert.equal(written.body.ticket.state, 'open');
      const ticket = (await ctx.api('GET', `/api/v1/tickets/${number}`)).body;
      assert.equal(ticket.state, 'open');
      assert.equal(ticket.resolution.outcome, 'reopened');
    });

    it('confirms a resolution from the portal, closing the ticket, once', async () => {
      const me = await requester();
      const number = await openTicketAsAgent(ctx, me.email);
      await ctx.api('POST', `/api/v1/tickets/${number}/resolve`, RESOLUTION);
      const detail = await get(me.session, `/tickets/${number}`);
      assert.equal(detail.body.canAnswerResolution, true);
      assert.equal(detail.body.resolution.problem, RESOLUTION.problem);
      assert.equal(detail.body.resolution.outcome, null);
      assert.ok(detail.body.thread.some((entry: { type: string }) => entry.type === 'resolution'));

      const confirmed = await post(me.session, `/tickets/${number}/resolution`, { action: 'confirm' });
      assert.equal(confirmed.status, 200, confirmed.rawBody);
      assert.deepEqual(confirmed.body, { ticket: { number, state: 'closed' } });
      const events = (await ctx.api('GET', `/api/v1/tickets/${number}/events`)).body.items;
      assert.ok(events.some((event: { event: string }) => event.event === 'confirmed'));
      const again = await post(me.session, `/tickets/${number}/resolution`, { action: 'reopen' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'confirmation_used');
    });

    it('reopens a resolution from the portal with the comment as a message', async () => {
      const me = await requester();
      const number = await openTicketAsAgent(ctx, me.email);
      await ctx.api('POST', `/api/v1/tickets/${number}/resolve`, RESOLUTION);
      const reopened = await post(me.session, `/tickets/${number}/resolution`, {
        action: 'reopen',
        comment: 'Page 51 jammed.',
      });
      assert.equal(reopened.status, 200);
      assert.equal(reopened.body.ticket.state, 'open');
      const detail = await get(me.session, `/tickets/${number}`);
      assert.equal(detail.body.resolution.outcome, 'reopened');
      assert.equal(detail.body.thread.at(-1).bodyText, 'Page 51 jammed.');
      const open = await post(me.session, `/tickets/${number}/resolution`, { action: 'confirm' });
      assert.equal(open.status, 409);
    });

    it('searches my tickets by subject and number, never by the text of notes', async () => {
      const me = await requester();
      const scanner = await openTicketAsAgent(ctx, me.email, { subject: 'Scanner makes noise' });
      const other = await openTicketAsAgent(ctx, me.email, { subject: 'VPN drops' });
      await ctx.api('POST', `/api/v1/tickets/${other}/notes`, { body: 'zebracode internal only' });
      assert.deepEqual(numbersOf(await get(me.session, '/tickets?q=scan')), [scanner]);
      assert.deepEqual(numbersOf(await get(me.session, `/tickets?q=${other}`)), [other]);
      assert.deepEqual(numbersOf(await get(me.session, '/tickets?q=zebracode')), []);
    });

    it('filters by state and pages with a cursor, most recently updated first', async () => {
      const me = await requester();
      const first = await openTicketAsAgent(ctx, me.email);
      ctx.clock.advance(1000);
      const second = await openTicketAsAgent(ctx, me.email);
      ctx.clock.advance(1000);
      const third = await openTicketAsAgent(ctx, me.email);
      await ctx.api('POST', `/api/v1/tickets/${third}/resolve`, RESOLUTION);

      const page1 = await get(me.session, '/tickets?limit=2');
      assert.deepEqual(
        page1.body.items.map((item: { number: string }) => item.number),
        [third, second],
      );
      assert.ok(page1.body.nextCursor);
      const page2 = await get(me.session, `/tickets?limit=2&cursor=${page1.body.nextCursor}`);
      assert.deepEqual(
        page2.body.items.map((item: { number: string }) => item.number),
        [first],
      );
      assert.equal(page2.body.nextCursor, null);
      assert.deepEqual(numbersOf(await get(me.session, '/tickets?state=resolved')), [third]);
      assert.equal((await get(me.session, '/tickets?state=bogus')).status, 400);
      assert.equal((await get(me.session, '/tickets?cursor=nonsense')).status, 400);
    });

    it('needs a portal sign-in for my tickets', async () => {
      const response = await portalCall(ctx, { url: '/api/v1/portal/tickets' });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'unauthenticated');
    });
  });
}
