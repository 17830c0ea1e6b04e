import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * The console must start fast on an ordinary connection: the JavaScript it loads before first paint
 * (its entry chunk and every chunk that chunk imports statically) stays under 300 KiB compressed. The
 * portal and the console are separate bundles: neither loads the other's code, even lazily.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'web', 'dist');
const BUDGET_BYTES = 300 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function closure(manifest: Manifest, entry: string, withDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    assert.ok(chunk, `manifest has no chunk ${key}`);
    for (const next of chunk.imports ?? []) visit(next);
    if (withDynamic) for (const next of chunk.dynamicImports ?? []) visit(next);
  };
  visit(entry);
  return seen;
}

function compressedSize(path: string, encoding: 'br' | 'gz'): number {
  const precompressed = `${path}.${encoding}`;
  if (existsSync(precompressed)) return statSync(precompressed).size;
  const content = readFileSync(path);
  return (encoding === 'br' ? brotliCompressSync(content) : gzipSync(content, { level: 9 })).length;
}

describe('web app bundles', () => {
  let manifest: Manifest;

  before(() => {
    const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `building the web app failed:\n${build.stdout}\n${build.stderr}`);
    manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  });

  it('loads the console with under 300 KiB of compressed JavaScript', () => {
    const files = [...closure(manifest, 'agent/index.html', false)]
      .map((key) => (manifest[key] as ManifestChunk).file)
      .filter((file) => file.endsWith('.js'));
    const brotli = files.reduce((sum, file) => sum + compressedSize(join(DIST, file), 'br'), 0);
    const gzip = files.reduce((sum, file) => sum + compressedSize(join(DIST, file), 'gz'), 0);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    assert.ok(
      gzip < BUDGET_BYTES,
      `console entry is ${kib(gzip)} gzip (${kib(brotli)} brotli): ${files.join(', ')}`,
    );
    assert.ok(brotli < BUDGET_BYTES, `console entry is ${kib(brotli)} brotli`);
  });

  it('keeps the console out of the portal bundle', () => {
    for (const key of closure(manifest, 'index.html', true)) {
      assert.notEqual(key, 'agent/index.html', 'the portal reaches the console entry');
      assert.ok(!manifest[key]?.src?.startsWith('src/agent/'), `the portal reaches ${key}`);
    }
  });

  it('keeps the portal out of the console bundle', () => {
    for (const key of closure(manifest, 'agent/index.html', true)) {
      assert.notEqual(key, 'index.html', 'the console reaches the portal entry');
      assert.ok(!manifest[key]?.src?.startsWith('src/portal/'), `the console reaches ${key}`);
    }
  });

  it('writes brotli and gzip copies of every script', () => {
    for (const chunk of Object.values(manifest)) {
      if (!chunk.file.endsWith('.js') || statSync(join(DIST, chunk.file)).size < 1024) continue;
      assert.ok(existsSync(join(DIST, `${chunk.file}.br`)), `${chunk.file}.br`);
      assert.ok(existsSync(join(DIST, `${chunk.file}.gz`)), `${chunk.file}.gz`);
    }
  });
});
