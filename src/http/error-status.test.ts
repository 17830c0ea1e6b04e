import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../domain/errors.ts';
import { ERROR_STATUS } from './error-status.ts';

describe('error codes', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map(
    [...doc.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );

  it('maps every code to a status', () => {
    for (const code of ERROR_CODES) assert.ok(ERROR_STATUS[code] >= 400, `${code} has no status`);
  });

  it('documents every code with the status it is served with', () => {
    for (const code of ERROR_CODES)
      assert.equal(documented.get(code), ERROR_STATUS[code], `docs/errors.md: ${code}`);
  });

  it('documents no code that does not exist', () => {
    for (const code of documented.keys()) assert.ok((ERROR_CODES as readonly string[]).includes(code), code);
  });
});
