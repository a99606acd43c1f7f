import { z } from "zod";
import { TRANSFER_STATUSES } from "../../domain/transfers/index.ts";

// Request and response shapes of the transfers API, and the register file "vardnav-transfers-v1"
// (FORMATS.md "Task transfers from slutenvården"). The services parse their input with the same schemas,
// so the CLI, HTTP and the form meet one set of rules; the web app imports the response types from here.

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH_RE, "expected a month YYYY-MM");
const isoDate = z.iso.date("expected a date YYYY-MM-DD");
const kronor = z
  .string()
  .regex(
    /^\d{1,13}(\.\d{1,2})?$/,
    'expected an amount in kronor ≥ 0 with at most two decimals, e.g. "3600000.00"',
  );

export const regionCode = z.string().regex(/^\d{2}$/, "expected a two-digit länskod");
export const transferId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "expected letters, digits, '.', '_' or '-' (at most 100)");
export const transferStatus = z.enum(TRANSFER_STATUSES);

const transferFields = z.object({
  title: z.string().trim().min(1, "must not be empty").max(300),
  fromClinic: z.string().trim().min(1, "must not be empty").max(300),
  decisionRef: z.string().trim().min(1, "must not be empty; use null").max(200).nullable(),
  decidedOn: isoDate.nullable(),
  status: transferStatus,
  from: month,
  to: month.nullable(),
  expectedAnnualVolume: z.number().int("expected a whole number").min(0).max(100_000_000),
  volumeUnit: z.string().trim().min(1, "must not be empty").max(60),
  estimatedAnnualCost: kronor,
  annualCompensation: kronor,
  component: z.string().trim().min(1).max(100).nullable().optional(),
  units: z
    .array(z.string().min(1).max(64))
    .min(1, "name at least one unit, or null for every listing unit")
    .nullable(),
});

type FieldsShape = z.infer<typeof transferFields>;

/** The rules between fields, with the field each message belongs to. */
function checkTransferFields(value: FieldsShape, issue: (path: string, message: string) => void): void {
  if (value.to !== null && value.to < value.from) issue("to", `must not be before from (${value.from})`);
  if (value.status !== "proposed") {
    if (value.decisionRef === null) issue("decisionRef", `is required once a transfer is ${value.status}`);
    if (value.decidedOn === null) issue("decidedOn", `is required once a transfer is ${value.status}`);
  }
  if (value.status === "ended" && value.to === null) issue("to", "an ended transfer needs its last month");
  if (value.units !== null) {
    const seen = new Set<string>();
    value.units.forEach((unit, i) => {
      if (seen.has(unit)) issue(`units.${i}`, `${unit} is listed twice`);
      seen.add(unit);
    });
  }
}

function refineFields<T extends z.ZodType<FieldsShape>>(schema: T) {
  return schema.superRefine((value, ctx) =>
    checkTransferFields(value, (path, message) =>
      ctx.addIssue({
        code: "custom",
        path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message,
      }),
    ),
  );
}

/** One transfer as in the register file; the form sends the same shape. */
export const transferSchema = refineFields(transferFields.extend({ id: transferId }));
export type TransferInput = z.infer<typeof transferSchema>;

/** An edit: every field but the id, which is the path's. */
export const transferEditSchema = refineFields(transferFields);
export type TransferEdit = z.infer<typeof transferEditSchema>;

export const transfersFileSchema = z
  .object({ region: regionCode, transfers: z.array(transferSchema).max(10_000) })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.transfers.forEach((t, i) => {
      const earlier = seen.get(t.id);
      if (earlier !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["transfers", i, "id"],
          message: `${t.id} is also transfers[${earlier}]`,
        });
      seen.set(t.id, i);
    });
  });
export type TransfersFile = z.infer<typeof transfersFileSchema>;

// ---------------------------------------------------------------- responses

export const transferViewSchema = z.object({
  id: z.string(),
  region: z.string(),
  version: z.number().int(),
  title: z.string(),
  fromClinic: z.string(),
  decisionRef: z.string().nullable(),
  decidedOn: z.string().nullable(),
  status: transferStatus,
  from: z.string(),
  to: z.string().nullable(),
  expectedAnnualVolume: z.number().int(),
  volumeUnit: z.string(),
  estimatedAnnualCost: z.string(),
  annualCompensation: z.string(),
  component: z.string().nullable(),
  units: z.array(z.string()).nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TransferView = z.infer<typeof transferViewSchema>;

export const transferListSchema = z.object({ region: z.string(), transfers: z.array(transferViewSchema) });
export type TransferList = z.infer<typeof transferListSchema>;

export const transferChangeSchema = z.object({
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export const transferHistorySchema = z.object({
  region: z.string(),
  id: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      by: z.string(),
      source: z.enum(["import", "form"]),
      changes: z.array(transferChangeSchema),
      transfer: transferViewSchema,
    }),
  ),
});
export type TransferHistory = z.infer<typeof transferHistorySchema>;

export const transfersImportSummarySchema = z.object({
  region: z.string(),
  created: z.number().int(),
  newVersions: z.number().int(),
  transfers: z.array(z.object({ id: z.string(), version: z.number().int() })),
});
export type TransfersImportSummary = z.infer<typeof transfersImportSummarySchema>;

export const volumeImportSummarySchema = z.object({
  read: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type VolumeImportSummary = z.infer<typeof volumeImportSummarySchema>;

export const volumeReportSchema = z.object({
  transferId,
  unitHsaId: z.string().min(1).max(64),
  month,
  volume: z.number().int("expected a whole number").min(0, "must be 0 or more").max(10_000_000),
});
export type VolumeReport = z.infer<typeof volumeReportSchema>;

export const volumeReportResultSchema = z.object({
  transferId: z.string(),
  unitHsaId: z.string(),
  month: z.string(),
  volume: z.number().int(),
  replaced: z.number().int().nullable(),
});
export type VolumeReportResult = z.infer<typeof volumeReportResultSchema>;

const ore = z.string().regex(/^-?\d+$/);
const gapAmounts = {
  estimatedCostOre: ore,
  compensationOre: ore,
  gapOre: ore,
  costAtReportedVolumeOre: ore,
  gapAtReportedVolumeOre: ore,
};

/** FORMATS.md "transfers gap" JSON, with optional extensions (title, paying component and what it paid). */
export const transferGapSchema = z.object({
  region: z.string(),
  year: z.number().int(),
  transfers: z.array(
    z.object({
      id: z.string(),
      status: transferStatus,
      monthsInEffect: z.number().int(),
      ...gapAmounts,
      reportedVolume: z.number().int(),
      title: z.string(),
      component: z.string().nullable(),
      /** What the component paid in the year's approved runs (all units); null without a component. */
      componentPaidOre: ore.nullable(),
    }),
  ),
  total: z.object(gapAmounts),
  /** The year is not over (or its last month's reports are not due yet): figures are preliminary. */
  preliminary: z.boolean(),
});
export type TransferGap = z.infer<typeof transferGapSchema>;

export const transferGapYearsSchema = z.object({
  region: z.string(),
  years: z.array(z.object({ year: z.number().int(), preliminary: z.boolean(), total: z.object(gapAmounts) })),
});
export type TransferGapYears = z.infer<typeof transferGapYearsSchema>;

export const unitTransfersSchema = z.object({
  unit: z.object({ hsaId: z.string(), name: z.string(), region: z.string() }),
  year: z.number().int(),
  /** How the expected volume is shared between the carrying units. */
  shareBasis: z.enum(["listed", "equal"]),
  transfers: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: transferStatus,
      volumeUnit: z.string(),
      monthsInEffect: z.number().int(),
      /** The unit's share of the year's expected volume, one decimal ("123.4"). */
      expectedShare: z.string(),
      /** The same share for the months in effect that are over (before this month): what to compare with. */
      expectedShareToDate: z.string(),
      reportedVolume: z.number().int(),
      /** Every month of the year, null where nothing is reported. */
      months: z.array(z.object({ month: z.string(), volume: z.number().int().nullable() })),
      /** Months the unit may report for: in effect and not in the future. */
      reportableMonths: z.array(z.string()),
    }),
  ),
});
export type UnitTransfers = z.infer<typeof unitTransfersSchema>;

export const unitChoicesSchema = z.object({
  units: z.array(z.object({ hsaId: z.string(), name: z.string(), region: z.string() })),
});
export type UnitChoices = z.infer<typeof unitChoicesSchema>;
