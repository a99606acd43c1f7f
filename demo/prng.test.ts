import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, hash128 } from "./prng.ts";

describe("createRng", () => {
  it("gives the pinned sequence for seed 2026 (the same on every platform)", () => {
    const rng = createRng(2026);
    expect(Array.from({ length: 5 }, () => rng.next())).toEqual([
      0.5526392729952931, 0.6588170360773802, 0.674172151600942, 0.6630584651138633, 0.2630383465439081,
    ]);
    const fork = createRng(2026).fork("a");
    expect([fork.int(0, 1e6), fork.int(0, 1e6)]).toEqual([815113, 550]);
    expect(hash128("vardnav")).toEqual([1130959656, 967120559, 1656613421, 2362346437]);
  });

  it("treats a number seed and its text alike, and different seeds differently", () => {
    expect(createRng(7).next()).toBe(createRng("7").next());
    expect(createRng(7).next()).not.toBe(createRng(8).next());
  });

  it("gives a fork the same stream whatever the parent drew before", () => {
    const a = createRng(1);
    const b = createRng(1);
    b.next();
    b.int(1, 6);
    expect(a.fork("x").next()).toBe(b.fork("x").next());
    expect(a.fork("x").next()).not.toBe(a.fork("y").next());
  });

  it("keeps next() in [0, 1) and int() inside its bounds", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const rng = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = rng.int(min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
        }
      }),
    );
  });

  it("reaches both ends of an int range, roughly uniformly", () => {
    const rng = createRng("uniform");
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) {
      const n = rng.int(0, 5);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(9_000);
  });

  it("rejects an empty or reversed range and an empty pick", () => {
    const rng = createRng(1);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted([["a", 0]])).toThrow(RangeError);
  });

  it("never picks an item of weight 0 and follows the weights", () => {
    const rng = createRng("weights");
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) {
      counts[
        rng.weighted([
          ["a", 1],
          ["b", 0],
          ["c", 3],
        ] as const)
      ] += 1;
    }
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.7);
    expect(counts.c / counts.a).toBeLessThan(3.3);
  });

  it("shuffles into a permutation and leaves the input alone", () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = createRng(3).shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it("draws normal values with about the asked mean and sd, within 6 sd", () => {
    const rng = createRng("normal");
    const xs = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    for (const x of xs) expect(Math.abs(x - 10)).toBeLessThanOrEqual(12);
  });
});
