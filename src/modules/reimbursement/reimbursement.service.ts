// Vårdval reimbursement in the database (DESIGN.md capability 6): versioned models, the month's snapshot
// built from the imported and reported inputs, stored and approved runs, year summaries, budget follow-up
// and scenarios. The money itself is computed only by the pure engine in src/domain/reimbursement; these
// services decide what goes in, who may see what comes out, and keep it reproducible: a run stores the
// exact snapshot text and result text, and the model version it used can never change again.
//
// One file per job; this one gathers them so callers import the reimbursement services from one place.
export * from "./reimbursement-access.ts";
export * from "./reimbursement-follow-up.service.ts";
export * from "./reimbursement-models.service.ts";
export * from "./reimbursement-runs.service.ts";
export * from "./reimbursement-scenarios.service.ts";
export * from "./reimbursement-snapshot.service.ts";
export * from "./reimbursement-specification.service.ts";
export * from "./reimbursement-unit-reports.service.ts";
