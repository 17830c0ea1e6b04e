import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertSession } from '../../src/db/repositories/auth.repository.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import {
  assertError,
  createAgentWithToken,
  idByName,
  insertNote,
  insertTicket,
  uniqueName,
} from './directory-support.ts';

for (const dialect of DIALECTS) {
  describe(`agents API [${dialect}]`, () => {
    let ctx: TestContext;
    let supportId: number;
    let operationsId: number;
    let limitedRoleId: number;
    let viewRoleId: number;
    before(async () => {
      ctx = await createTestContext(dialect);
      supportId = await idByName(ctx, '/api/v1/departments', 'Support');
      operationsId = await idByName(ctx, '/api/v1/departments', 'IT Operations');
      limitedRoleId = await idByName(ctx, '/api/v1/roles', 'Limited access');
      viewRoleId = await idByName(ctx, '/api/v1/roles', 'View only');
    });
    after(async () => ctx.close());

    function agentBody(extra: Record<string, unknown> = {}) {
      return {
        email: `${uniqueName('staff').replace(' ', '')}@tessera.test`,
        name: uniqueName('Staff'),
        departmentId: supportId,
        roleId: limitedRoleId,
        ...extra,
      };
    }

    async function sessionCount(agentId: number): Promise<number> {
      const rows = await ctx.deps.db
        .selectFrom('sessions')
        .select('id')
        .where('agent_id', '=', agentId)
        .execute();
      return rows.length;
    }

    it('lists agents to any agent without their passwords', async () => {
      const agent = await createAgentWithToken(ctx);
      const res = await ctx.api('GET', '/api/v1/agents', undefined, { token: agent.token });
      assert.equal(res.status, 200);
      const listed = res.body.items.find((a: { id: number }) => a.id === agent.id);
      assert.equal(listed.hasPassword, true);
      assert.equal(listed.isAdmin, false);
      assert.ok(!JSON.stringify(res.body).includes('password"'));
      assert.ok(!JSON.stringify(res.body).includes('$argon2'));
    });

    it('creates, reads, updates and deletes an agent', async () => {
      const team = await ctx.api('POST', '/api/v1/teams', { name: uniqueName('Team') });
      const created = await ctx.api(
        'POST',
        '/api/v1/agents',
        agentBody({
          email: 'New.Person@Tessera.TEST',
          departments: [{ departmentId: operationsId, roleId: viewRoleId }],
          teamIds: [team.body.id],
        }),
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.email, 'new.person@tessera.test');
      assert.equal(created.body.hasPassword, false);
      assert.deepEqual(created.body.departments, [{ departmentId: operationsId, roleId: viewRoleId }]);
      assert.deepEqual(created.body.teamIds, [team.body.id]);
      const id = created.body.id;
      const patched = await ctx.api('PATCH', `/api/v1/agents/${id}`, {
        name: 'Renamed Person',
        password: 'eight chars',
        departments: [],
      });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.hasPassword, true);
      assert.deepEqual(patched.body.departments, []);
      assert.equal((await ctx.api('GET', `/api/v1/agents/${id}`)).body.name, 'Renamed Person');
      assert.equal((await ctx.api('DELETE', `/api/v1/agents/${id}?permanent=true`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/agents/${id}`), 404, 'not_found');
    });

    it('rejects an email another agent has, whatever its case', async () => {
      const res = await ctx.api('POST', '/api/v1/agents', agentBody({ email: 'ADMIN@tessera.test' }));
      assertError(res, 409, 'already_exists');
      assert.equal(res.body.error.details.field, 'email');
    });

    it('rejects a password shorter than eight characters', async () => {
      assertError(
        await ctx.api('POST', '/api/v1/agents', agentBody({ password: 'short' })),
        400,
        'validation_failed',
      );
    });

    it('answers unknown_reference naming the agent field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ departmentId: 777 }, 'departmentId'],
        [{ roleId: 777 }, 'roleId'],
        [{ departments: [{ departmentId: 777, roleId: viewRoleId }] }, 'departments.departmentId'],
        [{ departments: [{ departmentId: operationsId, roleId: 777 }] }, 'departments.roleId'],
        [{ teamIds: [777] }, 'teamIds'],
      ];
      for (const [extra, field] of cases) {
        const res = await ctx.api('POST', '/api/v1/agents', agentBody(extra));
        assertError(res, 422, 'unknown_reference');
        assert.equal(res.body.error.details.field, field);
      }
    });

    it('ends the sessions of an agent who is deactivated, and their token stops working', async () => {
      const agent = await createAgentWithToken(ctx);
      const now = ctx.clock.now();
      await insertSession(ctx.deps.db, {
        id: `session-${agent.id}`,
        agentId: agent.id,
        csrfToken: 'csrf',
        createdAt: now,
        expiresAt: now + 3_600_000,
        ip: null,
        userAgent: null,
      });
      assert.equal(await sessionCount(agent.id), 1);
      const res = await ctx.api('PATCH', `/api/v1/agents/${agent.id}`, { isActive: false });
      assert.equal(res.status, 200);
      assert.equal(res.body.isActive, false);
      assert.equal(await sessionCount(agent.id), 0);
      assertError(
        await ctx.api('GET', '/api/v1/agents', undefined, { token: agent.token }),
        401,
        'unauthenticated',
      );
    });

    it('deactivates an agent on DELETE', async () => {
      const agent = await createAgentWithToken(ctx);
      assert.equal((await ctx.api('DELETE', `/api/v1/agents/${agent.id}`)).status, 204);
      assert.equal((await ctx.api('GET', `/api/v1/agents/${agent.id}`)).body.isActive, false);
    });

    it('refuses to permanently delete an agent who wrote on a ticket', async () => {
      const agent = await createAgentWithToken(ctx);
      const ticketId = await insertTicket(ctx);
      await insertNote(ctx, ticketId, agent.id);
      const res = await ctx.api('DELETE', `/api/v1/agents/${agent.id}?permanent=true`);
      assertError(res, 409, 'in_use');
      assert.ok(res.body.error.details.usedBy.includes('threadEntries'));
      assert.equal((await ctx.api('GET', `/api/v1/agents/${agent.id}`)).status, 200);
    });

    it('stops an administrator removing their own administrator access', async () => {
      const res = await ctx.api('PATCH', `/api/v1/agents/${ctx.adminId}`, { isAdmin: false });
      assertError(res, 422, 'unprocessable');
      assert.equal((await ctx.api('GET', `/api/v1/agents/${ctx.adminId}`)).body.isAdmin, true);
    });

    it('stops an administrator deactivating or deleting themselves', async () => {
      assertError(
        await ctx.api('PATCH', `/api/v1/agents/${ctx.adminId}`, { isActive: false }),
        422,
        'unprocessable',
      );
      assertError(await ctx.api('DELETE', `/api/v1/agents/${ctx.adminId}`), 422, 'unprocessable');
      assert.equal((await ctx.api('GET', `/api/v1/agents/${ctx.adminId}`)).body.isActive, true);
    });

    it('lets an administrator demote another administrator', async () => {
      const other = await createAgentWithToken(ctx, { isAdmin: true });
      const res = await ctx.api('PATCH', `/api/v1/agents/${other.id}`, { isAdmin: false });
      assert.equal(res.status, 200);
      assert.equal(res.body.isAdmin, false);
    });

    it('forbids agent writes to an agent who is not an administrator', async () => {
      const agent = await createAgentWithToken(ctx);
      const options = { token: agent.token };
      const attempts = await Promise.all([
        ctx.api('POST', '/api/v1/agents', agentBody(), options),
        ctx.api('PATCH', `/api/v1/agents/${agent.id}`, { isAdmin: true }, options),
        ctx.api('DELETE', `/api/v1/agents/${ctx.adminId}`, undefined, options),
      ]);
      for (const res of attempts) assertError(res, 403, 'forbidden');
      assert.equal((await ctx.api('GET', `/api/v1/agents/${agent.id}`)).body.isAdmin, false);
    });
  });
}
