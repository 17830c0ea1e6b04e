import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { trackForegroundLoad } from './foreground-load.ts';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // The event loop is busy for `ms`.
  }
}

describe('foreground load', () => {
  it('is busy only with a recent request and a busy event loop', async () => {
    const app = Fastify();
    app.get('/', async () => ({ ok: true }));
    const isBusy = trackForegroundLoad(app);
    await app.ready();
    try {
      spin(60);
      assert.equal(isBusy(), false, 'a busy loop without requests is the worker itself');
      await app.inject({ method: 'GET', url: '/' });
      spin(60);
      assert.equal(isBusy(), true);
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(isBusy(), false, 'no request for a while');
      await app.inject({ method: 'GET', url: '/' });
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(isBusy(), false, 'a request now and then, the loop mostly idle');
    } finally {
      await app.close();
    }
  });
});
