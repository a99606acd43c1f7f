import { grantEffectFor } from "../staffing/grant-effect.service.ts";
import { staffingStatsFor } from "../staffing/staffing-stats.service.ts";
import { transfersGapFor } from "../transfers/transfers-gap.service.ts";
import { type CommitteeSources, fromFunction } from "./sources.ts";

// The one place the committee's outside figures are chosen; the routes and the CLI both call this:
// physician staffing and the targeted grants' effect (modules/staffing) and the task transfers' gap
// (modules/transfers), each through its own service with its own role checks.
export function committeeSources(): CommitteeSources {
  return {
    staffing: fromFunction(staffingStatsFor),
    grantEffect: fromFunction(grantEffectFor),
    transfersGap: fromFunction(transfersGapFor),
  };
}
