import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import {
  formatStockholmTime,
  isValidHoursWindow,
  parseIsoDate,
  parseWallTime,
  stockholmDateOf,
  weekdayOf,
} from "./dates.ts";
import { swedishDayText, swedishMonthText } from "./swedish-names.ts";
import { date, instant } from "./test-fixtures.ts";

/** The last Sunday of March or October at 01:00 UTC (a DST change), give or take two hours. */
const dstEdge = fc
  .tuple(
    fc.integer({ min: 1980, max: 2100 }),
    fc.constantFrom(2, 9),
    fc.integer({ min: -7_200_000, max: 7_200_000 }),
  )
  .map(([year, month, offset]) => {
    const lastDay = new Date(Date.UTC(year, month + 1, 0));
    const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
    return Date.UTC(year, month, sunday, 1) + offset;
  });

describe("stockholmDateOf", () => {
  it.each([
    ["2026-03-28T22:59:59Z", "2026-03-28"], // 23:59:59 CET
    ["2026-03-28T23:00:00Z", "2026-03-29"], // 00:00 CET
    ["2026-03-29T21:59:59Z", "2026-03-29"], // 23:59:59 CEST, after spring forward
    ["2026-03-29T22:00:00Z", "2026-03-30"], // 00:00 CEST
    ["2026-06-30T22:00:00Z", "2026-07-01"],
    ["2026-10-25T22:59:59Z", "2026-10-25"], // 23:59:59 CET, after fall back
    ["2026-12-31T23:00:00Z", "2027-01-01"],
  ])("%s is on %s", (at, expected) => {
    expect(stockholmDateOf(instant(at)).toString()).toBe(expected);
  });

  // stockholmDateOf remembers dates per UTC hour; this checks that against the time-zone conversion for
  // instants anywhere from 1850 to 2200 (before 1900 Stockholm's offset was not whole hours: not
  // remembered), each asked twice around other instants and with neighbours in the same hour, so a
  // remembered date must be right for every instant of its hour, on DST days too.
  it("equals the time-zone conversion for any instant", () => {
    const direct = (ms: number) =>
      Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO("Europe/Stockholm")
        .toPlainDate()
        .toString();
    const ask = (ms: number) => stockholmDateOf(Temporal.Instant.fromEpochMilliseconds(ms)).toString();
    const anyInstant = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(fc.array(fc.oneof(anyInstant, dstEdge), { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) {
          expect(ask(ms)).toBe(direct(ms));
          expect(ask(ms - (ms % 3_600_000))).toBe(direct(ms - (ms % 3_600_000)));
          expect(ask(ms - (ms % 3_600_000) + 3_599_999)).toBe(direct(ms - (ms % 3_600_000) + 3_599_999));
        }
        for (const ms of instants) expect(ask(ms)).toBe(direct(ms));
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe("formatStockholmTime", () => {
  it.each([
    ["2026-03-29T00:59:59Z", "01:59"], // seconds truncated, never rounded up
    ["2026-03-29T01:00:00Z", "03:00"], // the first instant of CEST
    ["2026-10-25T00:30:00Z", "02:30"], // 02:30 CEST
    ["2026-10-25T01:30:00Z", "02:30"], // 02:30 CET, the repeated hour
    ["2026-06-15T06:15:00Z", "08:15"],
    ["2026-01-15T07:15:00Z", "08:15"],
  ])("%s is %s", (at, expected) => {
    expect(formatStockholmTime(instant(at))).toBe(expected);
  });

  it("equals the time-zone conversion for any instant (offsets remembered per UTC hour)", () => {
    const direct = (ms: number) =>
      Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO("Europe/Stockholm")
        .toPlainTime()
        .toString({ smallestUnit: "minute" });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2200, 0, 1) }), dstEdge), {
          maxLength: 20,
        }),
        (instants) => {
          for (const ms of instants) {
            const hourStart = ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000);
            for (const at of [ms, hourStart, hourStart + 3_599_999]) {
              expect(formatStockholmTime(Temporal.Instant.fromEpochMilliseconds(at))).toBe(direct(at));
            }
          }
        },
      ),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe("weekdayOf", () => {
  it.each([
    ["2026-03-23", "mon"],
    ["2026-03-24", "tue"],
    ["2026-03-25", "wed"],
    ["2026-03-26", "thu"],
    ["2026-03-27", "fri"],
    ["2026-03-28", "sat"],
    ["2026-03-29", "sun"],
    ["2027-01-01", "fri"],
  ])("%s is %s", (iso, expected) => {
    expect(weekdayOf(date(iso))).toBe(expected);
  });
});

describe("parseIsoDate", () => {
  it.each(["2026-03-29", "2028-02-29"])("accepts %s", (iso) => {
    expect(parseIsoDate(iso).toString()).toBe(iso);
  });

  it.each(["2026-02-30", "2027-02-29", "2026-03-29T10:00", "20260329", "2026-3-29", ""])(
    "rejects %j",
    (s) => {
      expect(() => parseIsoDate(s)).toThrow(AppError);
    },
  );
});

describe("parseWallTime and isValidHoursWindow", () => {
  it.each([
    ["00:00", 0],
    ["08:15", 495],
    ["23:59", 1439],
    ["24:00", 1440],
    ["24:01", null],
    ["25:00", null],
    ["08:60", null],
    ["8:00", null],
    ["08:00:00", null],
  ])("%s → %s", (s, expected) => {
    expect(parseWallTime(s)).toBe(expected);
  });

  it.each([
    [["08:00", "12:00"], true],
    [["22:00", "24:00"], true],
    [["12:00", "12:00"], false],
    [["13:00", "12:00"], false],
    [["24:00", "24:00"], false],
    [["8:00", "12:00"], false],
  ] as const)("%j valid: %s", (window, expected) => {
    expect(isValidHoursWindow(window)).toBe(expected);
  });
});

describe("Swedish day and month texts", () => {
  it.each([
    ["2026-03-30", "måndag 30 mars"],
    ["2026-12-27", "söndag 27 december"],
    ["2027-01-01", "fredag 1 januari"],
  ])("%s is %s", (iso, text) => {
    expect(swedishDayText(date(iso))).toBe(text);
  });
  it.each([
    ["2026-03", "mars 2026"],
    ["2025-12", "december 2025"],
    ["2026-13", "2026-13"],
  ])("%s is %s", (month, text) => {
    expect(swedishMonthText(month)).toBe(text);
  });
});
