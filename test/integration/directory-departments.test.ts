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
  describe(`departments, help topics and teams API [${dialect}]`, () => {
    let ctx: TestContext;
    let agent: { id: number; token: string };
    let supportId: number;
    before(async () => {
      ctx = await createTestContext(dialect);
      agent = await createAgentWithToken(ctx);
      supportId = await idByName(ctx, '/api/v1/departments', 'Support');
    });
    after(async () => ctx.close());

    async function createDepartment(
      extra: Record<string, unknown> = {},
    ): Promise<{ id: number; path: string }> {
      const res = await ctx.api('POST', '/api/v1/departments', { name: uniqueName('Dept'), ...extra });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    }

    it('lists departments to any agent with their paths', async () => {
      const billing = await ctx.api('POST', '/api/v1/departments', { name: 'Billing', parentId: supportId });
      assert.equal(billing.body.path, 'Support / Billing');
      const res = await ctx.api('GET', '/api/v1/departments', undefined, { token: agent.token });
      assert.equal(res.status, 200);
      const listed = res.body.items.find((d: { name: string }) => d.name === 'Billing');
      assert.equal(listed.parentId, supportId);
      assert.equal(listed.path, 'Support / Billing');
    });

    it('creates, reads, updates and deletes a department', async () => {
      const created = await createDepartment();
      const planId = await idByName(ctx, '/api/v1/sla-plans', 'Default SLA');
      const patched = await ctx.api('PATCH', `/api/v1/departments/${created.id}`, {
        name: 'Renamed department',
        slaPlanId: planId,
        isActive: false,
      });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.slaPlanId, planId);
      assert.equal(patched.body.isActive, false);
      assert.equal(
        (await ctx.api('GET', `/api/v1/departments/${created.id}`)).body.path,
        'Renamed department',
      );
      assert.equal((await ctx.api('DELETE', `/api/v1/departments/${created.id}`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/departments/${created.id}`), 404, 'not_found');
    });

    it('rejects a department as its own parent', async () => {
      const dept = await createDepartment();
      const res = await ctx.api('PATCH', `/api/v1/departments/${dept.id}`, { parentId: dept.id });
      assertError(res, 422, 'unprocessable');
      assert.equal(res.body.error.details.field, 'parentId');
    });

    it('rejects a department placed under its own descendant', async () => {
      const top = await createDepartment();
      const middle = await createDepartment({ parentId: top.id });
      const bottom = await createDepartment({ parentId: middle.id });
      const res = await ctx.api('PATCH', `/api/v1/departments/${top.id}`, { parentId: bottom.id });
      assertError(res, 422, 'unprocessable');
      assert.equal((await ctx.api('GET', `/api/v1/departments/${top.id}`)).body.parentId, null);
    });

    it('answers unknown_reference for a parent or SLA plan that does not exist', async () => {
      const res = await ctx.api('POST', '/api/v1/departments', { name: uniqueName('Dept'), parentId: 99999 });
      assertError(res, 422, 'unknown_reference');
      assert.equal(res.body.error.details.field, 'parentId');
      const plan = await ctx.api('POST', '/api/v1/departments', {
        name: uniqueName('Dept'),
        slaPlanId: 99999,
      });
      assertError(plan, 422, 'unknown_reference');
      assert.equal(plan.body.error.details.field, 'slaPlanId');
    });

    it('rejects a duplicate department name', async () => {
      assertError(await ctx.api('POST', '/api/v1/departments', { name: 'support' }), 409, 'already_exists');
    });

    it('refuses to delete a department with child departments, agents, topics or tickets', async () => {
      const parent = await createDepartment();
      await createDepartment({ parentId: parent.id });
      const res = await ctx.api('DELETE', `/api/v1/departments/${parent.id}`);
      assertError(res, 409, 'in_use');
      assert.deepEqual(res.body.error.details.usedBy, ['departments']);
      const withTicket = await createDepartment();
      await insertTicket(ctx, { departmentId: withTicket.id });
      assertError(await ctx.api('DELETE', `/api/v1/departments/${withTicket.id}`), 409, 'in_use');
      const used = await ctx.api('DELETE', `/api/v1/departments/${supportId}`);
      assertError(used, 409, 'in_use');
      assert.ok(used.body.error.details.usedBy.includes('agents'));
      assert.ok(used.body.error.details.usedBy.includes('topics'));
    });

    it('creates, reads, updates and deletes a help topic', async () => {
      const priorityId = await idByName(ctx, '/api/v1/priorities', 'High');
      const created = await ctx.api('POST', '/api/v1/topics', {
        name: 'Password reset',
        departmentId: supportId,
        priorityId,
        assigneeAgentId: agent.id,
        isPublic: false,
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.isPublic, false);
      assert.equal(created.body.isActive, true);
      const id = created.body.id;
      const patched = await ctx.api('PATCH', `/api/v1/topics/${id}`, { priorityId: null, isActive: false });
      assert.equal(patched.body.priorityId, null);
      assert.equal(patched.body.departmentId, supportId);
      const read = await ctx.api('GET', `/api/v1/topics/${id}`, undefined, { token: agent.token });
      assert.equal(read.body.assigneeAgentId, agent.id);
      assert.equal((await ctx.api('DELETE', `/api/v1/topics/${id}`)).status, 204);
    });

    it('answers unknown_reference naming the help topic field', async () => {
      for (const field of ['departmentId', 'priorityId', 'slaPlanId', 'assigneeAgentId', 'assigneeTeamId']) {
        const res = await ctx.api('POST', '/api/v1/topics', { name: uniqueName('Topic'), [field]: 4242 });
        assertError(res, 422, 'unknown_reference');
        assert.equal(res.body.error.details.field, field);
      }
    });

    it('refuses to delete a help topic tickets were filed under', async () => {
      const topic = await ctx.api('POST', '/api/v1/topics', { name: uniqueName('Topic') });
      await insertTicket(ctx, { topicId: topic.body.id });
      assertError(await ctx.api('DELETE', `/api/v1/topics/${topic.body.id}`), 409, 'in_use');
    });

    it('creates, reads, updates and deletes a team', async () => {
      const created = await ctx.api('POST', '/api/v1/teams', {
        name: 'Network',
        leadAgentId: ctx.adminId,
        memberIds: [ctx.adminId, agent.id],
      });
      assert.equal(created.status, 201);
      assert.deepEqual(
        created.body.memberIds,
        [ctx.adminId, agent.id].sort((a, b) => a - b),
      );
      const id = created.body.id;
      const patched = await ctx.api('PATCH', `/api/v1/teams/${id}`, {
        memberIds: [agent.id],
        leadAgentId: null,
      });
      assert.deepEqual(patched.body.memberIds, [agent.id]);
      assert.equal(patched.body.leadAgentId, null);
      const agentView = await ctx.api('GET', `/api/v1/agents/${agent.id}`);
      assert.deepEqual(agentView.body.teamIds, [id]);
      assert.equal((await ctx.api('GET', `/api/v1/teams/${id}`)).body.name, 'Network');
      assert.equal((await ctx.api('DELETE', `/api/v1/teams/${id}`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/teams/${id}`), 404, 'not_found');
    });

    it('rejects an unknown team member and changes nothing', async () => {
      const team = await ctx.api('POST', '/api/v1/teams', {
        name: uniqueName('Team'),
        memberIds: [agent.id],
      });
      const res = await ctx.api('PATCH', `/api/v1/teams/${team.body.id}`, {
        name: 'Should not stick',
        memberIds: [agent.id, 98765],
      });
      assertError(res, 422, 'unknown_reference');
      assert.equal(res.body.error.details.field, 'memberIds');
      const after = await ctx.api('GET', `/api/v1/teams/${team.body.id}`);
      assert.equal(after.body.name, team.body.name);
    });

    it('forbids department, topic and team writes to an agent who is not an administrator', async () => {
      const options = { token: agent.token };
      const attempts = await Promise.all([
        ctx.api('POST', '/api/v1/departments', { name: uniqueName('Dept') }, options),
        ctx.api('PATCH', `/api/v1/departments/${supportId}`, { name: 'Mine' }, options),
        ctx.api('POST', '/api/v1/topics', { name: uniqueName('Topic') }, options),
        ctx.api('POST', '/api/v1/teams', { name: uniqueName('Team') }, options),
      ]);
      for (const res of attempts) assertError(res, 403, 'forbidden');
    });
  });
}
