import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  compare,
  formatRational,
  kronorToOre,
  kronorToOreHalfEven,
  mul,
  parseDecimal,
  rational,
  roundHalfEven,
  roundHalfEvenFraction,
  tryParseDecimal,
} from "./rational.ts";

describe("parseDecimal", () => {
  it.each([
    ["0", 0n, 1n],
    ["7", 7n, 1n],
    ["3250.00", 3250n, 1n],
    ["1.30", 13n, 10n],
    ["0.7815", 1563n, 2000n],
    ["-0.5", -1n, 2n],
    ["54000000.00", 54000000n, 1n],
    ["0.000000000000000000001", 1n, 10n ** 21n],
  ])("%s = %i/%i exactly", (text, n, d) => {
    expect(parseDecimal(text)).toEqual({ n, d });
  });

  it.each(["", "1.", ".5", "+1", "1e3", "1,5", " 1", "1 ", "0x10", "NaN", "1.2.3", "--1"])(
    "refuses %j",
    (text) => {
      expect(tryParseDecimal(text)).toBeUndefined();
      expect(() => parseDecimal(text)).toThrow(RangeError);
    },
  );

  it("is exact where binary floating point is not (0.1 + 0.2 = 0.3)", () => {
    expect(add(parseDecimal("0.1"), parseDecimal("0.2"))).toEqual(parseDecimal("0.3"));
  });
});

describe("kronorToOre", () => {
  it.each([
    ["54000000.00", 5_400_000_000n],
    ["2000", 200_000n],
    ["0.5", 50n],
    ["0.05", 5n],
    ["12.34", 1234n],
  ])("%s kr = %i öre", (text, ore) => {
    expect(kronorToOre(text)).toBe(ore);
  });

  it("refuses fractions of an öre instead of rounding them", () => {
    expect(() => kronorToOre("1.005")).toThrow(RangeError);
  });
});

describe("roundHalfEven", () => {
  // Exactly half an öre goes to the even neighbour, both ways; anything else to the nearest.
  it.each([
    [1n, 2n, 0n], // 0.5 → 0
    [3n, 2n, 2n], // 1.5 → 2
    [5n, 2n, 2n], // 2.5 → 2
    [7n, 2n, 4n], // 3.5 → 4
    [-1n, 2n, 0n], // −0.5 → 0
    [-3n, 2n, -2n], // −1.5 → −2
    [-5n, 2n, -2n], // −2.5 → −2
    [25_000_001n, 10_000_000n, 3n], // 2.5000001 → 3: only an exact half is a tie
    [24_999_999n, 10_000_000n, 2n], // 2.4999999 → 2
    [7n, 3n, 2n], // 2.333… → 2
    [8n, 3n, 3n], // 2.666… → 3
    [-7n, 3n, -2n],
    [10n, 5n, 2n], // whole numbers stay
    [5n, -2n, -2n], // sign on the denominator
  ])("%i/%i → %i", (n, d, expected) => {
    expect(roundHalfEvenFraction(n, d)).toBe(expected);
  });

  it("never moves a value by more than half, and a tie lands on an even number", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const r = roundHalfEven(rational(n, d));
          const distanceTimes2d = 2n * (n - r * d); // 2·d·(value − rounded)
          expect(distanceTimes2d <= d && distanceTimes2d >= -d).toBe(true);
          if (distanceTimes2d === d || distanceTimes2d === -d) expect(r % 2n).toBe(0n);
        },
      ),
    );
  });

  it("kronor to öre: 0.125 kr = 12.5 öre → 12, 0.375 kr = 37.5 öre → 38", () => {
    expect(kronorToOreHalfEven(parseDecimal("0.125"))).toBe(12n);
    expect(kronorToOreHalfEven(parseDecimal("0.375"))).toBe(38n);
  });
});

describe("formatRational", () => {
  it.each([
    ["1234.55", "1234.55"],
    ["1.30", "1.3"],
    ["-0.05", "-0.05"],
    ["100", "100"],
    ["0.0001", "0.0001"],
  ])("%s prints as %s", (text, printed) => {
    expect(formatRational(parseDecimal(text))).toBe(printed);
  });

  it("writes a value without a finite decimal expansion as a fraction, never rounded", () => {
    expect(formatRational(rational(1n, 3n))).toBe("1/3");
    expect(formatRational(rational(-10n, 12n))).toBe("-5/6");
  });

  it("round-trips every terminating decimal", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 8 }),
        (n, places) => {
          const value = rational(n, 10n ** BigInt(places));
          expect(compare(parseDecimal(formatRational(value)), value)).toBe(0);
        },
      ),
    );
  });
});

describe("rational arithmetic", () => {
  it("keeps values reduced so that equal values compare equal", () => {
    expect(mul(parseDecimal("0.5"), rational(4n))).toEqual(rational(2n));
    expect(rational(6n, -4n)).toEqual({ n: -3n, d: 2n });
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });
});
