#!/usr/bin/env node
// Writes web/src/api/schema.d.ts, the web app's types for the REST API, from the OpenAPI document of the
// app as built here (a throwaway SQLite database, nothing listening). Run: npm run generate:api
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime } from '../src/runtime.ts';

export const API_TYPES_PATH = resolve(import.meta.dirname, '../web/src/api/schema.d.ts');

const HEADER =
  '// Generated from the OpenAPI document by scripts/generate-api-types.ts (npm run generate:api).\n' +
  '// Do not edit: a test fails when this file differs from what the script writes.\n\n';

/** Builds the app in-process and returns the TypeScript declarations of its OpenAPI document. */
export async function renderApiTypes(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-openapi-'));
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PUBLIC_URL: 'http://localhost:8080',
      SECRET_KEY: 'openapi-generation-only-secret-key-0123456789',
      LOG_LEVEL: 'silent',
    });
    const runtime = await openRuntime({ config });
    try {
      const app = await buildApp({
        deps: runtime.deps,
        logger: false,
        bodyLimitBytes: config.bodyLimitBytes,
        publicUrl: config.publicUrl,
      });
      await app.ready();
      const document = app.swagger() as unknown as OpenAPI3;
      await app.close();
      const ast = await openapiTS(document, { alphabetize: true });
      return HEADER + astToString(ast);
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(API_TYPES_PATH, await renderApiTypes());
  console.log(`wrote ${API_TYPES_PATH}`);
}
