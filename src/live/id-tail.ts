/**
 * Follows a table by id. On PostgreSQL ids are handed out when a row is inserted but become visible when
 * its transaction commits, so a row can appear after a higher id was already read: each skipped id is
 * watched for a while (a rolled-back insert leaves a hole that never fills, so not for ever).
 */
export class IdTail {
  private readonly pending = new Map<number, number>();

  constructor(
    private highWater: number,
    private readonly options: { gapWaitMs: number; maxGaps: number },
  ) {}

  /** The highest id read so far. */
  get mark(): number {
    return this.highWater;
  }

  /** Skipped ids still worth asking for at `now`, oldest first (at most `limit`). */
  pendingIds(now: number, limit: number): number[] {
    const ids: number[] = [];
    for (const [id, giveUpAt] of this.pending) {
      if (giveUpAt <= now) this.pending.delete(id);
      else if (ids.length < limit) ids.push(id);
    }
    return ids;
  }

  /**
   * Takes rows read after the mark (in id order) and rows read by pending id, and returns those not seen
   * before; ids skipped over become pending.
   */
  take<T extends { id: number }>(rows: readonly T[], now: number): T[] {
    const fresh: T[] = [];
    for (const row of rows) {
      if (row.id > this.highWater) {
        // A hole wider than maxGaps (a sequence jump after a crash) is not worth watching id by id.
        const from = Math.max(this.highWater + 1, row.id - this.options.maxGaps);
        for (let id = from; id < row.id; id += 1) this.watch(id, now);
        this.highWater = row.id;
        fresh.push(row);
      } else if (this.pending.delete(row.id)) {
        fresh.push(row);
      }
    }
    return fresh;
  }

  private watch(id: number, now: number): void {
    if (this.pending.size >= this.options.maxGaps) {
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.pending.delete(oldest.value);
    }
    this.pending.set(id, now + this.options.gapWaitMs);
  }
}
