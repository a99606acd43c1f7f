import type { ServiceContext } from "../src/lib/context.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { findUserByUsername } from "../src/modules/auth/auth.repository.ts";
import { addUser } from "../src/modules/auth/users.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { DEMO_PASSWORD, demoAccounts } from "./accounts.ts";
import { type DemoContactsSummary, loadDemoContacts } from "./contacts.ts";
import { listingHistoryMonths, loadDemoListingChanges, loadDemoListingHistory } from "./listing.ts";
import { approveDemoRuns } from "./payments.ts";
import { loadDemoPromises } from "./promises.ts";
import { generateDemoRegionFiles } from "./regions.ts";
import {
  DEMO_REIMBURSEMENT_MONTHS,
  DEMO_SHOWCASE_MONTH,
  type DemoReimbursementSummary,
  loadDemoReimbursement,
} from "./reimbursement.ts";
import { type DemoStaffingSummary, loadDemoStaffing } from "./staffing.ts";
import { type DemoTransfersSummary, loadDemoTransfers } from "./transfers.ts";

export interface DemoLoadSummary {
  regions: { code: string; name: string; units: number }[];
  accounts: number;
  /** Reimbursement models stored and input rows imported (0 and 0 when loaded before). */
  reimbursement?: DemoReimbursementSummary;
  /** Physician staffing from 2023-01 and coarse listing for the months without any. */
  staffing?: DemoStaffingSummary;
  /** Listing changes imported, 2023-01 to the current month (0 when loaded before). */
  listingChanges?: number;
  /** Listing rows of the older history months imported (absent when not asked for). */
  listingHistory?: number;
  /** Task transfers registered and volume rows imported (0 and 0 when loaded before). */
  transfers?: DemoTransfersSummary;
  /** Demo contacts imported (null when they were there already; absent when not asked for). */
  contacts?: DemoContactsSummary | null;
}

export interface DemoLoadOptions {
  /**
   * Thirteen months of synthetic contacts (demo/contacts.ts): "default" a twentieth of realistic volume (quick
   * first start), "full" realistic volume (`vardnav demo load --full`), "none" (default; tests) none.
   */
  contacts?: "none" | "default" | "full";
  /**
   * Reimbursement inputs: "all" months of the demo period, or only the "showcase" month (March 2026; the
   * models are always loaded). Default: "all" when contacts are loaded (a real demo), "showcase" otherwise.
   */
  reimbursement?: "showcase" | "all";
  /**
   * Physician staffing from 2023-01 (demo/staffing.ts): "inline" (default) or "later", when the caller
   * loads it itself (the server does, in the background with the contact history, to answer sooner).
   */
  staffing?: "inline" | "later";
  /**
   * The listing by age and sex of the older months (2023-01 until the reimbursement months): "all" loads
   * them now (`vardnav demo load`), "none" (default) leaves them to `loadDemoListingHistory`, which the
   * server runs in the background after its first start, so the first start still answers quickly.
   */
  listingHistory?: "none" | "all";
  /**
   * The listing changes 2023-01 … this month: "now" (default), or "later" when the caller loads them in
   * the background (the server's first start, with `startDemoListingHistory`).
   */
  listingChanges?: "now" | "later";
}

/**
 * Loads the demo regions and their accounts through the same services a region admin uses, so the demo
 * exercises the real import path. Safe to run again: units are matched by HSA-id, existing accounts kept.
 */
export async function loadDemoData(
  ctx: ServiceContext,
  options: DemoLoadOptions = {},
): Promise<DemoLoadSummary> {
  const actor = systemActor("demo-loader");
  const files = generateDemoRegionFiles();
  const regions: DemoLoadSummary["regions"] = [];
  for (const file of files) {
    const summary = await importRegionFile(ctx, actor, file, { isDemo: true, purpose: "demo load" });
    regions.push({ code: summary.region.code, name: summary.region.name, units: file.units.length });
  }
  let accounts = 0;
  for (const account of demoAccounts(files)) {
    if (await findUserByUsername(ctx.db, account.username)) continue;
    await addUser(ctx, actor, { ...account, password: DEMO_PASSWORD }, "demo load");
    accounts += 1;
  }
  const contactsMode = options.contacts ?? "none";
  const reimbursementMonths =
    (options.reimbursement ?? (contactsMode === "none" ? "showcase" : "all")) === "all"
      ? DEMO_REIMBURSEMENT_MONTHS
      : [DEMO_SHOWCASE_MONTH];
  const reimbursement = await loadDemoReimbursement(ctx, actor, files, reimbursementMonths);
  const listingChanges =
    options.listingChanges === "later" ? 0 : await loadDemoListingChanges(ctx, actor, files);
  const listingHistory =
    options.listingHistory === "all"
      ? {
          listingHistory: await loadDemoListingHistory(
            ctx,
            actor,
            files,
            listingHistoryMonths(ctx, DEMO_REIMBURSEMENT_MONTHS),
          ),
        }
      : {};
  // Staffing after the listing history: it writes coarse listing only for months still without any.
  const staffing = options.staffing === "later" ? undefined : await loadDemoStaffing(ctx, actor, files);
  const transfers = await loadDemoTransfers(ctx, actor, files);
  const loaded = {
    regions,
    accounts,
    reimbursement,
    transfers,
    listingChanges,
    ...listingHistory,
    ...(staffing ? { staffing } : {}),
  };
  await loadDemoPromises(
    ctx,
    actor,
    regions.map((r) => r.code),
  );
  if (contactsMode === "none") return loaded;
  const contacts = await loadDemoContacts(ctx, files, contactsMode);
  // A real demo also gets its complete months paid (after the contacts: runs count same-day rates from
  // them), so the committee's money figures are real; each start pays the months completed since.
  if (reimbursementMonths.length > 1) {
    await approveDemoRuns(
      ctx,
      actor,
      regions.map((r) => r.code),
      reimbursementMonths,
      DEMO_SHOWCASE_MONTH,
    );
  }
  return { ...loaded, contacts };
}
