// Calendar months ("YYYY-MM") as the reimbursement API uses them, and the pages' address parameters.

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const REGION_RE = /^\d{2}$/;

export function isMonth(value: unknown): value is string {
  return typeof value === "string" && MONTH_RE.test(value);
}

/** "mars 2026" / "March 2026" for "2026-03", read as a calendar month (no time zone shift). */
export function formatMonth(month: string, language: string): string {
  if (!isMonth(month)) return month;
  const date = new Date(`${month}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(language, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** The month before the one that contains `today` (the month a payment run usually computes). */
export function previousMonth(today: Date): string {
  const year = today.getFullYear();
  const month = today.getMonth(); // 0-based: the previous month's 1-based number
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, "0")}`;
}

/** The whole-year span a model covers, for people: "2026-01 – 2026-12", "från 2026-01". */
export function validityText(
  validFrom: string,
  validTo: string | null,
  openEnded: (from: string) => string,
): string {
  return validTo === null ? openEnded(validFrom) : `${validFrom} – ${validTo}`;
}

// --- Address (search) parameters: anything malformed is dropped, so a hand-edited URL cannot break a page.

function optionalRegion(value: unknown): { region?: string } {
  return typeof value === "string" && REGION_RE.test(value) ? { region: value } : {};
}

function optionalMonth(key: string, value: unknown): Record<string, string> {
  return isMonth(value) ? { [key]: value } : {};
}

function optionalPositiveInt(key: string, value: unknown): Record<string, number> {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) && number > 0 ? { [key]: number } : {};
}

export interface RegionSearch {
  region?: string;
}

export function validateReimbursementSearch(search: Record<string, unknown>): RegionSearch {
  return optionalRegion(search.region);
}

export interface FollowUpSearch {
  region?: string;
  year?: number;
}

export function validateFollowUpSearch(search: Record<string, unknown>): FollowUpSearch {
  const year = optionalPositiveInt("year", search.year).year;
  return {
    ...optionalRegion(search.region),
    ...(year !== undefined && year >= 2000 && year <= 2100 ? { year } : {}),
  };
}

export interface ScenarioSearch {
  region?: string;
  month?: string;
  a?: number;
  b?: number;
}

export function validateScenarioSearch(search: Record<string, unknown>): ScenarioSearch {
  return {
    ...optionalRegion(search.region),
    ...optionalMonth("month", search.month),
    ...optionalPositiveInt("a", search.a),
    ...optionalPositiveInt("b", search.b),
  };
}

export interface ReportingSearch {
  unit?: string;
  month?: string;
}

export function validateReportingSearch(search: Record<string, unknown>): ReportingSearch {
  const unit = typeof search.unit === "string" && /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(search.unit);
  return { ...(unit ? { unit: search.unit as string } : {}), ...optionalMonth("month", search.month) };
}

/** A positive whole number from a route parameter, or null (the page then shows "not found"). */
export function idParam(value: string): number | null {
  return /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}
