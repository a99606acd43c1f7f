import type { ValidationIssue } from "../../errors.ts";

/** A problem in a model or snapshot, with the JSON path inside the input it belongs to. */
export interface ReimbursementIssue extends ValidationIssue {
  /** Which input the path points into. */
  input: "model" | "snapshot";
}

export type ReimbursementWarningCode =
  /** Listed persons at ages no weight band covers: they count with weight 0. */
  | "ages_without_weight"
  /** A perEvent component's month total × 12 exceeds its annualBudget. */
  | "per_event_budget_overrun"
  /** Every unit's key is 0 this month: the pool's month amount is unallocated. */
  | "pool_unallocated"
  /** A grant names a unit that is not in the snapshot: its month amount is unallocated. */
  | "grant_unit_missing"
  /** A snapshot field this version does not know; it was ignored. */
  | "unknown_snapshot_field";

export interface ReimbursementWarning {
  code: ReimbursementWarningCode;
  message: string;
  component?: string;
  hsaId?: string;
}

export type PoolKey =
  | "listed"
  | "ruralPointsTimesListed"
  | "multimorbidIdentified"
  | "homeVisits"
  | "sameDayGoalMetTimesListed";

/** What a line was computed from, so that a provider can check it. Every exact number is a string. */
export type LineBasis =
  | {
      type: "capitation";
      listed: number;
      /** Σ listed at age a × weight of a, exact. */
      weightedPoints: string;
      annualPricePerPoint: string;
      /** The per-unit multipliers, as in the snapshot. */
      indices: Record<string, string>;
      /** Listed persons at ages without a weight band (counted with weight 0). */
      listedWithoutWeight?: number;
    }
  | {
      type: "pool";
      /** The unit's key, exact ("0" when not eligible). */
      key: string;
      keyTotal: string;
      /** The pool's amount for the month, before the split between units. */
      monthAmountOre: string;
      /** False when the unit is below minRuralPoints or under the sameDayThreshold. */
      eligible: boolean;
    }
  | { type: "perEvent"; event: string; events: number; price: string }
  | {
      type: "grant";
      /** One entry per grant to the unit in this component that is paid this month. */
      grants: { annualAmount: string; from: string; to: string; monthAmountOre: string }[];
    };

export interface ReimbursementLine {
  component: string;
  /** Whole öre as a decimal string. */
  amountOre: string;
  basis: LineBasis;
}

export interface ReimbursementUnitResult {
  hsaId: string;
  lines: ReimbursementLine[];
  totalOre: string;
}

export interface ReimbursementComponentResult {
  component: string;
  type: "capitation" | "pool" | "perEvent" | "grant";
  label: string;
  totalOre: string;
  /** Money due this month that no unit received (pool with every key 0, grant to a unit not in the snapshot). */
  unallocatedOre: string;
  /** Pools and grants: the component's amount for this month before any split between units. */
  monthAmountOre?: string;
}

/** The result of `vardnav reimbursement run`, FORMATS.md ("Reimbursement"), plus optional fields. */
export interface ReimbursementResult {
  model: string;
  month: string;
  inputsSha256: string;
  units: ReimbursementUnitResult[];
  components: ReimbursementComponentResult[];
  totalOre: string;
  /** Paid to units plus unallocated: everything the model makes due this month. */
  dueOre: string;
  warnings: ReimbursementWarning[];
}
