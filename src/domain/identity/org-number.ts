import { isLuhnValid } from "./luhn.ts";

const ORG_NUMBER = /^(?:16)?(\d{6})-?(\d{4})$/;

/**
 * Organisationsnummer of a legal person ("232100-0008", "5560001231", or the 12-digit "16…" form that
 * Skatteverket uses): ten digits with a Luhn check digit, and a third digit of at least 2 ("month" 20 or
 * more) so that it can never be mistaken for a personnummer. A sole trader (enskild näringsidkare) uses
 * their personnummer instead and is deliberately not accepted here: providers in a region file are
 * companies, regions and kommuner.
 */
export function isValidOrgNumber(s: string): boolean {
  const match = ORG_NUMBER.exec(s);
  if (match === null) return false;
  const digits = `${match[1]}${match[2]}`;
  return Number(digits[2]) >= 2 && isLuhnValid(digits);
}
