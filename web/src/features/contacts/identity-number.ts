// A quick check of a personnummer or samordningsnummer while the resident types, so a mistyped digit is
// caught before the form is sent. The server's validator (src/domain/identity) has the last word: it also
// knows today's date (for the century of a 10-digit number and births in the future). This check must
// never reject a number the server accepts, so it only tests the form, the check digit and the ranges
// of month and day that Skatteverket issues (a samordningsnummer may have month 00 and day 60–91).

export type IdentityProblem = "empty" | "format" | "checksum" | "date";

const WRITTEN_FORM = /^(\d{6}|\d{8})[-+]?(\d{4})$/;

/** Luhn over the ten digits YYMMDDNNNC (weights 2, 1, 2, …), Skatteverket's check digit. */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let digit = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Spaces are dropped (people copy numbers with them); everything else must be in the written form. */
function compact(input: string): string {
  return input.replace(/\s+/g, "");
}

/** Null when the number looks right, else what is wrong with it. */
export function identityNumberProblem(input: string): IdentityProblem | null {
  const value = compact(input);
  if (value === "") return "empty";
  const match = WRITTEN_FORM.exec(value);
  if (!match) return "format";
  const datePart = match[1] ?? "";
  const tail = match[2] ?? "";
  const yymmdd = datePart.slice(-6);
  if (!luhnValid(`${yymmdd}${tail}`)) return "checksum";
  if (tail.startsWith("000")) return "format";
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const samordning = day >= 60;
  const realDay = samordning ? day - 60 : day;
  if (month > 12 || realDay > 31) return "date";
  if (!samordning && (month === 0 || realDay === 0)) return "date";
  return null;
}

/**
 * The number as the form sends it: spaces removed, otherwise as typed. The server normalises (and needs
 * the `+` of a 10-digit number for someone aged 100 or more), so the client does not rewrite it.
 */
export function identityNumberForSending(input: string): string {
  return compact(input);
}

/**
 * "19121212-1212" for the twelve digits the server stores (YYYYMMDDNNNC), the form people read and
 * compare with an ID card; anything else is shown as it is.
 */
export function formatIdentityNumber(value: string): string {
  return /^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : value;
}
