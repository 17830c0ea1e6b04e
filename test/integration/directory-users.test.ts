import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveRequester } from '../../src/services/users/resolve-requester.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { assertError, createAgentWithToken, insertTicket, uniqueName } from './directory-support.ts';

for (const dialect of DIALECTS) {
  describe(`users and organizations API [${dialect}]`, () => {
    let ctx: TestContext;
    let agentToken: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      agentToken = (await createAgentWithToken(ctx)).token;
    });
    after(async () => ctx.close());

    async function createOrganization(domains: string[] = []): Promise<{ id: number; name: string }> {
      const res = await ctx.api('POST', '/api/v1/organizations', { name: uniqueName('Org'), domains });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    }

    it('lets any agent create, read and update a user', async () => {
      const options = { token: agentToken };
      const created = await ctx.api(
        'POST',
        '/api/v1/users',
        { name: 'Ada Lovelace', emails: [{ address: 'Ada@Example.com' }] },
        options,
      );
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.emails, [{ address: 'ada@example.com', isPrimary: true }]);
      const id = created.body.id;
      const patched = await ctx.api(
        'PATCH',
        `/api/v1/users/${id}`,
        {
          name: 'Ada King',
          emails: [{ address: 'ada@example.com' }, { address: 'countess@example.net', isPrimary: true }],
        },
        options,
      );
      assert.equal(patched.status, 200);
      assert.deepEqual(patched.body.emails, [
        { address: 'countess@example.net', isPrimary: true },
        { address: 'ada@example.com', isPrimary: false },
      ]);
      const removed = await ctx.api('PATCH', `/api/v1/users/${id}`, {
        emails: [{ address: 'countess@example.net' }],
      });
      assert.deepEqual(removed.body.emails, [{ address: 'countess@example.net', isPrimary: true }]);
      assert.equal((await ctx.api('GET', `/api/v1/users/${id}`, undefined, options)).body.name, 'Ada King');
    });

    it('lets only an administrator delete a user', async () => {
      const user = await ctx.api('POST', '/api/v1/users', { emails: [{ address: 'gone@example.com' }] });
      assert.equal(user.body.name, 'gone');
      assertError(
        await ctx.api('DELETE', `/api/v1/users/${user.body.id}`, undefined, { token: agentToken }),
        403,
        'forbidden',
      );
      assert.equal((await ctx.api('DELETE', `/api/v1/users/${user.body.id}`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/users/${user.body.id}`), 404, 'not_found');
    });

    it('refuses to delete the requester of a ticket', async () => {
      const user = await ctx.api('POST', '/api/v1/users', { emails: [{ address: 'requester@example.com' }] });
      await insertTicket(ctx, { userId: user.body.id });
      assertError(await ctx.api('DELETE', `/api/v1/users/${user.body.id}`), 409, 'in_use');
    });

    it('rejects two primary addresses or the same address twice', async () => {
      const twoPrimaries = await ctx.api('POST', '/api/v1/users', {
        emails: [
          { address: 'one@example.com', isPrimary: true },
          { address: 'two@example.com', isPrimary: true },
        ],
      });
      assertError(twoPrimaries, 400, 'validation_failed');
      const twice = await ctx.api('POST', '/api/v1/users', {
        emails: [{ address: 'same@example.com' }, { address: 'SAME@example.com' }],
      });
      assertError(twice, 400, 'validation_failed');
      assertError(await ctx.api('POST', '/api/v1/users', { emails: [] }), 400, 'validation_failed');
    });

    it("rejects another user's address and changes nothing", async () => {
      await ctx.api('POST', '/api/v1/users', { emails: [{ address: 'taken@example.com' }] });
      const other = await ctx.api('POST', '/api/v1/users', {
        name: 'Other',
        emails: [{ address: 'other@example.com' }],
      });
      const res = await ctx.api('PATCH', `/api/v1/users/${other.body.id}`, {
        name: 'Changed',
        emails: [{ address: 'other@example.com' }, { address: 'TAKEN@example.com' }],
      });
      assertError(res, 409, 'already_exists');
      const after = await ctx.api('GET', `/api/v1/users/${other.body.id}`);
      assert.equal(after.body.name, 'Other');
      assert.equal(after.body.emails.length, 1);
      const created = await ctx.api('POST', '/api/v1/users', { emails: [{ address: 'taken@example.com' }] });
      assertError(created, 409, 'already_exists');
    });

    it('puts a new user in the organization claiming their email domain', async () => {
      const org = await createOrganization(['Acme.example']);
      const user = await ctx.api('POST', '/api/v1/users', { emails: [{ address: 'wile@acme.example' }] });
      assert.equal(user.body.organizationId, org.id);
      const secondary = await ctx.api('POST', '/api/v1/users', {
        emails: [{ address: 'road@runner.example' }, { address: 'runner@acme.example' }],
      });
      assert.equal(secondary.body.organizationId, org.id);
      const optedOut = await ctx.api('POST', '/api/v1/users', {
        emails: [{ address: 'solo@acme.example' }],
        organizationId: null,
      });
      assert.equal(optedOut.body.organizationId, null);
      const requester = await resolveRequester(ctx.deps, { email: 'mail@acme.example' });
      assert.equal(requester.organizationId, org.id);
    });

    it('answers unknown_reference for an organization that does not exist', async () => {
      const res = await ctx.api('POST', '/api/v1/users', {
        emails: [{ address: 'nobody@example.com' }],
        organizationId: 5555,
      });
      assertError(res, 422, 'unknown_reference');
      assert.equal(res.body.error.details.field, 'organizationId');
    });

    it('searches users by name, a word of the name, or an address prefix', async () => {
      const org = await createOrganization();
      const people = [
        ['Grace Hopper', 'grace@navy.example'],
        ['Margaret Hamilton', 'mh@nasa.example'],
        ['Hedy Lamarr', 'hedy@film.example'],
      ];
      for (const [name, address] of people) {
        await ctx.api('POST', '/api/v1/users', { name, emails: [{ address }], organizationId: org.id });
      }
      const names = async (query: string) =>
        (await ctx.api('GET', `/api/v1/users?${query}`, undefined, { token: agentToken })).body.items.map(
          (u: { name: string }) => u.name,
        );
      assert.deepEqual(await names('q=grace'), ['Grace Hopper']);
      assert.deepEqual(await names('q=ham'), ['Margaret Hamilton']);
      assert.deepEqual(await names('q=MH%40nasa'), ['Margaret Hamilton']);
      assert.deepEqual(await names('q=h%25'), []);
      assert.deepEqual(await names(`organizationId=${org.id}`), [
        'Grace Hopper',
        'Margaret Hamilton',
        'Hedy Lamarr',
      ]);
    });

    it('pages through users with a cursor', async () => {
      const org = await createOrganization();
      for (let i = 0; i < 5; i += 1) {
        await ctx.api('POST', '/api/v1/users', {
          emails: [{ address: `page${i}@example.com` }],
          organizationId: org.id,
        });
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `organizationId=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await ctx.api('GET', `/api/v1/users?${query}`);
        assert.equal(res.status, 200);
        assert.ok(res.body.items.length <= 2);
        seen.push(...res.body.items.map((u: { id: number }) => u.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 5);
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => a - b),
      );
      assertError(await ctx.api('GET', '/api/v1/users?limit=101'), 400, 'validation_failed');
      assertError(await ctx.api('GET', '/api/v1/users?cursor=abc'), 400, 'validation_failed');
    });

    it('lets any agent create, read and update an organization, and only an administrator delete one', async () => {
      const options = { token: agentToken };
      const created = await ctx.api(
        'POST',
        '/api/v1/organizations',
        { name: 'Globex', domains: ['globex.example'] },
        options,
      );
      assert.equal(created.status, 201);
      const id = created.body.id;
      const patched = await ctx.api(
        'PATCH',
        `/api/v1/organizations/${id}`,
        { domains: ['globex.example', 'GLOBEX.test'] },
        options,
      );
      assert.deepEqual(patched.body.domains, ['globex.example', 'globex.test']);
      const listed = await ctx.api('GET', '/api/v1/organizations', undefined, options);
      assert.ok(listed.body.items.some((o: { id: number }) => o.id === id));
      assertError(
        await ctx.api('DELETE', `/api/v1/organizations/${id}`, undefined, options),
        403,
        'forbidden',
      );
      assert.equal((await ctx.api('DELETE', `/api/v1/organizations/${id}`)).status, 204);
      assertError(await ctx.api('GET', `/api/v1/organizations/${id}`), 404, 'not_found');
    });

    it('rejects a domain another organization claims, and a duplicate name', async () => {
      const first = await createOrganization(['claimed.example']);
      const res = await ctx.api('POST', '/api/v1/organizations', {
        name: uniqueName('Org'),
        domains: ['CLAIMED.example'],
      });
      assertError(res, 409, 'already_exists');
      assert.equal(res.body.error.details.field, 'domains');
      assertError(
        await ctx.api('POST', '/api/v1/organizations', { name: first.name.toUpperCase() }),
        409,
        'already_exists',
      );
      assertError(
        await ctx.api('POST', '/api/v1/organizations', { name: 'Bad', domains: ['not a domain'] }),
        400,
        'validation_failed',
      );
    });

    it('keeps the users of a deleted organization, without one', async () => {
      const org = await createOrganization(['leaving.example']);
      const user = await ctx.api('POST', '/api/v1/users', { emails: [{ address: 'stay@leaving.example' }] });
      assert.equal(user.body.organizationId, org.id);
      await ctx.api('DELETE', `/api/v1/organizations/${org.id}`);
      assert.equal((await ctx.api('GET', `/api/v1/users/${user.body.id}`)).body.organizationId, null);
    });
  });
}
