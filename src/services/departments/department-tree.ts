/** The parent links of the department tree, as pure functions over id -> {name, parentId}. */
export type DepartmentTree = ReadonlyMap<number, { name: string; parentId: number | null }>;

/** "Support / Billing": the names from the root down to `id`; a broken cycle in stored data stops the walk. */
export function pathOf(tree: DepartmentTree, id: number): string {
  const names: string[] = [];
  const seen = new Set<number>();
  let current: number | null = id;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const node = tree.get(current);
    if (!node) break;
    names.unshift(node.name);
    current = node.parentId;
  }
  return names.join(' / ');
}

/** Whether giving `id` the parent `parentId` would make a department its own ancestor. */
export function wouldCreateCycle(tree: DepartmentTree, id: number, parentId: number): boolean {
  const seen = new Set<number>();
  let current: number | null = parentId;
  while (current !== null && !seen.has(current)) {
    if (current === id) return true;
    seen.add(current);
    current = tree.get(current)?.parentId ?? null;
  }
  return false;
}
