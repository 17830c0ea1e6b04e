import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { assertError, idByName, insertTicket, uniqueName } from './directory-support.ts';

interface StatusItem {
  id: number;
  name: string;
  state: string;
  isDefault: boolean;
}

for (const dialect of DIALECTS) {
  describe(`ticket statuses API [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function statuses(): Promise<StatusItem[]> {
      return (await ctx.api('GET', '/api/v1/statuses')).body.items;
    }

    async function defaultOf(state: string): Promise<StatusItem[]> {
      return (await statuses()).filter((s) => s.state === state && s.isDefault);
    }

    async function createStatus(state: string, extra: Record<string, unknown> = {}): Promise<StatusItem> {
      const res = await ctx.api('POST', '/api/v1/statuses', { name: uniqueName('Status'), state, ...extra });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    }

    it('lists a default status for every state', async () => {
      for (const state of ['open', 'pending', 'resolved', 'closed', 'archived']) {
        assert.equal((await defaultOf(state)).length, 1, state);
      }
    });

    it('creates, reads, updates and deletes a status', async () => {
      const created = await createStatus('pending', { sortOrder: 9 });
      assert.equal(created.isDefault, false);
      const patched = await ctx.api('PATCH', `/api/v1/statuses/${created.id}`, { name: 'Waiting on vendor' });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.name, 'Waiting on vendor');
      assert.equal((await ctx.api('GET', `/api/v1/statuses/${created.id}`)).body.sortOrder, 9);
      assert.equal((await ctx.api('DELETE', `/api/v1/statuses/${created.id}`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/statuses/${created.id}`), 404, 'not_found');
    });

    it('rejects an unknown state and a duplicate name', async () => {
      assertError(
        await ctx.api('POST', '/api/v1/statuses', { name: 'Limbo', state: 'limbo' }),
        400,
        'validation_failed',
      );
      assertError(
        await ctx.api('POST', '/api/v1/statuses', { name: 'open', state: 'open' }),
        409,
        'already_exists',
      );
    });

    it('makes a new default status take over from the old default of its state', async () => {
      const created = await createStatus('open', { isDefault: true });
      const defaults = await defaultOf('open');
      assert.deepEqual(
        defaults.map((s) => s.id),
        [created.id],
      );
      const openId = await idByName(ctx, '/api/v1/statuses', 'Open');
      await ctx.api('PATCH', `/api/v1/statuses/${openId}`, { isDefault: true });
      assert.deepEqual(
        (await defaultOf('open')).map((s) => s.id),
        [openId],
      );
    });

    it('refuses to unset the default of a state', async () => {
      const closedId = await idByName(ctx, '/api/v1/statuses', 'Closed');
      const res = await ctx.api('PATCH', `/api/v1/statuses/${closedId}`, { isDefault: false });
      assertError(res, 422, 'unprocessable');
      assert.equal((await defaultOf('closed'))[0]?.id, closedId);
    });

    it('refuses to delete the last status of a state', async () => {
      const archivedId = await idByName(ctx, '/api/v1/statuses', 'Archived');
      assertError(await ctx.api('DELETE', `/api/v1/statuses/${archivedId}`), 409, 'in_use');
    });

    it('hands the default to another status when the default is deleted', async () => {
      const first = await createStatus('resolved', { isDefault: true, sortOrder: 50 });
      const second = await createStatus('resolved', { sortOrder: 51 });
      assert.equal((await ctx.api('DELETE', `/api/v1/statuses/${first.id}`)).status, 204);
      const defaults = await defaultOf('resolved');
      assert.equal(defaults.length, 1);
      assert.notEqual(defaults[0]?.id, first.id);
      await ctx.api('DELETE', `/api/v1/statuses/${second.id}`);
    });

    it('refuses to delete a status tickets use', async () => {
      const status = await createStatus('open');
      await insertTicket(ctx, { statusId: status.id });
      const res = await ctx.api('DELETE', `/api/v1/statuses/${status.id}`);
      assertError(res, 409, 'in_use');
      assert.deepEqual(res.body.error.details.usedBy, ['tickets']);
    });

    it('refuses to change the state of a status tickets use', async () => {
      const status = await createStatus('pending');
      await insertTicket(ctx, { statusId: status.id });
      assertError(await ctx.api('PATCH', `/api/v1/statuses/${status.id}`, { state: 'open' }), 409, 'in_use');
      assert.equal((await ctx.api('GET', `/api/v1/statuses/${status.id}`)).body.state, 'pending');
    });

    it('moves an unused status to another state, leaving its old state a default', async () => {
      const mover = await createStatus('closed', { isDefault: true });
      const moved = await ctx.api('PATCH', `/api/v1/statuses/${mover.id}`, { state: 'pending' });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.state, 'pending');
      assert.equal(moved.body.isDefault, false);
      assert.equal((await defaultOf('closed')).length, 1);
      assert.equal((await defaultOf('pending')).length, 1);
    });

    it('refuses to move the last status of a state to another state', async () => {
      const archivedId = await idByName(ctx, '/api/v1/statuses', 'Archived');
      assertError(
        await ctx.api('PATCH', `/api/v1/statuses/${archivedId}`, { state: 'closed' }),
        409,
        'in_use',
      );
    });
  });
}
