import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { API_TYPES_PATH, renderApiTypes } from '../../scripts/generate-api-types.ts';

it('keeps the web app API types in step with the OpenAPI document', async () => {
  const committed = readFileSync(API_TYPES_PATH, 'utf8');
  const current = await renderApiTypes();
  assert.ok(
    committed === current,
    'web/src/api/schema.d.ts is stale: the API changed. Run `npm run generate:api` and commit the file.',
  );
});
