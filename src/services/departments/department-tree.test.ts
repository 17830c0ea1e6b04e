import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DepartmentTree, pathOf, wouldCreateCycle } from './department-tree.ts';

const tree: DepartmentTree = new Map([
  [1, { name: 'Support', parentId: null }],
  [2, { name: 'Billing', parentId: 1 }],
  [3, { name: 'Refunds', parentId: 2 }],
  [4, { name: 'Operations', parentId: null }],
]);

describe('department tree', () => {
  it('builds the path from the root down', () => {
    assert.equal(pathOf(tree, 3), 'Support / Billing / Refunds');
    assert.equal(pathOf(tree, 4), 'Operations');
  });

  it('stops at a cycle already in stored data', () => {
    const looped: DepartmentTree = new Map([
      [1, { name: 'A', parentId: 2 }],
      [2, { name: 'B', parentId: 1 }],
    ]);
    assert.equal(pathOf(looped, 1), 'B / A');
  });

  it('detects a department placed under itself', () => {
    assert.equal(wouldCreateCycle(tree, 2, 2), true);
  });

  it('detects a department placed under its own descendant', () => {
    assert.equal(wouldCreateCycle(tree, 1, 3), true);
  });

  it('allows a move to an unrelated branch', () => {
    assert.equal(wouldCreateCycle(tree, 2, 4), false);
    assert.equal(wouldCreateCycle(tree, 3, 1), false);
  });
});
