// Personnummer and samordningsnummer (Skatteverket, folkbokföringslagen 18 § and 18 a §). Written here
// rather than taken from the `personnummer` package: that package requires the date part of a
// samordningsnummer to be a real date and so rejects numbers Skatteverket really issues (month 00, day 60,
// 30 February), 194 of them in Skatteverket's own published test numbers (data/personnummer/).
import { Temporal } from "temporal-polyfill";
import { isLuhnValid } from "./luhn.ts";

export type IdentityKind = "personnummer" | "samordningsnummer";
export type Sex = "female" | "male";

export interface ValidIdentityNumber {
  ok: true;
  kind: IdentityKind;
  /** Twelve digits YYYYMMDDNNNC, no separator; a samordningsnummer keeps its day + 60. */
  normalized: string;
  /**
   * Null for a samordningsnummer whose date is incomplete or impossible: month 00, day 60 (day unknown),
   * or a day past the month's end such as 30 February. Never null for a personnummer.
   */
  birthDate: Temporal.PlainDate | null;
  /** From the third digit of the birth number: odd male, even female (as registered). */
  sex: Sex;
}

export interface InvalidIdentityNumber {
  ok: false;
  /** English, specific enough to fix the input: "bad check digit", "no such date: 1900-02-29", … */
  reason: string;
}

export type IdentityNumberResult = ValidIdentityNumber | InvalidIdentityNumber;

/** YYMMDD or YYYYMMDD, an optional `-` or `+`, then the birth number NNN and the check digit C. */
const WRITTEN_FORM = /^(\d{6}|\d{8})([-+]?)(\d{4})$/;
/** Interim numbers (T-, R-, …-nummer) that some care systems assign have a letter in the birth number. */
const INTERIM_FORM = /^(?:\d{6}|\d{8})[-+]?[A-Za-z]\d{3}$/;
/** A samordningsnummer's day is the day of birth + 60; day 60 means the day is unknown. */
const SAMORDNING_DAY_OFFSET = 60;

function invalid(reason: string): InvalidIdentityNumber {
  return { ok: false, reason };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYYYMMDD as a number: compares like the date, and also works for month 00 and day 00. */
function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

/**
 * The year of a 10-digit number: the most recent year ending in `yy` that does not put the birth date
 * after `referenceDate`; `+` (the person has turned 100) moves it a century further back. An unknown
 * month or day (00) counts as its earliest possibility, so it never pushes the birth into the future.
 */
function inferYear(
  yy: number,
  month: number,
  day: number,
  plus: boolean,
  referenceDate: Temporal.PlainDate,
): number {
  const refYear = referenceDate.year;
  let year = refYear - ((((refYear - yy) % 100) + 100) % 100);
  const refKey = dateKey(refYear, referenceDate.month, referenceDate.day);
  if (dateKey(year, month, day) > refKey) year -= 100;
  return plus ? year - 100 : year;
}

function explainMalformed(s: string): string {
  if (INTERIM_FORM.test(s)) {
    return "interim number (a letter in the birth number), not a personnummer or samordningsnummer";
  }
  if (/[^0-9+-]/.test(s)) return "contains characters other than digits and one - or + separator";
  const digitCount = s.replace(/\D/g, "").length;
  if (digitCount !== 10 && digitCount !== 12) {
    return `wrong length: ${digitCount} digits, expected 10 or 12`;
  }
  return "misplaced separator: expected YYMMDD-NNNC, YYYYMMDD-NNNC or + for someone aged 100 or more";
}

/**
 * Validates a personnummer or samordningsnummer written with 10 or 12 digits, with or without a `-` or
 * `+` separator before the last four; surrounding whitespace is ignored. For 10 digits the century comes
 * from `referenceDate` (today, in Swedish time), `+` meaning the person is 100 or older; for 12 digits the
 * separator is ignored.
 */
export function parseIdentityNumber(input: string, referenceDate: Temporal.PlainDate): IdentityNumberResult {
  const s = input.trim();
  if (s === "") return invalid("empty");
  const match = WRITTEN_FORM.exec(s);
  if (match === null) return invalid(explainMalformed(s));
  const [, datePart = "", separator = "", tail = ""] = match;
  const tenDigits = `${datePart.slice(-6)}${tail}`;
  if (!isLuhnValid(tenDigits)) return invalid("bad check digit");
  // Birth numbers run 001–999: 000 is not used (and is listed as invalid in the shared test vectors).
  if (tail.startsWith("000")) return invalid("birth number 000 is not used");

  const month = Number(datePart.slice(-4, -2));
  const rawDay = Number(datePart.slice(-2));
  const kind: IdentityKind = rawDay >= SAMORDNING_DAY_OFFSET ? "samordningsnummer" : "personnummer";
  const day = kind === "samordningsnummer" ? rawDay - SAMORDNING_DAY_OFFSET : rawDay;

  if (kind === "personnummer") {
    if (month < 1 || month > 12) return invalid(`no such month: ${pad(month, 2)}`);
    if (day < 1 || day > 31) {
      return invalid(
        rawDay > 31
          ? `no such day: ${pad(rawDay, 2)} (a samordningsnummer has day 60–91, the day of birth + 60)`
          : `no such day: ${pad(rawDay, 2)}`,
      );
    }
  } else {
    // Skatteverket issues samordningsnummer with month 00 and day 60 for an unknown month or day.
    if (month > 12) return invalid(`no such month: ${pad(month, 2)} in a samordningsnummer`);
    if (day > 31) return invalid(`no such day: ${pad(rawDay, 2)} in a samordningsnummer (day 60–91)`);
  }

  const year =
    datePart.length === 8
      ? Number(datePart.slice(0, 4))
      : inferYear(Number(datePart.slice(0, 2)), month, day, separator === "+", referenceDate);
  const isRealDate = month >= 1 && day >= 1 && day <= daysInMonth(year, month);
  if (kind === "personnummer" && !isRealDate) {
    return invalid(`no such date: ${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
  }
  const refKey = dateKey(referenceDate.year, referenceDate.month, referenceDate.day);
  if (dateKey(year, month, day) > refKey) {
    return invalid(`birth date in the future: ${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
  }

  const birthDate = isRealDate ? Temporal.PlainDate.from({ year, month, day }) : null;
  const sex: Sex = Number(tail[2]) % 2 === 1 ? "male" : "female";
  return { ok: true, kind, normalized: `${pad(year, 4)}${tenDigits.slice(2)}`, birthDate, sex };
}

/** One result of `vardnav id check`; `kind` is null for an invalid number. */
export interface IdCheckEntry {
  input: string;
  valid: boolean;
  kind: IdentityKind | null;
}

function stripLineEnding(line: string): string {
  return line.replace(/\r?\n$/, "").replace(/\r$/, "");
}

/** Checks one input line (a trailing newline or CR is not part of it). */
export function checkIdLine(line: string, referenceDate: Temporal.PlainDate): IdCheckEntry {
  const input = stripLineEnding(line);
  const result = parseIdentityNumber(input, referenceDate);
  return { input, valid: result.ok, kind: result.ok ? result.kind : null };
}

/**
 * `INPUT<TAB>valid|invalid<TAB>personnummer|samordningsnummer|-` (FORMATS.md, "Identity numbers"), INPUT
 * being the line as read without its line ending. Takes the reference date because a 10-digit number's
 * century, and whether a birth date is in the future, depend on it.
 */
export function formatIdCheckLine(input: string, referenceDate: Temporal.PlainDate): string {
  return formatIdCheckEntry(checkIdLine(input, referenceDate));
}

/** The output line (without newline) for an entry from `checkIdLine`. */
export function formatIdCheckEntry(entry: IdCheckEntry): string {
  return `${entry.input}\t${entry.valid ? "valid" : "invalid"}\t${entry.kind ?? "-"}`;
}
