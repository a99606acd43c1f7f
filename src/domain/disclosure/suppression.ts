/**
 * The open-data suppression rule (FORMATS.md, "Open data"), the one place it is written. Public and
 * committee views of contact figures pass every unit figure through it, so that no unit's count below 20
 * can be read — not directly, and not as the region total minus the units shown.
 *
 * Per region, period and measure group (phone by `offered`, resident by `contacts`, assessment by
 * `eligible`): a unit whose denominator is 1–19 is suppressed (primary suppression). If any unit is, further
 * units with a denominator of at least 1 are suppressed in order of increasing denominator (ties: smaller
 * HSA-id first) until at least two are suppressed and their denominators add up to 20 or more, or no unit is
 * left (secondary suppression). A unit with denominator 0 is shown (its rate is null). Backup teams are not
 * candidates: callers leave them out.
 */

/** The smallest denominator a figure may be published from. */
export const MIN_PUBLISHED_DENOMINATOR = 20;

export interface DisclosureCandidate {
  hsaId: string;
  /** The measure group's denominator: a whole number ≥ 0. */
  denominator: number;
}

function byDenominatorThenHsaId(a: DisclosureCandidate, b: DisclosureCandidate): number {
  if (a.denominator !== b.denominator) return a.denominator - b.denominator;
  return a.hsaId < b.hsaId ? -1 : a.hsaId > b.hsaId ? 1 : 0;
}

/** The HSA-ids whose figures must be withheld in one view (one region, period and measure group). */
export function suppressedUnits(candidates: readonly DisclosureCandidate[]): Set<string> {
  const suppressed = new Set<string>();
  let suppressedSum = 0;
  for (const candidate of candidates) {
    if (!Number.isInteger(candidate.denominator) || candidate.denominator < 0) {
      throw new RangeError(
        `Denominator of ${candidate.hsaId} must be a whole number ≥ 0: ${candidate.denominator}`,
      );
    }
    if (candidate.denominator >= 1 && candidate.denominator < MIN_PUBLISHED_DENOMINATOR) {
      suppressed.add(candidate.hsaId);
      suppressedSum += candidate.denominator;
    }
  }
  if (suppressed.size === 0) return suppressed;
  const remaining = candidates
    .filter((c) => c.denominator >= 1 && !suppressed.has(c.hsaId))
    .sort(byDenominatorThenHsaId);
  for (const next of remaining) {
    if (suppressed.size >= 2 && suppressedSum >= MIN_PUBLISHED_DENOMINATOR) break;
    suppressed.add(next.hsaId);
    suppressedSum += next.denominator;
  }
  return suppressed;
}

/**
 * Suppression for a quarter or a year shown beside its months: a unit is withheld for the period when it is
 * withheld in any of the period's months, or in the period's own totals. Without the first condition a
 * committee member could subtract the shown months from the quarter and recover a withheld month.
 *
 * `months` holds one candidate list per month of the period (the same measure group); the period totals are
 * their sums per unit.
 */
export function suppressedUnitsOverMonths(months: readonly (readonly DisclosureCandidate[])[]): Set<string> {
  const suppressed = new Set<string>();
  const totals = new Map<string, number>();
  for (const month of months) {
    for (const hsaId of suppressedUnits(month)) suppressed.add(hsaId);
    for (const candidate of month)
      totals.set(candidate.hsaId, (totals.get(candidate.hsaId) ?? 0) + candidate.denominator);
  }
  const periodCandidates = [...totals].map(([hsaId, denominator]) => ({ hsaId, denominator }));
  for (const hsaId of suppressedUnits(periodCandidates)) suppressed.add(hsaId);
  return suppressed;
}

/**
 * A figure summed over a group of units (a kommun, an ownership, a unit type) is withheld when any of its
 * units is: otherwise the group minus its shown units would give a withheld unit back.
 */
export function isGroupSuppressed(memberHsaIds: Iterable<string>, suppressed: ReadonlySet<string>): boolean {
  for (const hsaId of memberHsaIds) if (suppressed.has(hsaId)) return true;
  return false;
}
