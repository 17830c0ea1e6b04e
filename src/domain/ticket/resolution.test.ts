import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkResolution,
  describeResolutionProblem,
  RESOLUTION_CODES,
  type ResolutionCheck,
  type ResolutionInput,
} from './resolution.ts';

const COMPLETE: ResolutionInput = {
  problem: 'Certificate expired on the login gateway',
  actionTaken: 'Renewed the certificate and restarted the gateway',
  confirmation: 'Customers can log in again',
  nextSteps: 'Add expiry monitoring',
  code: 'fixed',
};

const REQUIRED_FIELDS = ['problem', 'actionTaken', 'confirmation', 'code'] as const;

function failureOf(check: ResolutionCheck): { missing: string[]; invalid: string[] } {
  assert.equal(check.ok, false, 'expected the resolution to be rejected');
  if (check.ok) throw new Error('unreachable');
  return { missing: check.missing, invalid: check.invalid };
}

describe('checkResolution', () => {
  it('accepts a complete resolution', () => {
    const check = checkResolution(COMPLETE);
    assert.deepEqual(check, {
      ok: true,
      resolution: {
        problem: COMPLETE.problem,
        actionTaken: COMPLETE.actionTaken,
        confirmation: COMPLETE.confirmation,
        nextSteps: COMPLETE.nextSteps,
        code: 'fixed',
      },
    });
  });

  for (const field of REQUIRED_FIELDS) {
    for (const [label, value] of [
      ['absent', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace', ' \t\n\u00a0 '],
    ] as const) {
      it(`reports ${field} missing when it is ${label}`, () => {
        const { missing, invalid } = failureOf(checkResolution({ ...COMPLETE, [field]: value }));
        assert.deepEqual(missing, [field]);
        assert.deepEqual(invalid, []);
      });
    }
  }

  it('reports every missing field at once', () => {
    const { missing, invalid } = failureOf(checkResolution({}));
    assert.deepEqual(missing, ['problem', 'actionTaken', 'confirmation', 'code']);
    assert.deepEqual(invalid, []);
  });

  it('reports an unknown code as invalid rather than missing', () => {
    const { missing, invalid } = failureOf(checkResolution({ ...COMPLETE, code: 'solved' }));
    assert.deepEqual(missing, []);
    assert.deepEqual(invalid, ['code']);
  });

  it('treats codes as exact keys, rejecting other casing and padding', () => {
    for (const code of ['Fixed', 'FIXED', ' fixed', 'fixed ']) {
      assert.deepEqual(failureOf(checkResolution({ ...COMPLETE, code })).invalid, ['code'], code);
    }
  });

  it('reports missing fields and an invalid code together', () => {
    const { missing, invalid } = failureOf(checkResolution({ ...COMPLETE, problem: ' ', code: 'nope' }));
    assert.deepEqual(missing, ['problem']);
    assert.deepEqual(invalid, ['code']);
  });

  for (const code of RESOLUTION_CODES) {
    it(`accepts the code ${code}`, () => {
      const check = checkResolution({ ...COMPLETE, code });
      assert.ok(check.ok);
      assert.equal(check.resolution.code, code);
    });
  }

  it('trims every narrative field', () => {
    const check = checkResolution({
      problem: '  gateway down \n',
      actionTaken: '\trestarted it ',
      confirmation: ' works now ',
      nextSteps: '  watch it  ',
      code: 'workaround',
    });
    assert.ok(check.ok);
    assert.deepEqual(check.resolution, {
      problem: 'gateway down',
      actionTaken: 'restarted it',
      confirmation: 'works now',
      nextSteps: 'watch it',
      code: 'workaround',
    });
  });

  for (const [label, value] of [
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['whitespace', '   '],
  ] as const) {
    it(`accepts a resolution whose nextSteps is ${label}, storing null`, () => {
      const check = checkResolution({ ...COMPLETE, nextSteps: value });
      assert.ok(check.ok);
      assert.equal(check.resolution.nextSteps, null);
    });
  }

  it('never accepts a blank required field', () => {
    const blank = fc.constantFrom<string | null | undefined>(
      undefined,
      null,
      '',
      ' ',
      '\t',
      '\n',
      ' \u00a0\r\n ',
    );
    const text = fc.oneof(fc.string(), blank);
    fc.assert(
      fc.property(
        fc.record({ problem: text, actionTaken: text, confirmation: text, nextSteps: text }),
        fc.constantFrom('problem', 'actionTaken', 'confirmation'),
        blank,
        fc.constantFrom(...RESOLUTION_CODES),
        (fields, blankField, blankValue, code) => {
          const check = checkResolution({ ...fields, code, [blankField]: blankValue });
          return !check.ok && check.missing.includes(blankField);
        },
      ),
    );
  });

  it('returns trimmed, non-empty fields whenever it accepts', () => {
    const text = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined));
    const padded = fc
      .tuple(fc.stringMatching(/^\s*$/), fc.string(), fc.stringMatching(/^\s*$/))
      .map(([before, middle, after]) => `${before}${middle}${after}`);
    const field = fc.oneof(text, padded);
    fc.assert(
      fc.property(
        fc.record({
          problem: field,
          actionTaken: field,
          confirmation: field,
          nextSteps: field,
          code: fc.oneof(fc.constantFrom(...RESOLUTION_CODES), fc.string()),
        }),
        (input) => {
          const check = checkResolution(input);
          if (!check.ok) return true;
          const { problem, actionTaken, confirmation, nextSteps, code } = check.resolution;
          for (const value of [problem, actionTaken, confirmation]) {
            assert.ok(value.length > 0);
            assert.equal(value, value.trim());
          }
          if (nextSteps !== null) {
            assert.ok(nextSteps.length > 0);
            assert.equal(nextSteps, nextSteps.trim());
          }
          assert.ok((RESOLUTION_CODES as readonly string[]).includes(code));
          return true;
        },
      ),
    );
  });
});

describe('describeResolutionProblem', () => {
  it('names the missing fields', () => {
    assert.match(describeResolutionProblem(['problem', 'code'], []), /missing problem, code/);
  });

  it('lists the valid codes when the code is invalid', () => {
    const message = describeResolutionProblem([], ['code']);
    for (const code of RESOLUTION_CODES) assert.ok(message.includes(code), code);
  });
});
