// A unit's share of a transfer's expected volume (the per-unit view). The expected annual volume is the
// region's; a unit that carries the task is expected to take the part its listed persons make of all the
// carrying units' listed persons (people, not units, generate the visits), prorated by the months in
// effect. Without listing figures every carrying unit gets an equal part. Volumes are counts, not money,
// so the share is shown with one decimal, rounded half to even from the exact value.
import { roundHalfEvenFraction } from "../reimbursement/rational.ts";

export interface ShareInput {
  expectedAnnualVolume: number;
  monthsInEffect: number;
  /** The unit's weight (listed persons) and the sum over every carrying unit; equal weights without listing. */
  unitWeight: number;
  totalWeight: number;
}

/** The share in tenths (1234 = 123.4), exact then rounded once, half to even; 0 when nothing is expected. */
export function expectedShareTenths(input: ShareInput): bigint {
  if (input.totalWeight <= 0 || input.monthsInEffect <= 0 || input.expectedAnnualVolume <= 0) return 0n;
  const numerator =
    BigInt(input.expectedAnnualVolume) * BigInt(input.monthsInEffect) * BigInt(input.unitWeight) * 10n;
  const denominator = 12n * BigInt(input.totalWeight);
  return roundHalfEvenFraction(numerator, denominator);
}

/** "123.4" from tenths. */
export function tenthsText(tenths: bigint): string {
  const sign = tenths < 0n ? "-" : "";
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}`;
}
