// The value sets of Vårdval reimbursement outside the model file, defined once: the database types, the
// server's schemas and the web app all take them from here.

/** Which same-day rate a month's snapshot carries (DESIGN.md "Definitions"). */
export const SAME_DAY_RATE_KINDS = ["phone", "resident", "feedback"] as const;
export type SameDayRateKind = (typeof SAME_DAY_RATE_KINDS)[number];

/** A payment model, or a what-if that a month's run never picks by itself. */
export const MODEL_PURPOSES = ["payment", "scenario"] as const;
export type ModelPurpose = (typeof MODEL_PURPOSES)[number];

export const RUN_STATUSES = ["draft", "approved"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The monthly inputs imported from CSV (`vardnav import …`, POST /api/reimbursement/imports/:kind). */
export const REIMBURSEMENT_IMPORT_KINDS = [
  "listing",
  "indices",
  "rural-points",
  "unit-reports",
  "same-day-rates",
] as const;
export type ReimbursementImportKind = (typeof REIMBURSEMENT_IMPORT_KINDS)[number];
