import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { assertError, createAgentWithToken, uniqueName } from './directory-support.ts';

const PATH = '/api/v1/canned-responses';

interface Canned {
  id: number;
  title: string;
  bodyHtml: string;
  bodyText: string;
  departmentId: number | null;
  isActive: boolean;
}

for (const dialect of DIALECTS) {
  describe(`canned responses API [${dialect}]`, () => {
    let ctx: TestContext;
    let agentToken: string;
    let departmentId: number;
    let otherDepartmentId: number;

    const createDepartment = async (): Promise<number> => {
      const res = await ctx.api('POST', '/api/v1/departments', { name: uniqueName('Canned dept') });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id;
    };
    const create = async (fields: Record<string, unknown>): Promise<Canned> => {
      const res = await ctx.api('POST', PATH, { title: uniqueName('Canned'), body: 'Hello', ...fields });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };
    const titlesOf = (items: Canned[]) => items.map((item) => item.title);

    before(async () => {
      ctx = await createTestContext(dialect);
      agentToken = (await createAgentWithToken(ctx)).token;
      departmentId = await createDepartment();
      otherDepartmentId = await createDepartment();
    });
    after(async () => ctx.close());

    it('creates, reads, updates and deletes a canned response', async () => {
      const created = await create({ title: 'Password reset', body: 'Dear {{requester.name}},\n\nDone.' });
      assert.equal(created.bodyText, 'Dear {{requester.name}},\n\nDone.');
      assert.equal(created.bodyHtml, '<p>Dear {{requester.name}},</p><p>Done.</p>');
      assert.equal(created.departmentId, null);
      assert.equal(created.isActive, true);
      const read = await ctx.api('GET', `${PATH}/${created.id}`, undefined, { token: agentToken });
      assert.equal(read.status, 200);
      assert.equal(read.body.title, 'Password reset');
      const patched = await ctx.api('PATCH', `${PATH}/${created.id}`, {
        title: 'Password reset done',
        departmentId,
        isActive: false,
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.title, 'Password reset done');
      assert.equal(patched.body.departmentId, departmentId);
      assert.equal(patched.body.isActive, false);
      assert.equal(patched.body.bodyText, created.bodyText);
      assert.equal((await ctx.api('DELETE', `${PATH}/${created.id}`)).status, 204);
      assertError(await ctx.api('GET', `${PATH}/${created.id}`), 404, 'not_found');
    });

    it('sanitizes a body given as HTML and keeps its placeholders', async () => {
      const created = await create({
        body: undefined,
        bodyHtml: '<p onclick="x()">Ticket {{ticket.number}}</p><script>alert(1)</script>',
      });
      assert.equal(created.bodyHtml, '<p>Ticket {{ticket.number}}</p>');
      assert.equal(created.bodyText, 'Ticket {{ticket.number}}');
    });

    it("lists a department's active responses plus the global ones to an agent", async () => {
      const global = await create({});
      const mine = await create({ departmentId });
      const other = await create({ departmentId: otherDepartmentId });
      const inactive = await create({ departmentId, isActive: false });
      const res = await ctx.api('GET', `${PATH}?departmentId=${departmentId}`, undefined, {
        token: agentToken,
      });
      assert.equal(res.status, 200);
      const titles = titlesOf(res.body.items);
      assert.ok(titles.includes(global.title));
      assert.ok(titles.includes(mine.title));
      assert.ok(!titles.includes(other.title));
      assert.ok(!titles.includes(inactive.title));
    });

    it('lists inactive responses to an administrator who asks for all', async () => {
      const inactive = await create({ isActive: false });
      const res = await ctx.api('GET', `${PATH}?all=true`);
      assert.equal(res.status, 200);
      assert.ok(titlesOf(res.body.items).includes(inactive.title));
      assertError(
        await ctx.api('GET', `${PATH}?all=true`, undefined, { token: agentToken }),
        403,
        'forbidden',
      );
    });

    it('forbids an agent who is not an administrator to create, change or delete', async () => {
      const existing = await create({});
      const options = { token: agentToken };
      assertError(await ctx.api('POST', PATH, { title: 'Nope', body: 'x' }, options), 403, 'forbidden');
      assertError(
        await ctx.api('PATCH', `${PATH}/${existing.id}`, { title: 'Nope' }, options),
        403,
        'forbidden',
      );
      assertError(await ctx.api('DELETE', `${PATH}/${existing.id}`, undefined, options), 403, 'forbidden');
    });

    it('rejects a duplicate title within a department with already_exists', async () => {
      const first = await create({ departmentId });
      assertError(
        await ctx.api('POST', PATH, { title: first.title.toUpperCase(), body: 'x', departmentId }),
        409,
        'already_exists',
      );
      const elsewhere = await ctx.api('POST', PATH, {
        title: first.title,
        body: 'x',
        departmentId: otherDepartmentId,
      });
      assert.equal(elsewhere.status, 201);
      assertError(
        await ctx.api('PATCH', `${PATH}/${elsewhere.body.id}`, { departmentId }),
        409,
        'already_exists',
      );
    });

    it('rejects a duplicate global title with already_exists', async () => {
      const first = await create({});
      assertError(await ctx.api('POST', PATH, { title: first.title, body: 'x' }), 409, 'already_exists');
    });

    it('rejects an unknown department with unknown_reference', async () => {
      const body = { title: uniqueName('Canned'), body: 'x', departmentId: 999999 };
      assertError(await ctx.api('POST', PATH, body), 422, 'unknown_reference');
      const existing = await create({});
      assertError(
        await ctx.api('PATCH', `${PATH}/${existing.id}`, { departmentId: 999999 }),
        422,
        'unknown_reference',
      );
    });

    it('rejects a missing, blank or doubled body and unknown fields with validation_failed', async () => {
      const title = uniqueName('Canned');
      assertError(await ctx.api('POST', PATH, { title }), 400, 'validation_failed');
      assertError(await ctx.api('POST', PATH, { title, body: '   ' }), 400, 'validation_failed');
      assertError(await ctx.api('POST', PATH, { title, bodyHtml: '<p> </p>' }), 400, 'validation_failed');
      assertError(
        await ctx.api('POST', PATH, { title, body: 'a', bodyHtml: '<p>a</p>' }),
        400,
        'validation_failed',
      );
      assertError(await ctx.api('POST', PATH, { title: ' ', body: 'a' }), 400, 'validation_failed');
      assertError(await ctx.api('POST', PATH, { title, body: 'a', color: 'red' }), 400, 'validation_failed');
      const list = await ctx.api('GET', `${PATH}?all=true`);
      assert.ok(!titlesOf(list.body.items).includes(title));
    });
  });
}
