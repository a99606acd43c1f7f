import { z } from "zod";
import { COMPONENT_TYPES, reimbursementModelSchema } from "../../domain/reimbursement/schemas.ts";
import {
  MODEL_PURPOSES,
  REIMBURSEMENT_IMPORT_KINDS,
  RUN_STATUSES,
  SAME_DAY_RATE_KINDS,
} from "../../domain/reimbursement/value-sets.ts";

// Request and response shapes of the Vårdval reimbursement API (docs/API.md). Money on the wire: whole
// öre as decimal strings; exact ratios as decimal strings.

// ---------------------------------------------------------------- requests

export const regionCode = z.string().regex(/^\d{2}$/, "expected a two-digit länskod");
export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM");
export const yearText = z.string().regex(/^\d{4}$/, "expected a year YYYY");
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const specificationParams = z.object({
  id: z.coerce.number().int().positive(),
  hsaId: z.string().min(1),
});
export const modelRef = z.union([z.number().int().positive(), z.string().min(1)]);
const count = z.number().int().min(0).max(100_000_000).nullable();

export const regionQuery = z.object({ region: regionCode });
export const optionalRegionQuery = z.object({ region: regionCode.optional() });
export const runsQuerySchema = z.object({ region: regionCode, month: monthText.optional() });
export const yearQuery = z.object({ region: regionCode, year: yearText });
export const newRunSchema = z.object({ region: regionCode, month: monthText, modelId: modelRef.optional() });
export const scenarioInputSchema = z.object({
  region: regionCode,
  month: monthText,
  modelA: modelRef,
  modelB: modelRef,
});
export type ScenarioRequest = z.input<typeof scenarioInputSchema>;
export const scenarioFormatQuery = z.object({ format: z.enum(["json", "csv"]).optional() });
export const scenarioCsvQuery = z.object({
  region: regionCode,
  month: monthText,
  modelA: z.string().min(1),
  modelB: z.string().min(1),
});
export const unitMonthQuery = z.object({ unit: z.string().min(1), month: monthText });
export const unitReportSchema = z.object({ multimorbidIdentified: count, homeVisits: count });
export type UnitReport = z.infer<typeof unitReportSchema>;
export const importKindParams = z.object({ kind: z.enum(REIMBURSEMENT_IMPORT_KINDS) });

// ---------------------------------------------------------------- models

export const modelSummarySchema = z.object({
  /** The row id of this version (what runs and scenarios refer to). */
  id: z.number(),
  modelId: z.string(),
  version: z.number(),
  purpose: z.enum(MODEL_PURPOSES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  locked: z.boolean(),
  name: z.string(),
  components: z.number(),
  sameDayRateKind: z.enum(SAME_DAY_RATE_KINDS),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const modelListSchema = z.object({ models: z.array(modelSummarySchema) });
export type ModelList = z.infer<typeof modelListSchema>;

export const modelViewSchema = modelSummarySchema.extend({
  regionCode: z.string(),
  lockedAt: z.string().nullable(),
  /** The model file, FORMATS.md "Reimbursement". */
  model: reimbursementModelSchema,
});
export type ModelView = z.infer<typeof modelViewSchema>;
export type ModelDocument = ModelView["model"];
export type ModelComponent = ModelDocument["components"][number];

// ---------------------------------------------------------------- runs

export const runSummarySchema = z.object({
  id: z.number(),
  regionCode: z.string(),
  month: z.string(),
  modelRowId: z.number(),
  modelId: z.string(),
  modelVersion: z.number(),
  status: z.enum(RUN_STATUSES),
  totalOre: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  inputsSha256: z.string(),
  resultSha256: z.string(),
  notes: z.array(z.string()),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
export type RunStatus = RunSummary["status"];

export const runListSchema = z.object({ runs: z.array(runSummarySchema) });
export type RunList = z.infer<typeof runListSchema>;

/** What a line was computed from, so that a provider can check it (FORMATS.md). */
const lineBasisSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("capitation"),
    listed: z.number(),
    weightedPoints: z.string(),
    annualPricePerPoint: z.string(),
    indices: z.record(z.string(), z.string()),
    listedWithoutWeight: z.number().optional(),
  }),
  z.object({
    type: z.literal("pool"),
    key: z.string(),
    keyTotal: z.string(),
    monthAmountOre: z.string(),
    eligible: z.boolean(),
  }),
  z.object({ type: z.literal("perEvent"), event: z.string(), events: z.number(), price: z.string() }),
  z.object({
    type: z.literal("grant"),
    grants: z.array(
      z.object({ annualAmount: z.string(), from: z.string(), to: z.string(), monthAmountOre: z.string() }),
    ),
  }),
]);

export const resultUnitSchema = z.object({
  hsaId: z.string(),
  lines: z.array(z.object({ component: z.string(), amountOre: z.string(), basis: lineBasisSchema })),
  totalOre: z.string(),
});
export type ResultUnit = z.infer<typeof resultUnitSchema>;

export const resultComponentSchema = z.object({
  component: z.string(),
  type: z.enum(COMPONENT_TYPES),
  label: z.string(),
  totalOre: z.string(),
  unallocatedOre: z.string(),
  monthAmountOre: z.string().optional(),
});
export type ResultComponent = z.infer<typeof resultComponentSchema>;

export const runWarningSchema = z.object({
  code: z.enum([
    "ages_without_weight",
    "per_event_budget_overrun",
    "pool_unallocated",
    "grant_unit_missing",
    "unknown_snapshot_field",
  ]),
  message: z.string(),
  component: z.string().optional(),
  hsaId: z.string().optional(),
});
export type RunWarning = z.infer<typeof runWarningSchema>;

/** The result of a run, FORMATS.md "Reimbursement". */
export const runResultSchema = z.object({
  model: z.string(),
  month: z.string(),
  inputsSha256: z.string(),
  units: z.array(resultUnitSchema),
  components: z.array(resultComponentSchema),
  totalOre: z.string(),
  dueOre: z.string(),
  warnings: z.array(runWarningSchema),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const runDetailSchema = runSummarySchema.extend({ result: runResultSchema });
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runVerificationSchema = z.object({
  id: z.number(),
  reproduced: z.boolean(),
  resultSha256: z.string(),
  recomputedSha256: z.string(),
});
export type RunVerification = z.infer<typeof runVerificationSchema>;

// ---------------------------------------------------------------- year summary and budget

export const yearSummarySchema = z.object({
  region: z.string(),
  year: z.string(),
  /** The approved months the sums cover. */
  months: z.array(z.object({ month: z.string(), runId: z.number() })),
  components: z.array(
    z.object({ component: z.string(), label: z.string(), totalOre: z.string(), unallocatedOre: z.string() }),
  ),
  units: z.array(
    z.object({
      hsaId: z.string(),
      unitName: z.string(),
      components: z.array(z.object({ component: z.string(), totalOre: z.string() })),
      totalOre: z.string(),
    }),
  ),
  totalOre: z.string(),
});
export type YearSummary = z.infer<typeof yearSummarySchema>;

export const budgetLineSchema = z.object({
  component: z.string(),
  label: z.string(),
  type: z.string(),
  /** The year's budget line in öre; null where the model has none (capitation). */
  annualOre: z.string().nullable(),
  /** Paid in the approved runs of the year so far. */
  yearToDateOre: z.string(),
  unallocatedOre: z.string(),
  /** yearToDate ÷ annual as a decimal string; null without a budget line. */
  share: z.string().nullable(),
  /** The share of the year's months that are approved, as a decimal string. */
  monthsShare: z.string(),
  /** Year to date above the annual amount. */
  overrun: z.boolean(),
  /** On course to pass the annual amount (year to date ÷ months × 12). */
  projectedOverrun: z.boolean(),
  warning: z.string().nullable(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const budgetSchema = z.object({
  region: z.string(),
  year: z.string(),
  months: z.array(z.string()),
  modelId: z.string().nullable(),
  modelVersion: z.number().nullable(),
  components: z.array(budgetLineSchema),
});
export type Budget = z.infer<typeof budgetSchema>;

// ---------------------------------------------------------------- scenarios

const scenarioModelSchema = z.object({
  id: z.number(),
  modelId: z.string(),
  version: z.number(),
  inputsSha256: z.string(),
});

export const scenarioRowSchema = z.object({
  hsaId: z.string(),
  unitName: z.string(),
  component: z.string(),
  aOre: z.string(),
  bOre: z.string(),
  diffOre: z.string(),
});

export const scenarioComparisonSchema = z.object({
  region: z.string(),
  month: z.string(),
  modelA: scenarioModelSchema,
  modelB: scenarioModelSchema,
  rows: z.array(scenarioRowSchema),
  /** Per component over all units, then one with component "total". */
  totals: z.array(
    z.object({ component: z.string(), aOre: z.string(), bOre: z.string(), diffOre: z.string() }),
  ),
  notes: z.array(z.string()),
});
export type ScenarioComparison = z.infer<typeof scenarioComparisonSchema>;

// ---------------------------------------------------------------- unit reports and imports

export const unitReportViewSchema = z.object({
  unit: z.object({ hsaId: z.string(), name: z.string() }),
  month: z.string(),
  multimorbidIdentified: z.number().nullable(),
  homeVisits: z.number().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** The month has an approved run: the report can no longer change. */
  locked: z.boolean(),
});
export type UnitReportView = z.infer<typeof unitReportViewSchema>;

export const importSummarySchema = z.object({
  kind: z.enum(REIMBURSEMENT_IMPORT_KINDS),
  read: z.number(),
  imported: z.number(),
  updated: z.number(),
  rejected: z.number(),
  /** The first 1000 rejections, in file order. */
  rejections: z.array(z.object({ line: z.number(), reason: z.string() })),
});
