/**
 * A tiny seeded PRNG for the demo data. Determinism is the whole point: the
 * same seed must give byte-identical data on every machine and every run, so
 * tests, screenshots and bug reports can name "seed 1, member 2000000042" and
 * mean the same person. Never reach for Math.random() or Date.now() here.
 */

/** mulberry32: 32-bit state, fast, good enough for fake data (not for secrets). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a stream label into a 32-bit number. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; `weights[i]` belongs to `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A UUID with the version 4 / RFC 9562 variant bits set, so `z.uuid()` accepts it. */
  uuid(): string;
}

/**
 * One independent stream per label (members, products, history…): changing
 * how products are made then leaves every member exactly as it was.
 */
export function createRng(seed: number, label: string): Rng {
  const next = mulberry32(Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(label));
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  };
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let roll = next() * total;
    for (let i = 0; i < items.length; i += 1) {
      roll -= weights[i] ?? 0;
      if (roll < 0) return items[i] as T;
    }
    return pick(items);
  };
  const uuid = (): string => {
    let hex = '';
    for (let i = 0; i < 16; i += 1) {
      let byte = Math.floor(next() * 256);
      if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
      if (i === 8) byte = (byte & 0x3f) | 0x80; // variant 10xx
      hex += byte.toString(16).padStart(2, '0');
    }
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return { next, int, chance: (p) => next() < p, pick, weighted, uuid };
}
