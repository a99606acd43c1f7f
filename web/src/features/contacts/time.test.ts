import { describe, expect, it } from "vitest";
import { formatDay, formatShortDay, formatTime, stockholmDate, stockholmInstant } from "./time.ts";

describe("stockholmInstant", () => {
  it.each([
    ["winter time (UTC+1)", "2026-03-02", "14:30", "2026-03-02T13:30:00.000Z"],
    ["summer time (UTC+2)", "2026-07-01", "09:00", "2026-07-01T07:00:00.000Z"],
    ["the day summer time starts, after the change", "2026-03-29", "03:30", "2026-03-29T01:30:00.000Z"],
    ["the skipped hour lands an hour later", "2026-03-29", "02:30", "2026-03-29T01:30:00.000Z"],
    ["the day summer time ends, before the change", "2026-10-25", "01:30", "2026-10-24T23:30:00.000Z"],
    ["the day summer time ends, after the change", "2026-10-25", "03:00", "2026-10-25T02:00:00.000Z"],
    ["midnight", "2026-01-01", "00:00", "2025-12-31T23:00:00.000Z"],
  ])("%s", (_name, date, time, expected) => {
    expect(stockholmInstant(date, time)).toBe(expected);
  });

  it.each([
    ["", "10:00"],
    ["2026-03-02", ""],
    ["2026-3-2", "10:00"],
    ["2026-03-02", "10.00"],
  ])("is null for %j %j", (date, time) => {
    expect(stockholmInstant(date, time)).toBeNull();
  });

  it("round-trips with formatTime and stockholmDate", () => {
    const instant = stockholmInstant("2026-10-25", "16:45") ?? "";
    expect(formatTime(instant, "sv")).toBe("16:45");
    expect(stockholmDate(instant)).toBe("2026-10-25");
  });
});

describe("formatting", () => {
  it("shows Stockholm's clock whatever the language, 24-hour", () => {
    expect(formatTime("2026-03-02T16:00:00Z", "sv")).toBe("17:00");
    expect(formatTime("2026-03-02T16:00:00Z", "en")).toBe("17:00");
  });

  it("dates a late-evening UTC instant on the Stockholm date", () => {
    expect(stockholmDate("2026-03-02T23:30:00Z")).toBe("2026-03-03");
  });

  it("names the day without shifting it", () => {
    expect(formatDay("2026-03-03", "sv")).toBe("tisdag 3 mars");
    expect(formatDay("2026-03-03", "en")).toBe("Tuesday, March 3");
    expect(formatShortDay("2026-03-05", "sv")).toBe("5 mars");
  });
});
