/**
 * Deterministic randomness for the data generator. Every ticket draws from its own stream, derived from
 * the run's seed and the ticket's index, so the data does not depend on the batch size or on how the work
 * is split, and any ticket can be regenerated alone.
 */

/** Mixes two 32-bit integers into a well-spread 32-bit seed (murmur3's finalizer over a combined key). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b, 0xc2b2ae35)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small, fast generator (mulberry32): good enough for test data, and reseedable without allocation. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Restarts the stream from a new seed. */
  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/**
 * Draws indexes 0..n-1 with fixed weights by binary search over the cumulative weights: a few comparisons
 * per draw, which matters at tens of millions of draws.
 */
export class WeightedSampler {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, i) => {
      total += weight;
      this.cumulative[i] = total;
    });
    for (let i = 0; i < weights.length; i += 1) this.cumulative[i] = (this.cumulative[i] as number) / total;
  }

  /** A Zipf-like sampler: rank k (from 0) has weight 1 / (k + 1)^exponent. */
  static zipf(n: number, exponent: number): WeightedSampler {
    return new WeightedSampler(Array.from({ length: n }, (_, k) => 1 / (k + 1) ** exponent));
  }

  get size(): number {
    return this.cumulative.length;
  }

  /** The probability of index i. */
  probability(i: number): number {
    return (this.cumulative[i] as number) - (i > 0 ? (this.cumulative[i - 1] as number) : 0);
  }

  /** One index drawn with the sampler's weights. */
  sample(random: Random): number {
    const u = random.next();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] as number) <= u) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
