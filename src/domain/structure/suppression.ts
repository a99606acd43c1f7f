// The suppression rule of FORMATS.md "Open data" for the committee's unit figures about contacts: per
// measure group, a unit whose denominator is 1–19 is suppressed; if any is, further units with a
// denominator ≥ 1 are suppressed in order of increasing denominator (ties: smaller HSA-id first) until at
// least two are suppressed and their denominators add up to 20 or more, or no unit is left. A unit with
// denominator 0 is shown (its rate is null anyway).

export const SUPPRESSION_MIN = 20;

/** The HSA-ids to suppress for one measure group, from each unit's denominator. */
export function suppressedUnits(
  denominators: readonly { hsaId: string; denominator: number }[],
): Set<string> {
  const out = new Set<string>();
  for (const d of denominators) if (d.denominator >= 1 && d.denominator < SUPPRESSION_MIN) out.add(d.hsaId);
  if (out.size === 0) return out;
  let sum = denominators.filter((d) => out.has(d.hsaId)).reduce((a, d) => a + d.denominator, 0);
  const rest = denominators
    .filter((d) => d.denominator >= 1 && !out.has(d.hsaId))
    .sort((a, b) => a.denominator - b.denominator || (a.hsaId < b.hsaId ? -1 : a.hsaId > b.hsaId ? 1 : 0));
  for (const d of rest) {
    if (out.size >= 2 && sum >= SUPPRESSION_MIN) break;
    out.add(d.hsaId);
    sum += d.denominator;
  }
  return out;
}
