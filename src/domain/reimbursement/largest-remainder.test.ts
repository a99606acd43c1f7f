import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SplitItem, splitAnnualIntoMonths, splitByLargestRemainder } from "./largest-remainder.ts";
import { rational } from "./rational.ts";

const sharesOf = (
  total: bigint,
  weights: [string, bigint][],
  tieBreak: "earlierFirst" | "largerWeightThenSmallerKey",
) =>
  Object.fromEntries(
    splitByLargestRemainder(
      total,
      weights.map(([key, weight]) => ({ key, weight })),
      tieBreak,
    ).shares.map((s) => [s.key, s.share]),
  );

describe("splitAnnualIntoMonths", () => {
  it.each([
    // 100 öre / 12 = 8 r 4: January–April get the four leftover öre (ties go to the earlier month).
    [100n, [9n, 9n, 9n, 9n, 8n, 8n, 8n, 8n, 8n, 8n, 8n, 8n]],
    // 13 öre / 12 = 1 r 1: only January gets the extra öre.
    [13n, [2n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n]],
    // 11 öre: floor 0 each, the 11 öre go to January–November.
    [11n, [1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n]],
    [1_200n, Array<bigint>(12).fill(100n)],
    // 10 MSEK = 1 000 000 000 öre / 12 = 83 333 333 r 4.
    [1_000_000_000n, [...Array<bigint>(4).fill(83_333_334n), ...Array<bigint>(8).fill(83_333_333n)]],
    [0n, Array<bigint>(12).fill(0n)],
  ])("%i öre a year", (annual, months) => {
    expect(splitAnnualIntoMonths(annual)).toEqual(months);
  });

  it("adds up to the annual amount and no month differs from another by more than one öre", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (annual) => {
        const months = splitAnnualIntoMonths(annual);
        expect(months.reduce((a, b) => a + b, 0n)).toBe(annual);
        // The larger months come first, and the largest and smallest differ by at most one öre.
        expect([...months].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(months);
        expect((months[0] as bigint) - (months[11] as bigint) <= 1n).toBe(true);
      }),
    );
  });
});

describe("splitByLargestRemainder", () => {
  it("hands the leftover to the largest remainders (10 öre by 1:2:2 → 2, 4, 4)", () => {
    // Exact shares 2, 4, 4: nothing left over.
    expect(
      sharesOf(
        10n,
        [
          ["a", 1n],
          ["b", 2n],
          ["c", 2n],
        ],
        "largerWeightThenSmallerKey",
      ),
    ).toEqual({
      a: 2n,
      b: 4n,
      c: 4n,
    });
    // 11 öre by 1:2:2: exact 2.2, 4.4, 4.4 → floors 2, 4, 4, one öre left; remainders .2, .4, .4 → tie b/c,
    // equal keys → smaller key "b".
    expect(
      sharesOf(
        11n,
        [
          ["a", 1n],
          ["b", 2n],
          ["c", 2n],
        ],
        "largerWeightThenSmallerKey",
      ),
    ).toEqual({
      a: 2n,
      b: 5n,
      c: 4n,
    });
    // 7 öre by 1:1:1:1:3 (W=7): exact 1,1,1,1,3.
    expect(
      sharesOf(
        7n,
        [
          ["a", 1n],
          ["b", 1n],
          ["c", 1n],
          ["d", 1n],
          ["e", 3n],
        ],
        "earlierFirst",
      ),
    ).toEqual({
      a: 1n,
      b: 1n,
      c: 1n,
      d: 1n,
      e: 3n,
    });
  });

  it("units: equal remainders go to the larger key first", () => {
    // 2 öre by keys 1 and 3 (W=4): exact 0.5 and 1.5 → floors 0 and 1, remainders equal (2/4 each);
    // the larger key (3) gets the öre: 0 and 2.
    expect(
      sharesOf(
        2n,
        [
          ["SE-A", 1n],
          ["SE-B", 3n],
        ],
        "largerWeightThenSmallerKey",
      ),
    ).toEqual({
      "SE-A": 0n,
      "SE-B": 2n,
    });
    // Same with the order of the input reversed.
    expect(
      sharesOf(
        2n,
        [
          ["SE-B", 3n],
          ["SE-A", 1n],
        ],
        "largerWeightThenSmallerKey",
      ),
    ).toEqual({
      "SE-A": 0n,
      "SE-B": 2n,
    });
  });

  it("units: equal remainders and equal keys go to the smaller HSA-id", () => {
    // 1 öre by 1:1:1: exact 1/3 each; the smallest HSA-id gets it, whatever the input order.
    expect(
      sharesOf(
        1n,
        [
          ["SE3", 1n],
          ["SE1", 1n],
          ["SE2", 1n],
        ],
        "largerWeightThenSmallerKey",
      ),
    ).toEqual({
      SE1: 1n,
      SE2: 0n,
      SE3: 0n,
    });
    // 2 öre by 1:1:1 → SE1 and SE2.
    expect(
      sharesOf(
        2n,
        [
          ["SE2", 1n],
          ["SE3", 1n],
          ["SE1", 1n],
        ],
        "largerWeightThenSmallerKey",
      ),
    ).toEqual({
      SE1: 1n,
      SE2: 1n,
      SE3: 0n,
    });
  });

  it("earlierFirst: equal remainders go to the item listed first", () => {
    expect(
      sharesOf(
        1n,
        [
          ["mar", 1n],
          ["jan", 1n],
          ["feb", 1n],
        ],
        "earlierFirst",
      ),
    ).toEqual({
      mar: 1n,
      jan: 0n,
      feb: 0n,
    });
  });

  it("leaves everything unallocated when every weight is 0", () => {
    const result = splitByLargestRemainder(
      500n,
      [
        { key: "a", weight: 0n },
        { key: "b", weight: rational(0n) },
      ],
      "largerWeightThenSmallerKey",
    );
    expect(result.unallocated).toBe(500n);
    expect(result.shares.map((s) => s.share)).toEqual([0n, 0n]);
    expect(splitByLargestRemainder(500n, [], "earlierFirst").unallocated).toBe(500n);
  });

  it("takes exact rational weights (12.5 and 7.5 points → 5:3)", () => {
    // 8 öre by 12.5 : 7.5 = 5 : 3 → 5 and 3.
    const result = splitByLargestRemainder(
      8n,
      [
        { key: "a", weight: rational(25n, 2n) },
        { key: "b", weight: rational(15n, 2n) },
      ],
      "largerWeightThenSmallerKey",
    );
    expect(result.shares).toEqual([
      { key: "a", share: 5n },
      { key: "b", share: 3n },
    ]);
  });

  it("refuses negative totals, negative weights and duplicate keys", () => {
    expect(() => splitByLargestRemainder(-1n, [{ key: "a", weight: 1n }], "earlierFirst")).toThrow(
      RangeError,
    );
    expect(() => splitByLargestRemainder(1n, [{ key: "a", weight: -1n }], "earlierFirst")).toThrow(
      RangeError,
    );
    expect(() =>
      splitByLargestRemainder(
        1n,
        [
          { key: "a", weight: 1n },
          { key: "a", weight: 2n },
        ],
        "earlierFirst",
      ),
    ).toThrow(RangeError);
  });

  const itemsArb = fc.uniqueArray(
    fc.record({
      key: fc.stringMatching(/^SE[0-9]{3}$/),
      weight: fc.oneof(
        fc.constant(0n),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc
          .tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 1000n }))
          .map(([n, d]) => rational(n, d)),
      ),
    }),
    { selector: (item) => item.key, maxLength: 40 },
  );

  it("shares always add up exactly, each within one öre of its exact share, zero weights get nothing", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), itemsArb, (total, items: SplitItem[]) => {
        const result = splitByLargestRemainder(total, items, "largerWeightThenSmallerKey");
        const sum = result.shares.reduce((a, s) => a + s.share, 0n);
        expect(sum + result.unallocated).toBe(total);
        const asFraction = items.map((i) => (typeof i.weight === "bigint" ? rational(i.weight) : i.weight));
        const allZero = asFraction.every((w) => w.n === 0n);
        expect(result.unallocated).toBe(allZero ? total : 0n);
        if (allZero) return;
        // Exact share of item i = total·w_i/W; with W = Σ n_j/d_j over a common denominator L.
        const L = asFraction.reduce((l, w) => (l * w.d) / gcdOf(l, w.d), 1n);
        const ints = asFraction.map((w) => w.n * (L / w.d));
        const W = ints.reduce((a, b) => a + b, 0n);
        result.shares.forEach((s, i) => {
          const exactTimesW = total * (ints[i] as bigint);
          const floor = exactTimesW / W;
          expect(s.share === floor || s.share === floor + 1n).toBe(true);
          if (ints[i] === 0n) expect(s.share).toBe(0n);
        });
      }),
    );
  });

  it("does not depend on the order of the items", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 10n }), itemsArb, fc.integer(), (total, items, seed) => {
        const shuffled = [...items].sort(
          (a, b) => hash(a.key, seed) - hash(b.key, seed) || (a.key < b.key ? -1 : 1),
        );
        const byKey = (list: SplitItem[]) =>
          Object.fromEntries(
            splitByLargestRemainder(total, list, "largerWeightThenSmallerKey").shares.map((s) => [
              s.key,
              s.share,
            ]),
          );
        expect(byKey(shuffled)).toEqual(byKey(items));
      }),
    );
  });
});

function gcdOf(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcdOf(b, a % b);
}

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}
