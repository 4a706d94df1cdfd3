// SPDX-License-Identifier: AGPL-3.0-or-later

/** A small seeded PRNG (mulberry32): the same seed replays the same sizes, choices and delays. */
export interface SeededRandom {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** The seed from `ATTEST_SEED` when set (to replay a failure), else a fresh one. */
export function seedFromEnv(): number {
  const given = process.env.ATTEST_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new Error(`ATTEST_SEED must be an integer in [0, 2^32), not ${given}`);
    return n;
  }
  return Math.floor(Math.random() * 0x100000000);
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick: <T>(items: readonly T[]) => {
      if (items.length === 0) throw new Error('nothing to pick from');
      return items[int(0, items.length - 1)]!;
    },
  };
}
