/**
 * Luhn (mod 10) over a string of digits, weights 2, 1, 2, 1, … from the left. Skatteverket's check digit
 * for personnummer and samordningsnummer, and Bolagsverket's for organisationsnummer, both use it over
 * exactly ten digits, where "from the left" and "from the right" give the same weights.
 */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    let d = digits.charCodeAt(i) - 48;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `payload + digit` Luhn-valid. */
export function luhnCheckDigit(payload: string): number {
  for (let digit = 0; digit <= 9; digit++) {
    if (isLuhnValid(`${payload}${digit}`)) return digit;
  }
  throw new RangeError(`not a string of digits: ${JSON.stringify(payload)}`);
}
