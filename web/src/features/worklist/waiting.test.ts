import { describe, expect, it } from "vitest";
import { weekdayName } from "./waiting.ts";

describe("weekdayName", () => {
  it.each([
    ["2026-04-13", "sv", "måndag"],
    ["2026-04-07", "sv", "tisdag"],
    ["2026-04-13", "en", "Monday"],
    ["2026-06-22", "sv", "måndag"],
  ])("%s in %s is %s", (date, language, expected) => {
    expect(weekdayName(date, language)).toBe(expected);
  });
});
