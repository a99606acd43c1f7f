import Holidays from "date-holidays";
import { Temporal } from "temporal-polyfill";

// date-holidays ships its rules as data, so building the instance is pure computation (no I/O).
const swedishRules = new Holidays("SE", { languages: ["sv"] });
const byYear = new Map<number, ReadonlyMap<string, string>>();

/**
 * The dates the holiday calendar closes in `year`: every Swedish public holiday (date-holidays "SE",
 * type "public": nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, första maj,
 * Kristi himmelsfärdsdag, pingstdagen, nationaldagen, midsommardagen, alla helgons dag, juldagen,
 * annandag jul) plus julafton, midsommarafton and nyårsafton, which are not public holidays in law
 * (date-holidays types them "bank") but on which units are closed (DESIGN.md, capability 1).
 * Keys are ISO dates, values the Swedish names.
 *
 * Ordinary Sundays are deliberately not in the set. The law (lagen om allmänna helgdagar) counts every
 * Sunday as an allmän helgdag, but a unit's own weekly hours already decide its weekends: a unit without
 * Sunday hours is closed then anyway, and a unit that publishes Sunday hours is taken at its word.
 * Sunday holidays that have their own name (påskdagen, pingstdagen) are in the set and do close a unit
 * with Sunday hours unless it lists the date in `openDates`.
 */
export function swedishClosedHolidays(year: number): ReadonlyMap<string, string> {
  const cached = byYear.get(year);
  if (cached !== undefined) return cached;

  const holidays = new Map<string, string>();
  for (const holiday of swedishRules.getHolidays(year, "sv")) {
    if (holiday.type !== "public") continue;
    // `date` is the local date-time "YYYY-MM-DD hh:mm:ss", independent of the host's time zone.
    const date = holiday.date.slice(0, 10);
    holidays.set(date, holiday.name);
  }
  // The three eves are computed here rather than picked out of the library's "bank" entries, so a change
  // of names or types in its data cannot silently reopen them. Midsommarafton is the Friday 19–25 June.
  holidays.set(midsommarafton(year).toString(), "midsommarafton");
  holidays.set(Temporal.PlainDate.from({ year, month: 12, day: 24 }).toString(), "julafton");
  holidays.set(Temporal.PlainDate.from({ year, month: 12, day: 31 }).toString(), "nyårsafton");

  byYear.set(year, holidays);
  return holidays;
}

function midsommarafton(year: number): Temporal.PlainDate {
  const june19 = Temporal.PlainDate.from({ year, month: 6, day: 19 });
  // dayOfWeek: 5 = Friday.
  return june19.add({ days: (5 - june19.dayOfWeek + 7) % 7 });
}
