// The budget arithmetic of the reimbursement follow-up: pure, on exact öre (bigint).
import { splitAnnualIntoMonths } from "./largest-remainder.ts";
import { monthInRange } from "./months.ts";
import { kronorToOre } from "./rational.ts";
import type { ReimbursementComponent } from "./schemas.ts";

/** count / denominator rounded half to even to 4 decimals, as the decimal text a snapshot carries. */
export function rateText(count: bigint, denominator: bigint): string {
  const scaled = count * 10_000n;
  let q = scaled / denominator;
  const twice = 2n * (scaled - q * denominator);
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, "0")}`;
}

/**
 * A component's budget line for a year in öre: a pool's annual amount, a per-event component's
 * annualBudget, the months of each grant that fall in the year; null where the model has none
 * (capitation, a per-event component without a budget).
 */
export function annualBudgetOre(component: ReimbursementComponent, year: string): bigint | null {
  switch (component.type) {
    case "capitation":
      return null;
    case "pool":
      return kronorToOre(component.annualAmount);
    case "perEvent":
      return component.annualBudget === undefined ? null : kronorToOre(component.annualBudget);
    case "grant": {
      let total = 0n;
      for (const grant of component.grants) {
        const months = splitAnnualIntoMonths(kronorToOre(grant.annualAmount));
        months.forEach((amount, i) => {
          const month = `${year}-${String(i + 1).padStart(2, "0")}`;
          if (monthInRange(month, grant.from, grant.to)) total += amount;
        });
      }
      return total;
    }
  }
}

export interface BudgetLineFigures {
  component: string;
  label: string;
  type: ReimbursementComponent["type"];
  annualOre: string | null;
  yearToDateOre: string;
  unallocatedOre: string;
  /** yearToDate ÷ annual, 4 decimals; null without a budget line. */
  share: string | null;
  /** The share of the year's months that are approved, for comparison with `share`. */
  monthsShare: string;
  /** Year to date above the annual amount. */
  overrun: boolean;
  /** On course to pass it: year to date × 12 ÷ approved months > annual. */
  projectedOverrun: boolean;
  warning: string | null;
}

/**
 * One component's line of the budget follow-up from what the approved months paid. Per-event
 * components (home-care visits) also warn when they are on course to pass their budget.
 */
export function budgetLine(
  component: ReimbursementComponent,
  year: string,
  paid: { total: bigint; unallocated: bigint },
  approvedMonths: bigint,
): BudgetLineFigures {
  const annual = annualBudgetOre(component, year);
  const overrun = annual !== null && paid.total > annual;
  const projectedOverrun = annual !== null && paid.total * 12n > annual * approvedMonths;
  let warning: string | null = null;
  if (overrun) warning = `${component.label}: year to date exceeds the budget line`;
  else if (projectedOverrun && component.type === "perEvent")
    warning = `${component.label}: on course to exceed the budget line (year to date × 12 ÷ ${approvedMonths} months)`;
  return {
    component: component.id,
    label: component.label,
    type: component.type,
    annualOre: annual?.toString() ?? null,
    yearToDateOre: paid.total.toString(),
    unallocatedOre: paid.unallocated.toString(),
    share: annual === null || annual === 0n ? null : rateText(paid.total, annual),
    monthsShare: rateText(approvedMonths, 12n),
    overrun,
    projectedOverrun,
    warning,
  };
}
