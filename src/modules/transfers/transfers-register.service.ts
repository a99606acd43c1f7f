// The register of tasks moved from slutenvården: import of the "vardnav-transfers-v1" file, create and
// edit from the form, the list and each transfer's history. Append-only: every import of an id and every
// edit is a new version with the fields that changed, in the same transaction as its audit row; the
// latest version is what the gap and the pages use.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { kronorToOre } from "../../domain/reimbursement/rational.ts";
import { monthsInEffect, oreToKronorText, type TransferStatus } from "../../domain/transfers/index.ts";
import { AppError, fromZodIssues, validationError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type AuditActor, recordAudit } from "../audit/audit.service.ts";
import * as repo from "./transfers.repository.ts";
import {
  type TransferEdit,
  type TransferHistory,
  type TransferInput,
  type TransferList,
  type TransfersImportSummary,
  type TransferView,
  transferEditSchema,
  transferSchema,
  transfersFileSchema,
} from "./transfers.schemas.ts";
import { actorName, assertRegisterKeeper, assertRegisterReader } from "./transfers-access.ts";

export function transferView(row: repo.TransferVersionRow): TransferView {
  return {
    id: row.transfer_id,
    region: row.region_code,
    version: row.version,
    title: row.title,
    fromClinic: row.from_clinic,
    decisionRef: row.decision_ref,
    decidedOn: row.decided_on,
    status: row.status,
    from: row.from_month,
    to: row.to_month,
    expectedAnnualVolume: row.expected_annual_volume,
    volumeUnit: row.volume_unit,
    estimatedAnnualCost: oreToKronorText(BigInt(row.estimated_annual_cost_ore)),
    annualCompensation: oreToKronorText(BigInt(row.annual_compensation_ore)),
    component: row.component,
    units: row.units,
    updatedAt: new Date(row.created_at).toISOString(),
    updatedBy: row.created_by,
  };
}

/** The fields a version can change, in the order the history lists them. */
const TRACKED_FIELDS = [
  "title",
  "fromClinic",
  "decisionRef",
  "decidedOn",
  "status",
  "from",
  "to",
  "expectedAnnualVolume",
  "volumeUnit",
  "estimatedAnnualCost",
  "annualCompensation",
  "component",
  "units",
] as const satisfies readonly (keyof TransferView)[];

function fieldText(view: TransferView, field: (typeof TRACKED_FIELDS)[number]): string | null {
  const value = view[field];
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

export function changesBetween(
  before: TransferView | null,
  after: TransferView,
): { field: string; before: string | null; after: string | null }[] {
  if (before === null) return [];
  return TRACKED_FIELDS.filter((f) => fieldText(before, f) !== fieldText(after, f)).map((field) => ({
    field,
    before: fieldText(before, field),
    after: fieldText(after, field),
  }));
}

/** The units field must name units of the region that list residents; `path` locates it for the message. */
async function checkUnits(
  db: Kysely<Database>,
  regionCode: string,
  entries: { path: string; units: string[] | null }[],
): Promise<void> {
  const listing = new Set((await repo.findListingUnits(db, regionCode)).map((u) => u.hsaId));
  const issues: { path: string; message: string }[] = [];
  for (const entry of entries) {
    entry.units?.forEach((hsaId, i) => {
      if (!listing.has(hsaId))
        issues.push({
          path: `${entry.path}[${i}]`,
          message: `${hsaId} is not a listing unit of region ${regionCode}`,
        });
    });
  }
  if (issues.length > 0) throw validationError("The transfer names units that cannot take the task.", issues);
}

async function assertRegion(db: Kysely<Database>, regionCode: string): Promise<void> {
  if (!(await repo.regionExists(db, regionCode)))
    throw new AppError("not_found", `No region ${regionCode}.`, { regionCode });
}

async function appendVersion(
  trx: Kysely<Database>,
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  input: TransferInput,
  source: "import" | "form",
  purpose: string,
): Promise<{ row: repo.TransferVersionRow; previous: number | null }> {
  await repo.lockTransfer(trx, regionCode, input.id);
  const latest = await repo.findLatestVersion(trx, regionCode, input.id);
  const at = new Date(ctx.clock.now().epochMilliseconds);
  const draft: repo.NewTransferVersion = {
    regionCode,
    transferId: input.id,
    version: (latest?.version ?? 0) + 1,
    title: input.title,
    fromClinic: input.fromClinic,
    decisionRef: input.decisionRef,
    decidedOn: input.decidedOn,
    status: input.status,
    from: input.from,
    to: input.to,
    expectedAnnualVolume: input.expectedAnnualVolume,
    volumeUnit: input.volumeUnit,
    estimatedAnnualCostOre: kronorToOre(input.estimatedAnnualCost),
    annualCompensationOre: kronorToOre(input.annualCompensation),
    component: input.component ?? null,
    units: input.units,
    changedFields: [],
    source,
    createdBy: actorName(by),
    at,
  };
  const previousView = latest === undefined ? null : transferView(latest);
  const changes = changesBetween(previousView, transferView(rowOfDraft(draft)));
  draft.changedFields = changes.map((c) => c.field);
  const row = await repo.insertTransferVersion(trx, draft);
  await recordAudit(trx, ctx, by, {
    action: latest === undefined ? "transfer.create" : "transfer.version",
    entityType: "transfer",
    entityId: `${regionCode}/${input.id}`,
    regionCode,
    purpose,
    details: { version: row.version, source, changes },
  });
  return { row, previous: latest?.version ?? null };
}

/** A row-shaped view of a version not yet stored, so the diff uses the one view function. */
function rowOfDraft(v: repo.NewTransferVersion): repo.TransferVersionRow {
  return {
    id: 0,
    region_code: v.regionCode,
    transfer_id: v.transferId,
    version: v.version,
    title: v.title,
    from_clinic: v.fromClinic,
    decision_ref: v.decisionRef,
    decided_on: v.decidedOn,
    status: v.status,
    from_month: v.from,
    to_month: v.to,
    expected_annual_volume: v.expectedAnnualVolume,
    volume_unit: v.volumeUnit,
    estimated_annual_cost_ore: v.estimatedAnnualCostOre,
    annual_compensation_ore: v.annualCompensationOre,
    component: v.component,
    units: v.units,
    changed_fields: [],
    source: v.source,
    created_at: v.at,
    created_by: v.createdBy,
  };
}

/** `vardnav transfers import FILE` and POST /api/transfers/import: each transfer becomes its next version. */
export async function importTransfersFile(
  ctx: ServiceContext,
  by: AuditActor,
  input: unknown,
  purpose: string,
): Promise<TransfersImportSummary> {
  const parsed = transfersFileSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The transfers file is not valid.", parsed.error.issues);
  const file = parsed.data;
  assertRegisterKeeper(by, file.region);
  await assertRegion(ctx.db, file.region);
  await checkUnits(
    ctx.db,
    file.region,
    file.transfers.map((t, i) => ({ path: `transfers[${i}].units`, units: t.units })),
  );
  return ctx.db.transaction().execute(async (trx) => {
    const summary: TransfersImportSummary = {
      region: file.region,
      created: 0,
      newVersions: 0,
      transfers: [],
    };
    for (const transfer of file.transfers) {
      const { row, previous } = await appendVersion(trx, ctx, by, file.region, transfer, "import", purpose);
      if (previous === null) summary.created += 1;
      else summary.newVersions += 1;
      summary.transfers.push({ id: row.transfer_id, version: row.version });
    }
    return summary;
  });
}

/** The form's "new transfer": the id must be new in the region (409 otherwise, so nothing is overwritten). */
export async function createTransfer(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  input: unknown,
  purpose: string,
): Promise<TransferView> {
  assertRegisterKeeper(by, regionCode);
  const parsed = transferSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The transfer is not valid.", parsed.error.issues);
  await assertRegion(ctx.db, regionCode);
  await checkUnits(ctx.db, regionCode, [{ path: "units", units: parsed.data.units }]);
  return ctx.db.transaction().execute(async (trx) => {
    if ((await repo.findLatestVersion(trx, regionCode, parsed.data.id)) !== undefined) {
      throw new AppError(
        "conflict",
        `A transfer with id ${parsed.data.id} exists already; edit it instead.`,
        {
          id: parsed.data.id,
        },
      );
    }
    const { row } = await appendVersion(trx, ctx, by, regionCode, parsed.data, "form", purpose);
    return transferView(row);
  });
}

/** The form's edit: a new version of an existing transfer. */
export async function updateTransfer(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  id: string,
  input: unknown,
  purpose: string,
): Promise<TransferView> {
  assertRegisterKeeper(by, regionCode);
  const parsed = transferEditSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues("The transfer is not valid.", parsed.error.issues);
  await checkUnits(ctx.db, regionCode, [{ path: "units", units: parsed.data.units }]);
  const edit: TransferEdit = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    if ((await repo.findLatestVersion(trx, regionCode, id)) === undefined) {
      throw new AppError("not_found", `No transfer ${id} in region ${regionCode}.`, { id });
    }
    const { row } = await appendVersion(trx, ctx, by, regionCode, { ...edit, id }, "form", purpose);
    return transferView(row);
  });
}

/** A transfer touches a year when any month of the year lies in [from, to] (whatever its status). */
function touchesYear(view: TransferView, year: number): boolean {
  return monthsInEffect(year, { status: "in_effect", from: view.from, to: view.to }) > 0;
}

export async function listTransfers(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  filter: { status?: TransferStatus | undefined; year?: number | undefined } = {},
): Promise<TransferList> {
  assertRegisterReader(by, regionCode);
  const rows = await repo.findLatestVersions(ctx.db, regionCode);
  const transfers = rows
    .map(transferView)
    .filter((t) => filter.status === undefined || t.status === filter.status)
    .filter((t) => filter.year === undefined || touchesYear(t, filter.year));
  return { region: regionCode, transfers };
}

export async function transferHistory(
  ctx: ServiceContext,
  by: AuditActor,
  regionCode: string,
  id: string,
): Promise<TransferHistory> {
  assertRegisterReader(by, regionCode);
  const rows = await repo.findVersions(ctx.db, regionCode, id);
  if (rows.length === 0)
    throw new AppError("not_found", `No transfer ${id} in region ${regionCode}.`, { id });
  let previous: TransferView | null = null;
  const versions: TransferHistory["versions"] = [];
  for (const row of rows) {
    const view = transferView(row);
    versions.push({
      version: row.version,
      at: view.updatedAt,
      by: row.created_by,
      source: row.source,
      changes: changesBetween(previous, view),
      transfer: view,
    });
    previous = view;
  }
  // Newest first: the history answers "what changed last" before "how it began".
  return { region: regionCode, id, versions: versions.reverse() };
}
