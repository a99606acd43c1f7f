/**
 * A small seeded pseudo-random generator for the demo data: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter), seeded through cyrb128. It uses only 32-bit integer operations (`Math.imul`, shifts, `>>> 0`),
 * and the helpers below only additions and multiplications on top, never `Math.log`, `Math.sin` or
 * `Math.random`, whose results the language leaves to the platform. So a seed gives the same demo data on
 * every machine and Node version.
 *
 * `fork(label)` gives an independent stream for a named part of the data, so adding a draw in one part
 * does not shift every number after it in the others.
 */

export interface Rng {
  /** A uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A uniform float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight; throws when no weight is positive. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A copy in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * Approximately normal: the Irwin–Hall sum of 12 uniforms, centred and scaled. Bounded to
   * mean ± 6 sd, which suits demo data better than the occasional absurd tail value.
   */
  normal(mean?: number, sd?: number): number;
  /** An independent generator for a named sub-stream; the same label always gives the same stream. */
  fork(label: string): Rng;
}

/** cyrb128: four 32-bit hashes of a string, used as the generator's initial state. */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A generator for `seed`; numbers and strings are both accepted ("2026" and 2026 give the same stream). */
export function createRng(seed: number | string): Rng {
  return fromKey(String(seed));
}

function fromKey(key: string): Rng {
  let [a, b, c, d] = hash128(key);
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 mixes its state in the first few rounds.
  for (let i = 0; i < 15; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;
  const rng: Rng = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): expected whole numbers with min ≤ max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    float(min, max) {
      return min + next() * (max - min);
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      const total = items.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      if (!(total > 0)) throw new RangeError("weighted pick needs at least one positive weight");
      let r = next() * total;
      for (const [item, w] of items) {
        if (w <= 0) continue;
        r -= w;
        if (r < 0) return item;
      }
      // Floating-point rounding can leave r at a hair above 0: the last positive item takes it.
      const last = [...items].reverse().find(([, w]) => w > 0);
      return (last as readonly [(typeof items)[number][0], number])[0];
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    normal(mean = 0, sd = 1) {
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += next();
      return mean + (sum - 6) * sd;
    },
    fork(label) {
      return fromKey(`${key}\u0000${label}`);
    },
  };
  return rng;
}
