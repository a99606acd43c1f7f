import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { parseIsoInstantToEpochMs } from "./iso-instant.ts";

// The hand parser must give exactly what Temporal gives, for every string of the contact file's shape.
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Strings of the shape, with values that are mostly valid and sometimes out of range (month 13, 31 Feb). */
const shaped = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1960, max: 2040 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 61 })),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
    offset: fc.oneof(
      fc.constant("Z"),
      fc
        .record({
          sign: fc.constantFrom("+", "-"),
          h: fc.integer({ min: 0, max: 25 }),
          m: fc.integer({ min: 0, max: 60 }),
        })
        .map(({ sign, h, m }) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, offset }) => {
    let time = `${pad(hour, 2)}:${pad(minute, 2)}`;
    if (second !== null) time += `:${pad(second, 2)}${fraction !== null ? `.${fraction}` : ""}`;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${offset}`;
  });

const temporal = (s: string): number | null => {
  try {
    return Temporal.Instant.from(s).epochMilliseconds;
  } catch {
    return null;
  }
};

describe("parseIsoInstantToEpochMs", () => {
  it("equals Temporal.Instant.from for strings of the file's shape, valid or not", () => {
    fc.assert(
      fc.property(shaped, (s) => {
        const ours = parseIsoInstantToEpochMs(s);
        const expected = temporal(s);
        if (expected === null) expect(ours).toEqual({ ok: false, reason: "value" });
        else expect(ours).toEqual({ ok: true, epochMs: expected });
      }),
      { numRuns: 20_000 },
    );
  });

  it("equals Temporal for any instant written in any whole-minute offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (ms, offset) => {
          const text = Temporal.Instant.fromEpochMilliseconds(ms).toString({
            timeZone: `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`,
          });
          expect(parseIsoInstantToEpochMs(text)).toEqual({ ok: true, epochMs: ms });
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ["2026-03-29T01:59:59+01:00", Date.UTC(2026, 2, 29, 0, 59, 59)],
    ["2026-03-29T03:00:00+02:00", Date.UTC(2026, 2, 29, 1, 0, 0)],
    ["2026-10-25T02:30:00+02:00", Date.UTC(2026, 9, 25, 0, 30, 0)],
    ["2026-10-25T02:30:00+01:00", Date.UTC(2026, 9, 25, 1, 30, 0)],
    ["2024-02-29T12:00Z", Date.UTC(2024, 1, 29, 12)],
    ["2026-12-31T23:59:60Z", Date.UTC(2026, 11, 31, 23, 59, 59)],
    ["1969-12-31T23:59:59.9999Z", -1],
    ["2026-03-02T08:00:41.123456789+01:00", Date.UTC(2026, 2, 2, 7, 0, 41, 123)],
  ])("%s is %i", (s, ms) => {
    expect(parseIsoInstantToEpochMs(s)).toEqual({ ok: true, epochMs: ms });
    expect(temporal(s)).toBe(ms);
  });

  it.each([
    "2026-03-02 08:00:00Z",
    "2026-03-02T08:00:00",
    "2026-03-02T08:00:00+0100",
    "2026-03-02T08:00:00+01",
    "2026-03-02T08Z",
    "2026-3-02T08:00Z",
    "2026-03-02T08:00:00.Z",
    "2026-03-02T08:00:00.1234567890Z",
    "2026-03-02T08:00:00Z[Europe/Stockholm]",
    "2026-03-02T08:00:00z",
    "+002026-03-02T08:00Z",
    "20260302T080000Z",
    "2026-03-02T08:00:00Zx",
    "",
  ])("%j is not of the shape", (s) => {
    expect(parseIsoInstantToEpochMs(s)).toEqual({ ok: false, reason: "shape" });
  });

  it.each([
    "2026-02-29T10:00Z",
    "2026-13-01T10:00Z",
    "2026-04-31T10:00Z",
    "2026-03-02T24:00Z",
    "2026-03-02T10:60Z",
    "2026-03-02T10:00+24:00",
  ])("%s names no instant, as Temporal says", (s) => {
    expect(parseIsoInstantToEpochMs(s)).toEqual({ ok: false, reason: "value" });
    expect(temporal(s)).toBeNull();
  });
});
