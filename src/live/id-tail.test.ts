import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdTail } from './id-tail.ts';

const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const options = { gapWaitMs: 1000, maxGaps: 5 };

describe('IdTail', () => {
  it('returns rows above the mark and moves the mark', () => {
    const tail = new IdTail(10, options);
    assert.deepEqual(tail.take(rows(11, 12), 0), rows(11, 12));
    assert.equal(tail.mark, 12);
    assert.deepEqual(tail.take(rows(12), 0), []);
  });

  it('delivers a skipped id that commits late, once', () => {
    const tail = new IdTail(10, options);
    tail.take(rows(11, 13), 0);
    assert.deepEqual(tail.pendingIds(0, 10), [12]);
    assert.deepEqual(tail.take(rows(12), 100), rows(12));
    assert.deepEqual(tail.pendingIds(100, 10), []);
    assert.deepEqual(tail.take(rows(12), 200), []);
  });

  it('stops watching a skipped id after the wait', () => {
    const tail = new IdTail(10, options);
    tail.take(rows(12), 0);
    assert.deepEqual(tail.pendingIds(999, 10), [11]);
    assert.deepEqual(tail.pendingIds(1000, 10), []);
    assert.deepEqual(tail.take(rows(11), 1001), []);
  });

  it('watches at most maxGaps ids', () => {
    const tail = new IdTail(0, options);
    tail.take(rows(100), 0);
    assert.deepEqual(tail.pendingIds(0, 10), [95, 96, 97, 98, 99]);
    tail.take(rows(102), 0);
    assert.deepEqual(tail.pendingIds(0, 10), [96, 97, 98, 99, 101]);
  });
});
