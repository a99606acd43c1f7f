// On a closed day the worklist shows the next open day's contacts (issue 11, item 8). Its name is worded
// in the reader's language: "väntar till måndag", "waiting until Monday".

/** The weekday name of an ISO date ("2026-04-13" → "måndag" / "Monday"), independent of time zones. */
export function weekdayName(date: string, language: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}
