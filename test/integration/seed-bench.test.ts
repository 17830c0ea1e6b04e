import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BenchReport, runBench } from '../../bench/run-bench.ts';
import { hasWrk } from '../../bench/wrk.ts';
import { seedDatabase } from '../../src/db/seed/seed-database.ts';
import { JOB_HANDLERS } from '../../src/jobs/registry.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { DIALECTS, whileSchemasStay } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`benchmark ceiling and harness [${dialect}]`, () => {
    let ctx: TestContext;
    let outDir: string;
    let url: string;
    let worker: Worker;
    before(async () => {
      ctx = await createTestContext(dialect);
      outDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
      await whileSchemasStay(dialect, () =>
        seedDatabase(ctx.database.url, {
          tickets: 200,
          users: 50,
          agents: 6,
          seed: 3,
          batch: 100,
          now: ctx.clock.now(),
        }),
      );
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
      // As in `tessera serve`: the worker writes the mail of the tickets the bench opens.
      worker = new Worker({ deps: ctx.deps, handlers: JOB_HANDLERS, recurring: [], pollMs: 50 });
      worker.start();
    });
    after(async () => {
      await worker.stop();
      await ctx.close();
      rmSync(outDir, { recursive: true, force: true });
    });

    it('answers the no-op POST with ok for an agent', async () => {
      const response = await ctx.api('POST', '/api/v1/ping', { note: 'hello' });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { ok: true });
    });

    it('refuses the no-op POST without a token', async () => {
      const response = await ctx.api('POST', '/api/v1/ping', {}, { token: null });
      assert.equal(response.status, 401);
    });

    it('validates the no-op POST body', async () => {
      const response = await ctx.api('POST', '/api/v1/ping', { unexpected: true });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
    });

    it('runs the harness end to end against a listening server and writes its JSON', async () => {
      const report: BenchReport = await runBench({
        url,
        token: ctx.adminToken,
        durationS: 1,
        warmupS: 0,
        writeConcurrency: [2],
        readConcurrency: 1,
        deepPages: 2,
        engine: 'node',
        pid: process.pid,
        only: ['queue-first-page', 'ticket-view', 'search-prefix', 'noop-post', 'create-rest'],
        words: { common: 'password', rare: 'mezzanine', prefix: 'cert' },
        size: 'test',
        outDir,
        log: () => {},
      });
      assert.deepEqual(
        report.results.map((r) => r.name),
        ['queue-first-page', 'ticket-view', 'search-prefix', 'noop-post', 'create-rest'],
      );
      for (const result of report.results) {
        assert.ok(result.requests > 0, result.name);
        assert.equal(result.failures, 0, `${result.name}: ${JSON.stringify(result.statuses)}`);
        assert.ok(result.latency.p50 <= result.latency.p95 && result.latency.p95 <= result.latency.p99);
        assert.ok(result.rssMaxMb !== null && result.rssMaxMb > 0);
      }
      const created = report.results.find((r) => r.name === 'create-rest');
      assert.ok(
        created?.backlog && created.backlog.drainS !== null,
        'the worker caught up with the new tickets',
      );
      assert.ok((created.backlog.endToEndThroughput ?? 0) > 0);
      assert.equal(report.dialect, dialect);
      const files = readdirSync(outDir);
      assert.deepEqual(files, [`${report.file?.split('/').pop()}`]);
      assert.match(files[0]!, new RegExp(`-${dialect}-test\\.json$`));
      const written = JSON.parse(readFileSync(join(outDir, files[0]!), 'utf8')) as BenchReport;
      assert.equal(written.results.length, 5);
      assert.ok(written.targets.length > 0);
    });

    it('drives single-request scenarios with wrk when it is installed', { skip: !hasWrk() }, async () => {
      const report = await runBench({
        url,
        token: ctx.adminToken,
        durationS: 1,
        warmupS: 0,
        writeConcurrency: [4],
        readConcurrency: 1,
        deepPages: 1,
        engine: 'wrk',
        pid: null,
        only: ['queue-first-page', 'noop-post', 'create-rest', 'create-osticket'],
        words: { common: 'password', rare: 'mezzanine', prefix: 'cert' },
        size: 'wrk',
        outDir,
        log: () => {},
      });
      const ran = report.results.map((r) => `${r.name}:${r.engine}`);
      assert.deepEqual(ran.slice(0, 3), ['queue-first-page:wrk', 'noop-post:wrk', 'create-rest:wrk']);
      for (const result of report.results) {
        assert.ok(result.requests > 0, result.name);
        assert.equal(result.failures, 0, `${result.name}: ${JSON.stringify(result.statuses)}`);
      }
      const created = await ctx.api('GET', '/api/v1/tickets?q=printer&sort=-created&limit=1');
      assert.match(created.body.items[0].subject, /^Bench \d+w\d+: printer offline/);
    });
  });
}
