import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFormValues, type FormFieldRule, isFormFieldType } from './form-values.ts';

function field(overrides: Partial<FormFieldRule> & Pick<FormFieldRule, 'key' | 'type'>): FormFieldRule {
  return { label: overrides.key, isRequired: false, options: [], ...overrides };
}

const FORM: FormFieldRule[] = [
  field({ key: 'serial', type: 'text', isRequired: true }),
  field({ key: 'details', type: 'textarea' }),
  field({ key: 'contact', type: 'email' }),
  field({ key: 'seats', type: 'number' }),
  field({ key: 'since', type: 'date' }),
  field({ key: 'os', type: 'select', options: ['Windows', 'macOS', 'Linux'] }),
  field({ key: 'urgent', type: 'checkbox' }),
];

const strict = { allowUnknown: false };

function problemOf(fields: FormFieldRule[], values: Record<string, unknown>) {
  return checkFormValues(fields, values, strict).problems;
}

describe('checkFormValues', () => {
  it('accepts values of every type and normalizes them', () => {
    const result = checkFormValues(
      FORM,
      {
        serial: '  SN-1 ',
        details: 'Line one\nLine two',
        contact: 'ops@example.com',
        seats: '12',
        since: '2026-02-28',
        os: 'Linux',
        urgent: true,
      },
      strict,
    );
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.values, {
      serial: 'SN-1',
      details: 'Line one\nLine two',
      contact: 'ops@example.com',
      seats: 12,
      since: '2026-02-28',
      os: 'Linux',
      urgent: true,
    });
  });

  it('names a missing required field', () => {
    assert.deepEqual(problemOf(FORM, {}), [{ key: 'serial', message: 'is required' }]);
  });

  it('treats blank text and null as missing', () => {
    assert.deepEqual(problemOf(FORM, { serial: '   ' }), [{ key: 'serial', message: 'is required' }]);
    assert.deepEqual(problemOf(FORM, { serial: null }), [{ key: 'serial', message: 'is required' }]);
  });

  it('leaves empty optional fields out of the stored values', () => {
    const result = checkFormValues(FORM, { serial: 'x', details: '', seats: null }, strict);
    assert.deepEqual(result.values, { serial: 'x' });
  });

  it('requires a required checkbox to be checked and keeps an unchecked optional one', () => {
    const consent = field({ key: 'consent', type: 'checkbox', isRequired: true });
    assert.deepEqual(problemOf([consent], { consent: false }), [{ key: 'consent', message: 'is required' }]);
    assert.deepEqual(checkFormValues(FORM, { serial: 'x', urgent: false }, strict).values, {
      serial: 'x',
      urgent: false,
    });
  });

  it('rejects a value of the wrong type for each field type', () => {
    const cases: [string, unknown, string][] = [
      ['serial', 42, 'must be text'],
      ['contact', 'not an address', 'must be an email address'],
      ['seats', '12abc', 'must be a number'],
      ['seats', 'Infinity', 'must be a number'],
      ['since', '2026-02-30', 'must be a date written YYYY-MM-DD'],
      ['since', '28.02.2026', 'must be a date written YYYY-MM-DD'],
      ['os', 'BeOS', 'must be one of: Windows, macOS, Linux'],
      ['urgent', 'yes', 'must be true or false'],
    ];
    for (const [key, value, message] of cases) {
      const values = { serial: 'x', [key]: value };
      assert.deepEqual(problemOf(FORM, values), [{ key, message }], `${key}=${String(value)}`);
    }
  });

  it('limits the length of text and textarea values', () => {
    assert.equal(
      problemOf(FORM, { serial: 'x'.repeat(1001) })[0]?.message,
      'must have at most 1000 characters',
    );
    assert.deepEqual(problemOf(FORM, { serial: 'x', details: 'y'.repeat(10_000) }), []);
  });

  it('refuses keys that are not fields of a strict form', () => {
    assert.deepEqual(problemOf(FORM, { serial: 'x', hidden: 'sneaky' }), [
      { key: 'hidden', message: 'is not a field of this form' },
    ]);
  });

  it('keeps unknown keys unchanged when the form allows them', () => {
    const result = checkFormValues(FORM, { serial: 'x', externalId: 7 }, { allowUnknown: true });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.values, { serial: 'x', externalId: 7 });
  });

  it('reports every problem, fields in form order first', () => {
    const problems = problemOf(FORM, { extra: 1, seats: 'many' });
    assert.deepEqual(
      problems.map((problem) => problem.key),
      ['serial', 'seats', 'extra'],
    );
  });

  it('knows the field types', () => {
    assert.equal(isFormFieldType('select'), true);
    assert.equal(isFormFieldType('file'), false);
  });
});
