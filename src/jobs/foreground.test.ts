import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FOREGROUND_SHARE, foregroundPauseMs } from './worker.ts';

describe('worker pauses for the foreground', () => {
  it('does not pause while the foreground is idle', () => {
    assert.equal(foregroundPauseMs(40, false), 0);
  });

  it('pauses so that its batches fill a quarter of a busy process', () => {
    const batchMs = 30;
    const pause = foregroundPauseMs(batchMs, true);
    assert.equal(batchMs / (batchMs + pause), FOREGROUND_SHARE);
  });

  it('never pauses longer than a second after one batch', () => {
    assert.equal(foregroundPauseMs(10_000, true), 1000);
  });
});
