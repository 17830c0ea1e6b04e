import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OsticketError } from './osticket-error.ts';
import { type TicketRequest, toCreateTicketInput } from './ticket-request.ts';

function request(values: Record<string, unknown>, message: string | null = 'Hello'): TicketRequest {
  return {
    values: new Map(Object.entries({ email: 'a@example.com', subject: 'S', ...values })),
    message: message === null ? null : { text: message, type: null },
    attachments: [],
  };
}

const input = (values: Record<string, unknown>, message?: string | null) =>
  toCreateTicketInput(request(values, message), '192.0.2.1');

describe('osTicket request fields', () => {
  it('reads alert and autorespond given as booleans, numbers or text', () => {
    for (const [given, expected] of [
      [true, true],
      [false, false],
      [1, true],
      [0, false],
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
    ] as const) {
      const result = input({ alert: given, autorespond: given });
      assert.equal(result.alert, expected, String(given));
      assert.equal(result.autoRespond, expected, String(given));
    }
    const unset = input({});
    assert.equal(unset.alert, undefined);
    assert.equal(unset.autoRespond, undefined);
  });

  it("maps osTicket's sources, Other becoming api, and defaults to api", () => {
    const sources = ['Web', 'EMAIL', 'phone', 'API', 'Other'].map((source) => input({ source }).source);
    assert.deepEqual(sources, ['web', 'email', 'phone', 'api', 'api']);
    assert.equal(input({}).source, 'api');
  });

  it('maps priority ids 1 to 4 to keys and passes a key through', () => {
    assert.deepEqual(
      [1, '2', 3, '4'].map((priorityId) => input({ priorityId }).priority),
      ['low', 'normal', 'high', 'emergency'],
    );
    assert.equal(input({ priority: 'High' }).priority, 'high');
    assert.equal(input({ priority: 3 }).priority, 'high');
  });

  it('splits an extension written after X from the phone number', () => {
    assert.deepEqual(input({ phone: '3185558634X123' }).fields, {
      ip: '192.0.2.1',
      phone: '3185558634',
      phone_ext: '123',
    });
    assert.deepEqual(input({ phone: '+1 318 555 8634', phone_ext: '77' }).fields, {
      ip: '192.0.2.1',
      phone: '+1 318 555 8634',
      phone_ext: '77',
    });
  });

  it("keeps the submitter's ip when given, else the caller's address", () => {
    assert.equal(input({ ip: '2001:db8::5' }).fields?.ip, '2001:db8::5');
    assert.equal(input({}).fields?.ip, '192.0.2.1');
  });

  it('keeps other fields by name, even one called __proto__', () => {
    const fields = input(JSON.parse('{"__proto__": "x", "department": "Sales", "count": 3}')).fields ?? {};
    assert.equal(Object.getPrototypeOf(fields), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value, 'x');
    assert.equal(fields.department, 'Sales');
    assert.equal(fields.count, 3);
  });

  it('sends an HTML data URL as HTML and plain text as text', () => {
    const html = input({}, `data:text/html;base64,${Buffer.from('<b>hi</b>').toString('base64')}`);
    assert.equal(html.bodyHtml, '<b>hi</b>');
    assert.equal(html.body, undefined);
    assert.equal(input({}, 'data: not a URL, just text').body, 'data: not a URL, just text');
  });

  it('names the field in every refusal', () => {
    const refusals: [Record<string, unknown>, string | null, RegExp][] = [
      [{ email: undefined }, 'm', /^email: /],
      [{ subject: 'x'.repeat(256) }, 'm', /^subject: must have at most 255/],
      [{}, null, /^message: /],
      [{}, '   ', /^message: /],
      [{ topicId: -1 }, 'm', /^topicId: /],
      [{ priorityId: 'high' }, 'm', /^priorityId: must be a number/],
      [{ autorespond: 'sometimes' }, 'm', /^autorespond: /],
      [{ name: ['a'] }, 'm', /^name: must be text/],
    ];
    for (const [values, message, expected] of refusals) {
      assert.throws(
        () => input(values, message),
        (error: unknown) =>
          error instanceof OsticketError && error.status === 400 && expected.test(error.message),
        JSON.stringify(values),
      );
    }
  });
});
