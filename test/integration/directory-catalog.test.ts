import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import {
  assertError,
  createAgentWithToken,
  idByName,
  insertTicket,
  uniqueName,
} from './directory-support.ts';

for (const dialect of DIALECTS) {
  describe(`priorities, SLA plans and roles API [${dialect}]`, () => {
    let ctx: TestContext;
    let agentToken: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      agentToken = (await createAgentWithToken(ctx)).token;
    });
    after(async () => ctx.close());

    it('lists the seeded priorities to any agent, most urgent first', async () => {
      const res = await ctx.api('GET', '/api/v1/priorities', undefined, { token: agentToken });
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.items.map((p: { key: string }) => p.key),
        ['emergency', 'high', 'normal', 'low'],
      );
      assert.equal(res.body.items.find((p: { isDefault: boolean }) => p.isDefault).key, 'normal');
    });

    it('creates, reads, updates and deletes a priority', async () => {
      const created = await ctx.api('POST', '/api/v1/priorities', {
        key: 'p-crud',
        name: 'Crud priority',
        urgency: 5,
        color: '#AABBCC',
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.color, '#aabbcc');
      const id = created.body.id;
      assert.equal((await ctx.api('GET', `/api/v1/priorities/${id}`)).body.key, 'p-crud');
      const patched = await ctx.api('PATCH', `/api/v1/priorities/${id}`, { name: 'Renamed', urgency: 6 });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.name, 'Renamed');
      assert.equal(patched.body.urgency, 6);
      assert.equal((await ctx.api('DELETE', `/api/v1/priorities/${id}`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/priorities/${id}`), 404, 'not_found');
    });

    it('rejects a duplicate priority key or name with already_exists', async () => {
      const body = { key: 'high', name: 'Another high', urgency: 2, color: '#000000' };
      assertError(await ctx.api('POST', '/api/v1/priorities', body), 409, 'already_exists');
      const named = { key: 'other-high', name: 'HIGH', urgency: 2, color: '#000000' };
      assertError(await ctx.api('POST', '/api/v1/priorities', named), 409, 'already_exists');
    });

    it('rejects a priority key that is not a lower-case slug, or a change of key', async () => {
      const res = await ctx.api('POST', '/api/v1/priorities', {
        key: 'Not A Slug',
        name: 'Bad key',
        urgency: 1,
        color: '#000000',
      });
      assertError(res, 400, 'validation_failed');
      const id = await idByName(ctx, '/api/v1/priorities', 'Low');
      assertError(
        await ctx.api('PATCH', `/api/v1/priorities/${id}`, { key: 'lowest' }),
        400,
        'validation_failed',
      );
    });

    it('moves the default priority and refuses to unset or delete the default', async () => {
      const lowId = await idByName(ctx, '/api/v1/priorities', 'Low');
      const normalId = await idByName(ctx, '/api/v1/priorities', 'Normal');
      assert.equal((await ctx.api('PATCH', `/api/v1/priorities/${lowId}`, { isDefault: true })).status, 200);
      assert.equal((await ctx.api('GET', `/api/v1/priorities/${normalId}`)).body.isDefault, false);
      assertError(
        await ctx.api('PATCH', `/api/v1/priorities/${lowId}`, { isDefault: false }),
        422,
        'unprocessable',
      );
      assertError(await ctx.api('DELETE', `/api/v1/priorities/${lowId}`), 409, 'in_use');
      await ctx.api('PATCH', `/api/v1/priorities/${normalId}`, { isDefault: true });
    });

    it('refuses to delete a priority tickets use', async () => {
      const created = await ctx.api('POST', '/api/v1/priorities', {
        key: 'p-used',
        name: 'Used priority',
        urgency: 7,
        color: '#123456',
      });
      await insertTicket(ctx, { priorityId: created.body.id });
      const res = await ctx.api('DELETE', `/api/v1/priorities/${created.body.id}`);
      assertError(res, 409, 'in_use');
      assert.deepEqual(res.body.error.details.usedBy, ['tickets']);
    });

    it('creates, reads, updates and deletes an SLA plan', async () => {
      const created = await ctx.api('POST', '/api/v1/sla-plans', { name: 'Gold', resolutionHours: 8 });
      assert.equal(created.status, 201);
      assert.equal(created.body.firstResponseHours, null);
      assert.equal(created.body.isActive, true);
      const id = created.body.id;
      const patched = await ctx.api('PATCH', `/api/v1/sla-plans/${id}`, {
        firstResponseHours: 1,
        isActive: false,
      });
      assert.equal(patched.body.firstResponseHours, 1);
      assert.equal(patched.body.isActive, false);
      assert.equal((await ctx.api('GET', `/api/v1/sla-plans/${id}`)).body.name, 'Gold');
      assert.equal((await ctx.api('DELETE', `/api/v1/sla-plans/${id}`)).status, 204);
      assertError(await ctx.api('DELETE', `/api/v1/sla-plans/${id}`), 404, 'not_found');
    });

    it('validates SLA hours and refuses to delete a plan a department uses', async () => {
      assertError(
        await ctx.api('POST', '/api/v1/sla-plans', { name: 'Too long', resolutionHours: 8761 }),
        400,
        'validation_failed',
      );
      assertError(
        await ctx.api('POST', '/api/v1/sla-plans', { name: 'As text', resolutionHours: '8' }),
        400,
        'validation_failed',
      );
      const id = await idByName(ctx, '/api/v1/sla-plans', 'Default SLA');
      const res = await ctx.api('DELETE', `/api/v1/sla-plans/${id}`);
      assertError(res, 409, 'in_use');
      assert.ok(res.body.error.details.usedBy.includes('departments'));
    });

    it('creates, reads, updates and deletes a role', async () => {
      const created = await ctx.api('POST', '/api/v1/roles', {
        name: 'Triage',
        permissions: ['ticket.assign', 'ticket.transfer'],
      });
      assert.equal(created.status, 201);
      const id = created.body.id;
      const patched = await ctx.api('PATCH', `/api/v1/roles/${id}`, { permissions: ['ticket.reply'] });
      assert.deepEqual(patched.body.permissions, ['ticket.reply']);
      assert.equal((await ctx.api('GET', `/api/v1/roles/${id}`)).body.name, 'Triage');
      assert.equal((await ctx.api('DELETE', `/api/v1/roles/${id}`)).status, 204);
    });

    it('rejects unknown permission keys with validation_failed', async () => {
      const res = await ctx.api('POST', '/api/v1/roles', {
        name: 'Bad',
        permissions: ['ticket.reply', 'root'],
      });
      assertError(res, 400, 'validation_failed');
      assert.equal(
        (await ctx.api('GET', '/api/v1/roles')).body.items.some((r: { name: string }) => r.name === 'Bad'),
        false,
      );
    });

    it('refuses to delete a role agents hold', async () => {
      const id = await idByName(ctx, '/api/v1/roles', 'All access');
      assertError(await ctx.api('DELETE', `/api/v1/roles/${id}`), 409, 'in_use');
    });

    it('rejects unknown body fields', async () => {
      const res = await ctx.api('POST', '/api/v1/sla-plans', {
        name: 'Extra',
        resolutionHours: 4,
        colour: 'red',
      });
      assertError(res, 400, 'validation_failed');
    });

    it('answers not_found for an unknown id on every directory resource', async () => {
      const resources = [
        'users',
        'organizations',
        'agents',
        'teams',
        'departments',
        'topics',
        'statuses',
        'priorities',
        'sla-plans',
        'roles',
      ];
      for (const resource of resources) {
        assertError(await ctx.api('GET', `/api/v1/${resource}/424242`), 404, 'not_found');
        assertError(await ctx.api('PATCH', `/api/v1/${resource}/424242`, {}), 404, 'not_found');
        assertError(await ctx.api('DELETE', `/api/v1/${resource}/424242`), 404, 'not_found');
      }
    });

    it('forbids catalog writes to an agent who is not an administrator', async () => {
      const options = { token: agentToken };
      const id = await idByName(ctx, '/api/v1/priorities', 'Low');
      const attempts = [
        ctx.api('POST', '/api/v1/priorities', { key: 'x', name: 'X', urgency: 1, color: '#000000' }, options),
        ctx.api('PATCH', `/api/v1/priorities/${id}`, { name: 'Lowest' }, options),
        ctx.api('DELETE', `/api/v1/priorities/${id}`, undefined, options),
        ctx.api('POST', '/api/v1/sla-plans', { name: uniqueName('Plan'), resolutionHours: 2 }, options),
        ctx.api('POST', '/api/v1/roles', { name: uniqueName('Role'), permissions: [] }, options),
        ctx.api('POST', '/api/v1/statuses', { name: uniqueName('Status'), state: 'open' }, options),
      ];
      for (const res of await Promise.all(attempts)) assertError(res, 403, 'forbidden');
      assert.equal((await ctx.api('GET', `/api/v1/priorities/${id}`)).body.name, 'Low');
    });
  });
}
