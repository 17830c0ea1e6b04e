#!/usr/bin/env node
// Builds the web app (web/ -> web/dist) with Vite, then writes precompressed copies. The new build is made
// in a scratch folder and moved into place, under a lock, so concurrent builds (tests run in parallel) and
// a server reading web/dist never see half a build. Run: npm run build:web
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { compressDirectory } from './compress-web.mjs';

const ROOT = resolve(import.meta.dirname, '..');
export const WEB_DIR = join(ROOT, 'web');
export const DIST_DIR = join(WEB_DIR, 'dist');
const WORK_DIR = join(WEB_DIR, '.build');
const LOCK_DIR = join(WORK_DIR, 'lock');
const STAMP = '.build-stamp';
const LOCK_WAIT_MS = 180_000;

/** What the build reads: a change to any of these makes web/dist stale. */
const INPUTS = ['src', 'public', 'index.html', 'agent/index.html', 'vite.config.ts'].map((path) =>
  join(WEB_DIR, path),
);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Whether web/dist holds a finished build newer than every input (and the installed packages). */
export function isWebBuildFresh() {
  const stamp = join(DIST_DIR, STAMP);
  if (!existsSync(stamp)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  const lockfile = join(ROOT, 'package-lock.json');
  return Math.max(...INPUTS.map(newestMtime), newestMtime(lockfile)) <= builtAt;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function withLock(work) {
  mkdirSync(WORK_DIR, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(readFileSafe(join(LOCK_DIR, 'pid')));
      // A lock left by a build that died is taken over; a fresh one may not have its pid written yet.
      if (holder > 0 && !isAlive(holder)) rmSync(LOCK_DIR, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another web build (pid ${holder}) holds ${LOCK_DIR}`);
      else await new Promise((done) => setTimeout(done, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function readFileSafe(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Builds web/dist; with `onlyIfStale`, does nothing when the build is fresh (checked again under the lock). */
export async function buildWeb({ onlyIfStale = false, quiet = false } = {}) {
  if (onlyIfStale && isWebBuildFresh()) return false;
  return withLock(async () => {
    if (onlyIfStale && isWebBuildFresh()) return false;
    const started = Date.now();
    const { build } = await import('vite');
    const scratch = join(WORK_DIR, `dist-${process.pid}`);
    rmSync(scratch, { recursive: true, force: true });
    await build({
      configFile: join(WEB_DIR, 'vite.config.ts'),
      logLevel: quiet ? 'warn' : 'info',
      build: { outDir: scratch, emptyOutDir: true },
    });
    compressDirectory(scratch);
    writeFileSync(join(scratch, STAMP), new Date().toISOString());
    const old = join(WORK_DIR, `old-${process.pid}`);
    if (existsSync(DIST_DIR)) renameSync(DIST_DIR, old);
    renameSync(scratch, DIST_DIR);
    rmSync(old, { recursive: true, force: true });
    if (!quiet) console.log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildWeb();
}
