import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeReconnectDelayMs } from './mailbox-session.ts';

describe('computeReconnectDelayMs', () => {
  it('doubles from the base with each failure in a row', () => {
    const none = () => 0;
    assert.deepEqual(
      [1, 2, 3, 4].map((failures) => computeReconnectDelayMs(failures, 5_000, 300_000, none)),
      [5_000, 10_000, 20_000, 40_000],
    );
  });

  it('never waits longer than the maximum, however many failures came before', () => {
    assert.equal(
      computeReconnectDelayMs(1_000, 5_000, 300_000, () => 0),
      300_000,
    );
  });

  it('takes at most a fifth off at random', () => {
    assert.equal(
      computeReconnectDelayMs(1, 5_000, 300_000, () => 0.999_999),
      4_000,
    );
  });
});
