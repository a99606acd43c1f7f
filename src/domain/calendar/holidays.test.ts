import { describe, expect, it } from "vitest";
import { swedishClosedHolidays } from "./holidays.ts";

describe("swedishClosedHolidays", () => {
  it("2026 is exactly the public holidays plus julafton, midsommarafton and nyårsafton", () => {
    expect(Object.fromEntries(swedishClosedHolidays(2026))).toEqual({
      "2026-01-01": "nyårsdagen",
      "2026-01-06": "trettondedag jul",
      "2026-04-03": "långfredagen",
      "2026-04-05": "påskdagen",
      "2026-04-06": "annandag påsk",
      "2026-05-01": "första maj",
      "2026-05-14": "Kristi himmelsfärdsdag",
      "2026-05-24": "pingstdagen",
      "2026-06-06": "nationaldagen",
      "2026-06-19": "midsommarafton",
      "2026-06-20": "midsommardagen",
      "2026-10-31": "alla helgons dag",
      "2026-12-24": "julafton",
      "2026-12-25": "juldagen",
      "2026-12-26": "annandag jul",
      "2026-12-31": "nyårsafton",
    });
  });

  it.each([
    ["2026-04-02", "skärtorsdagen"],
    ["2026-04-04", "påskafton"],
    ["2026-04-30", "valborgsmässoafton"],
    ["2026-01-05", "trettondagsafton"],
    ["2026-05-25", "annandag pingst (no longer a holiday since 2005)"],
    ["2026-03-22", "an ordinary Sunday"],
    ["2026-10-30", "allhelgonaafton"],
  ])("%s (%s) is not closed", (iso) => {
    expect(swedishClosedHolidays(2026).has(iso)).toBe(false);
  });

  it.each([
    [2024, "2024-06-21"],
    [2025, "2025-06-20"],
    [2027, "2027-06-25"],
    [2028, "2028-06-23"],
  ])("midsommarafton %i is %s", (year, iso) => {
    expect(swedishClosedHolidays(year).get(iso)).toBe("midsommarafton");
  });

  it.each([
    [2027, "2027-03-26", "långfredagen"],
    [2027, "2027-03-29", "annandag påsk"],
    [2027, "2027-05-06", "Kristi himmelsfärdsdag"],
    [2027, "2027-12-24", "julafton"],
    [2027, "2027-12-31", "nyårsafton"],
  ])("%i: %s is %s", (year, iso, name) => {
    expect(swedishClosedHolidays(year).get(iso)).toBe(name);
  });

  it("caches per year", () => {
    expect(swedishClosedHolidays(2026)).toBe(swedishClosedHolidays(2026));
  });
});
