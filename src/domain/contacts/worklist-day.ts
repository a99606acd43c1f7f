import { Temporal } from "temporal-polyfill";
import { nextOpenDay } from "../calendar/hours.ts";
import type { UnitCalendar } from "../calendar/types.ts";

/**
 * The day a unit's worklist opens on. On an open day, today. On a closed day (a weekend, a public
 * holiday, a closed date) nobody works today's list, and every contact that arrives waits for the next open
 * day (its service day): the list then shows that day, so staff and visitors see the contacts waiting
 * ("väntar till måndag") instead of an empty page. A day is open when either phone or opening hours are.
 */
export function worklistDay(
  today: Temporal.PlainDate,
  calendar: UnitCalendar,
): { date: Temporal.PlainDate; waitingForNextOpenDay: boolean } {
  const candidates = [
    nextOpenDay(today, calendar, "phone", { includeDate: true }),
    nextOpenDay(today, calendar, "opening", { includeDate: true }),
  ].filter((d): d is Temporal.PlainDate => d !== null);
  const earliest = candidates.sort(Temporal.PlainDate.compare)[0];
  if (earliest === undefined || earliest.equals(today)) return { date: today, waitingForNextOpenDay: false };
  return { date: earliest, waitingForNextOpenDay: true };
}
