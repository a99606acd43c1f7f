// The weighting behind a capitation line, band by band: what a unit's payment specification shows.
import { formatRational, mul, parseDecimal, rational } from "./rational.ts";
import type { ReimbursementModel, ReimbursementSnapshot } from "./schemas.ts";

export interface CapitationBand {
  from: number;
  to: number | null;
  listed: number;
  weight: string;
  /** listed × weight, exact. */
  points: string;
}

/** The weighting behind a capitation line, band by band, from the run's own snapshot and model. */
export function capitationBands(
  model: ReimbursementModel,
  unit: ReimbursementSnapshot["units"][number] | undefined,
): Record<string, CapitationBand[]> {
  const out: Record<string, CapitationBand[]> = {};
  for (const component of model.components) {
    if (component.type !== "capitation") continue;
    out[component.id] = component.ageWeights.map((band) => {
      let listed = 0;
      for (const [age, count] of Object.entries(unit?.listedByAge ?? {})) {
        const a = Number(age);
        if (a >= band.from && (band.to === null || a <= band.to)) listed += count;
      }
      return {
        from: band.from,
        to: band.to,
        listed,
        weight: band.weight,
        points: formatRational(mul(rational(BigInt(listed)), parseDecimal(band.weight))),
      };
    });
  }
  return out;
}
