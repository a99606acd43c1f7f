import { type CommitteeSources, notYetAvailable } from "./sources.ts";

// The one place the committee's outside figures are chosen; the routes and the CLI both call this.
// Physician staffing (issue 8), targeted grants' effect (issue 8) and task transfers (issue 9) are built
// on other branches: when they are merged, each line becomes `fromFunction(staffingStatsFor)`,
// `fromFunction(grantEffectFor)` and `fromFunction(transfersGapFor)`.
export function committeeSources(): CommitteeSources {
  return {
    staffing: notYetAvailable("Physician staffing figures"),
    grantEffect: notYetAvailable("Targeted grant effects"),
    transfersGap: notYetAvailable("Task transfer figures"),
  };
}
