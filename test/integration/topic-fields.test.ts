import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`help topic fields [${dialect}]`, () => {
    let ctx: TestContext;
    let topicId: number;
    let agentToken: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      topicId = (await ctx.api('POST', '/api/v1/topics', { name: 'Software request' })).body.id;
      agentToken = (
        await createAgentWithToken(ctx, {
          email: 'reader@tessera.test',
          department: 'Support',
          role: 'All access',
        })
      ).token;
    });
    after(async () => ctx.close());

    const url = () => `/api/v1/topics/${topicId}/fields`;

    function ticketWith(fields: Record<string, unknown> | undefined, topic: number | null) {
      return ctx.api('POST', '/api/v1/tickets', {
        subject: 'Install a licence',
        body: 'Please install it.',
        requester: { email: 'pat@example.com' },
        ...(topic !== null ? { topicId: topic } : {}),
        ...(fields !== undefined ? { fields } : {}),
      });
    }

    it('creates, lists in form order, changes and deletes the fields of a topic', async () => {
      const created = await ctx.api('POST', url(), {
        key: 'product',
        label: 'Product',
        type: 'select',
        options: [' Office ', 'Photoshop'],
        isRequired: true,
        sortOrder: 2,
        helpText: '  Which one?  ',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.topicId, topicId);
      assert.deepEqual(created.body.options, ['Office', 'Photoshop']);
      assert.equal(created.body.helpText, 'Which one?');
      assert.equal(created.body.isPublic, true);
      const first = await ctx.api('POST', url(), {
        key: 'licence_key',
        label: 'Licence key',
        type: 'text',
        sortOrder: 1,
      });
      assert.equal(first.status, 201);

      const listed = await ctx.api('GET', url(), undefined, { token: agentToken });
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.items.map((field: { key: string }) => field.key),
        ['licence_key', 'product'],
      );

      const changed = await ctx.api('PATCH', `${url()}/${first.body.id}`, {
        label: 'Licence',
        isPublic: false,
      });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.label, 'Licence');
      assert.equal(changed.body.isPublic, false);
      assert.equal((await ctx.api('GET', `${url()}/${first.body.id}`)).body.label, 'Licence');

      assert.equal((await ctx.api('DELETE', `${url()}/${first.body.id}`)).status, 204);
      assert.equal((await ctx.api('GET', `${url()}/${first.body.id}`)).status, 404);
    });

    it('refuses a key the topic already has with 409', async () => {
      await ctx.api('POST', url(), { key: 'dup', label: 'Dup', type: 'text' });
      const again = await ctx.api('POST', url(), { key: 'dup', label: 'Again', type: 'number' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'already_exists');
      const other = await ctx.api('POST', url(), { key: 'dup2', label: 'Dup 2', type: 'text' });
      const renamed = await ctx.api('PATCH', `${url()}/${other.body.id}`, { key: 'dup' });
      assert.equal(renamed.status, 409);
    });

    it('checks keys, types and options', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ key: 'Bad Key', label: 'x', type: 'text' }, 'key'],
        [{ key: 'ok', label: 'x', type: 'file' }, 'type'],
        [{ key: 'pick', label: 'x', type: 'select' }, 'options'],
        [{ key: 'pick', label: 'x', type: 'select', options: ['a', 'a'] }, 'options'],
        [{ key: 'words', label: 'x', type: 'text', options: ['a'] }, 'options'],
      ];
      for (const [body, field] of cases) {
        const response = await ctx.api('POST', url(), body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.details.field, field, JSON.stringify(response.body));
      }
      const text = await ctx.api('POST', url(), { key: 'was-text', label: 'x', type: 'text' });
      const toSelect = await ctx.api('PATCH', `${url()}/${text.body.id}`, { type: 'select' });
      assert.equal(toSelect.status, 400);
      const select = await ctx.api('PATCH', `${url()}/${text.body.id}`, {
        type: 'select',
        options: ['a', 'b'],
      });
      assert.equal(select.status, 200);
      const back = await ctx.api('PATCH', `${url()}/${text.body.id}`, { type: 'text' });
      assert.deepEqual(back.body.options, []);
    });

    it('lets only administrators change a form, and answers 404 for an unknown topic', async () => {
      const denied = await ctx.api(
        'POST',
        url(),
        { key: 'nope', label: 'x', type: 'text' },
        { token: agentToken },
      );
      assert.equal(denied.status, 403);
      assert.equal((await ctx.api('GET', '/api/v1/topics/999999/fields')).status, 404);
      assert.equal(
        (await ctx.api('POST', '/api/v1/topics/999999/fields', { key: 'a', label: 'a', type: 'text' }))
          .status,
        404,
      );
    });

    it("deletes a topic's fields with the topic", async () => {
      const topic = (await ctx.api('POST', '/api/v1/topics', { name: 'Short-lived' })).body.id;
      await ctx.api('POST', `/api/v1/topics/${topic}/fields`, { key: 'a', label: 'A', type: 'text' });
      assert.equal((await ctx.api('DELETE', `/api/v1/topics/${topic}`)).status, 204);
      const left = await ctx.database.db
        .selectFrom('help_topic_fields')
        .select('id')
        .where('topic_id', '=', topic)
        .execute();
      assert.deepEqual(left, []);
    });

    describe('values sent with a ticket through the agent API', () => {
      let formTopic: number;
      before(async () => {
        formTopic = (await ctx.api('POST', '/api/v1/topics', { name: 'Access card' })).body.id;
        await ctx.api('POST', `/api/v1/topics/${formTopic}/fields`, {
          key: 'badge',
          label: 'Badge number',
          type: 'number',
          isRequired: true,
        });
        await ctx.api('POST', `/api/v1/topics/${formTopic}/fields`, {
          key: 'floor',
          label: 'Floor',
          type: 'select',
          options: ['1', '2'],
          isPublic: false,
        });
      });

      it('names a missing required field or a wrong value with 400', async () => {
        const missing = await ticketWith({ floor: '1' }, formTopic);
        assert.equal(missing.status, 400);
        assert.equal(missing.body.error.details.field, 'fields.badge');
        const wrong = await ticketWith({ badge: 7, floor: '9' }, formTopic);
        assert.equal(wrong.status, 400);
        assert.equal(wrong.body.error.details.field, 'fields.floor');
      });

      it('keeps keys the form does not have and fills agent-only fields', async () => {
        const created = await ticketWith({ badge: '42', floor: '2', externalId: 'X-1' }, formTopic);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.deepEqual(created.body.fields, { badge: 42, floor: '2', externalId: 'X-1' });
      });

      it('checks nothing when no values are sent, or no topic', async () => {
        assert.equal((await ticketWith(undefined, formTopic)).status, 201);
        assert.equal((await ticketWith({ anything: 'goes' }, null)).status, 201);
      });
    });
  });
}
