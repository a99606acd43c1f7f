// Listed per specialist (DESIGN.md "Physician ratio"), the one figure of the staffing contract the unit
// structure view shows: listed ÷ specialist FTE, exact, rounded once to one decimal half away from zero
// (FORMATS.md "Physician staffing"); null when there is no specialist FTE.
import { parseDecimal } from "../reimbursement/rational.ts";
import { toFixedHalfAwayFromZero } from "../staffing/rounding.ts";

/** listed ÷ FTE to one decimal; null when the FTE is 0. `fte` is decimal text ("8.50"). */
export function listedPerSpecialist(listed: number, fte: string): string | null {
  const f = parseDecimal(fte);
  if (f.n === 0n) return null;
  return toFixedHalfAwayFromZero({ n: BigInt(listed) * f.d, d: f.n }, 1);
}
