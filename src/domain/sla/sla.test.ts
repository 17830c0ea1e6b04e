import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HOUR_MS } from '../../lib/clock.ts';
import { computeDueAt, isOverdue, resumeDueAt } from './sla.ts';

const OPENED = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE_MS = 60_000;

describe('computeDueAt', () => {
  it('adds the resolution target in hours to the start', () => {
    assert.equal(computeDueAt(OPENED, { resolutionHours: 8 }), OPENED + 8 * HOUR_MS);
  });

  it('supports fractional hours', () => {
    assert.equal(computeDueAt(OPENED, { resolutionHours: 0.5 }), OPENED + 30 * MINUTE_MS);
  });

  it('makes a zero-hour target due at once', () => {
    assert.equal(computeDueAt(OPENED, { resolutionHours: 0 }), OPENED);
  });
});

describe('resumeDueAt', () => {
  it('shifts the due time by the time spent paused', () => {
    const dueAt = OPENED + 8 * HOUR_MS;
    const pausedAt = OPENED + HOUR_MS;
    assert.equal(resumeDueAt(dueAt, pausedAt, pausedAt + 3 * HOUR_MS), dueAt + 3 * HOUR_MS);
  });

  it('keeps the due time when the pause ends the moment it began', () => {
    assert.equal(resumeDueAt(OPENED + HOUR_MS, OPENED, OPENED), OPENED + HOUR_MS);
  });

  it('never moves the due time backwards when the clock reads earlier than the pause', () => {
    const dueAt = OPENED + 8 * HOUR_MS;
    assert.equal(resumeDueAt(dueAt, OPENED + 2 * HOUR_MS, OPENED + HOUR_MS), dueAt);
  });

  it('shifts a due time that had already passed when the pause began', () => {
    const dueAt = OPENED;
    assert.equal(resumeDueAt(dueAt, OPENED + HOUR_MS, OPENED + 2 * HOUR_MS), OPENED + HOUR_MS);
  });

  it('never moves the due time backwards, and later resumes never give earlier due times', () => {
    const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
    fc.assert(
      fc.property(time, time, time, fc.nat({ max: 365 * 24 * HOUR_MS }), (dueAt, pausedAt, now, later) => {
        const resumed = resumeDueAt(dueAt, pausedAt, now);
        assert.ok(resumed >= dueAt);
        assert.ok(resumeDueAt(dueAt, pausedAt, now + later) >= resumed);
      }),
    );
  });

  it('shifts by exactly the paused time when the clock moved forwards', () => {
    const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
    fc.assert(
      fc.property(time, time, fc.nat({ max: 365 * 24 * HOUR_MS }), (dueAt, pausedAt, paused) => {
        assert.equal(resumeDueAt(dueAt, pausedAt, pausedAt + paused), dueAt + paused);
      }),
    );
  });
});

describe('isOverdue', () => {
  const dueAt = OPENED + 4 * HOUR_MS;

  it('is false before the due time', () => {
    assert.equal(isOverdue(dueAt, null, dueAt - 1), false);
  });

  it('is false at the exact due time', () => {
    assert.equal(isOverdue(dueAt, null, dueAt), false);
  });

  it('is true after the due time', () => {
    assert.equal(isOverdue(dueAt, null, dueAt + 1), true);
  });

  it('is false with no due time', () => {
    assert.equal(isOverdue(null, null, dueAt + 100 * HOUR_MS), false);
  });

  it('is false while paused, even long past the due time', () => {
    assert.equal(isOverdue(dueAt, OPENED + HOUR_MS, dueAt + 100 * HOUR_MS), false);
  });

  it('is false while paused after the due time had passed', () => {
    assert.equal(isOverdue(dueAt, dueAt + HOUR_MS, dueAt + 2 * HOUR_MS), false);
  });

  it('counts the pause when the ticket resumes', () => {
    const pausedAt = OPENED + HOUR_MS;
    const now = pausedAt + 5 * HOUR_MS;
    const resumed = resumeDueAt(dueAt, pausedAt, now);
    assert.equal(isOverdue(resumed, null, now), false);
    assert.equal(isOverdue(resumed, null, resumed + 1), true);
  });
});
