import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WakeSignal } from './wake-signal.ts';

describe('WakeSignal', () => {
  it('ends a wait early when woken', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    const waiting = signal.wait(10_000);
    signal.wake();
    await waiting;
    assert.ok(Date.now() - started < 1_000);
  });

  it('keeps a wake-up that came while nobody waited for the next wait', async () => {
    const signal = new WakeSignal();
    signal.wake();
    const started = Date.now();
    await signal.wait(10_000);
    assert.ok(Date.now() - started < 1_000);
  });

  it('times out when nobody wakes it', async () => {
    const signal = new WakeSignal();
    // The wait's own timer does not hold the process open; this one does, for the test.
    const keepAlive = setTimeout(() => {}, 1_000);
    const started = Date.now();
    await signal.wait(20);
    clearTimeout(keepAlive);
    assert.ok(Date.now() - started >= 15);
  });
});
