import { monthState } from "../src/domain/committee/periods.ts";
import { stockholmDate } from "../src/domain/statistics/index.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import type { AuditActor } from "../src/modules/audit/audit.service.ts";
import { findApprovedRun } from "../src/modules/reimbursement/reimbursement.repository.ts";
import { approveRun, createRun } from "../src/modules/reimbursement/reimbursement.service.ts";

/**
 * Approved payment runs for the demo's complete months, so the committee's money figures (paid against
 * budget, the year's projection, payment per listed person) are real from the first start. The showcase
 * month is left for the region admin to run and approve (README, "what to try"); a month already approved
 * is kept. Each run takes a fraction of a second.
 */
export async function approveDemoRuns(
  ctx: ServiceContext,
  actor: AuditActor,
  regionCodes: readonly string[],
  months: readonly string[],
  showcaseMonth: string,
): Promise<number> {
  const today = stockholmDate(ctx.clock.now());
  let approved = 0;
  for (const region of regionCodes) {
    for (const month of months) {
      if (month === showcaseMonth || monthState(month, today) !== "complete") continue;
      if ((await findApprovedRun(ctx.db, region, month)) !== undefined) continue;
      const run = await createRun(ctx, actor, { region, month }, "demo load");
      await approveRun(ctx, actor, run.id, "demo load");
      approved += 1;
    }
  }
  return approved;
}
