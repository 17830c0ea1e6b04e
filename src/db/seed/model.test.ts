import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shouldRebuildIndexes } from './model.ts';

describe('shouldRebuildIndexes', () => {
  it('follows an explicit choice whatever the sizes', () => {
    assert.equal(shouldRebuildIndexes(true, 10, 1_000_000), true);
    assert.equal(shouldRebuildIndexes(false, 1_000_000, 0), false);
  });

  it('rebuilds on auto only for a load of at least 50,000 tickets and at least the existing ones', () => {
    assert.equal(shouldRebuildIndexes('auto', 49_999, 0), false);
    assert.equal(shouldRebuildIndexes('auto', 50_000, 0), true);
    assert.equal(shouldRebuildIndexes('auto', 100_000, 100_000), true);
    assert.equal(shouldRebuildIndexes('auto', 100_000, 100_001), false);
  });
});
