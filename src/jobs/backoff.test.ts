import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeNextRunAt, computeRetryDelayMs, RETRY_BASE_MS, RETRY_MAX_MS } from './backoff.ts';

describe('computeRetryDelayMs', () => {
  it('waits 30 seconds after the first failed attempt', () => {
    assert.equal(
      computeRetryDelayMs(1, () => 0),
      RETRY_BASE_MS,
    );
  });

  it('doubles the wait with each attempt', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => computeRetryDelayMs(attempt, () => 0));
    assert.deepEqual(delays, [30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it('never waits longer than an hour', () => {
    assert.equal(
      computeRetryDelayMs(8, () => 0),
      RETRY_MAX_MS,
    );
    assert.equal(
      computeRetryDelayMs(1000, () => 0),
      RETRY_MAX_MS,
    );
  });

  it('takes at most a fifth off at random', () => {
    assert.equal(
      computeRetryDelayMs(1, () => 0.999_999),
      24_000,
    );
    assert.equal(
      computeRetryDelayMs(3, () => 0.5),
      108_000,
    );
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const full = computeRetryDelayMs(attempt, () => 0);
      const delay = computeRetryDelayMs(attempt);
      assert.ok(delay <= full && delay >= full * 0.8, `attempt ${attempt}: ${delay} of ${full}`);
    }
  });

  it('treats an attempt below one as the first', () => {
    assert.equal(
      computeRetryDelayMs(0, () => 0),
      RETRY_BASE_MS,
    );
  });
});

describe('computeNextRunAt', () => {
  it('is one interval after the previous run when that run was on time', () => {
    assert.equal(computeNextRunAt(1_000, 60_000, 1_500), 61_000);
  });

  it('stays on the grid of the previous run when the run was late', () => {
    assert.equal(computeNextRunAt(0, 60_000, 60_000), 120_000);
    assert.equal(computeNextRunAt(0, 60_000, 59_999), 60_000);
  });

  it('skips the ticks missed while no worker ran', () => {
    assert.equal(computeNextRunAt(0, 60_000, 10 * 60_000 + 5), 11 * 60_000);
  });

  it('is always after now', () => {
    for (const now of [0, 1, 59_999, 60_000, 60_001, 3_600_000]) {
      assert.ok(computeNextRunAt(0, 60_000, now) > now);
    }
  });

  it('rejects an interval that is not positive', () => {
    assert.throws(() => computeNextRunAt(0, 0, 0), RangeError);
  });
});
