// Committee periods in the browser (calendar months, quarters and years only, FORMATS.md "Open data"),
// from the server's "today". A month is complete from the 8th of the following month.

function shift(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function lastCompleteMonth(today: string): string {
  const current = today.slice(0, 7);
  return shift(current, Number(today.slice(8, 10)) >= 8 ? -1 : -2);
}

export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export function lastCompleteQuarter(today: string): string {
  const month = lastCompleteMonth(today);
  const m = Number(month.slice(5, 7));
  return quarterOf(m % 3 === 0 ? month : shift(month, -(m % 3)));
}

/** The `count` quarters ending with `quarter`, newest first. */
export function quartersBack(quarter: string, count: number): string[] {
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(5)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const k = index - i;
    return `${Math.floor(k / 4)}Q${(k % 4) + 1}`;
  });
}

/** The period choices of the map: the current and twelve earlier months, eight quarters, three years. */
export function periodChoices(today: string): { months: string[]; quarters: string[]; years: string[] } {
  const current = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  return {
    months: Array.from({ length: 13 }, (_, i) => shift(current, -i)),
    quarters: quartersBack(quarterOf(current), 8),
    years: [year, year - 1, year - 2].map(String),
  };
}
