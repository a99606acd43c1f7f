// The reimbursement HTTP API (CONTRACTS.md "Reimbursement HTTP API") as typed queries and calls. Money
// arrives as whole öre in decimal strings and stays a string until money.ts formats it.
import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "../../api/client.ts";
import type { ResultComponent, ResultUnit } from "./tables.ts";

const BASE = "/api/reimbursement";

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

// --- Models -------------------------------------------------------------------------------------

export interface AgeWeight {
  from: number;
  to: number | null;
  weight: string;
}

interface ComponentBase {
  id: string;
  label: string;
}

export type PoolKey =
  | "listed"
  | "ruralPointsTimesListed"
  | "multimorbidIdentified"
  | "homeVisits"
  | "sameDayGoalMetTimesListed";

export type ModelComponent =
  | (ComponentBase & {
      type: "capitation";
      annualPricePerPoint: string;
      ageWeights: AgeWeight[];
      indices?: string[];
    })
  | (ComponentBase & {
      type: "pool";
      annualAmount: string;
      key: PoolKey;
      minRuralPoints?: number | string;
      sameDayThreshold?: string;
    })
  | (ComponentBase & { type: "perEvent"; event: "homeVisits"; price: string; annualBudget?: string })
  | (ComponentBase & {
      type: "grant";
      grants: { unit: string; annualAmount: string; from: string; to: string }[];
    });

/** The model file, FORMATS.md "Reimbursement". */
export interface ModelDocument {
  id: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  components: ModelComponent[];
}

export interface ModelSummary {
  /** The row id of this version (what runs and scenarios refer to). */
  id: number;
  modelId: string;
  version: number;
  purpose: "payment" | "scenario";
  validFrom: string;
  validTo: string | null;
  locked: boolean;
  name: string;
  components: number;
  sameDayRateKind?: string;
  createdAt: string;
  createdBy: string;
}

export interface ModelDetail extends ModelSummary {
  regionCode: string;
  lockedAt: string | null;
  model: ModelDocument;
}

/** A model version as people pick it: its name, then id and version ("… (vasternorrland-2026 v1)"). */
export function modelLabel(model: ModelSummary): string {
  return `${model.name} (${model.modelId} v${model.version})`;
}

export function modelsQuery(region: string) {
  return queryOptions({
    queryKey: ["reimbursement", "models", region],
    queryFn: ({ signal }) =>
      apiRequest<{ models: ModelSummary[] }>(`${BASE}/models${query({ region })}`, { signal }),
    select: (data) => data.models,
  });
}

export function modelQuery(id: number) {
  return queryOptions({
    queryKey: ["reimbursement", "model", id],
    queryFn: ({ signal }) => apiRequest<ModelDetail>(`${BASE}/models/${id}`, { signal }),
  });
}

export function uploadModel(region: string, model: unknown): Promise<ModelSummary> {
  return apiRequest<ModelSummary>(`${BASE}/models${query({ region })}`, { method: "POST", body: model });
}

// --- Runs ---------------------------------------------------------------------------------------

export type RunStatus = "draft" | "approved";

export interface RunSummary {
  id: number;
  month: string;
  modelId: string;
  modelVersion: number;
  status: RunStatus;
  totalOre: string;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  inputsSha256: string;
  regionCode: string;
  modelRowId: number;
  approvedBy: string | null;
  resultSha256: string;
  notes: string[];
}

export interface RunResult {
  model: string;
  month: string;
  inputsSha256: string;
  units: ResultUnit[];
  components: (ResultComponent & { type?: string; monthAmountOre?: string })[];
  totalOre: string;
  dueOre?: string;
  warnings?: RunWarning[];
}

export interface RunWarning {
  code: string;
  message: string;
  component?: string;
  hsaId?: string;
}

export interface RunDetail extends RunSummary {
  result: RunResult;
}

export function runsQuery(region: string, month?: string) {
  return queryOptions({
    queryKey: ["reimbursement", "runs", region, month ?? null],
    queryFn: ({ signal }) =>
      apiRequest<{ runs: RunSummary[] }>(`${BASE}/runs${query({ region, month })}`, { signal }),
    select: (data) => data.runs,
  });
}

export function runQuery(id: number) {
  return queryOptions({
    queryKey: ["reimbursement", "run", id],
    queryFn: ({ signal }) => apiRequest<RunDetail>(`${BASE}/runs/${id}`, { signal }),
  });
}

export function startRun(input: { region: string; month: string; modelId?: number }): Promise<RunSummary> {
  return apiRequest<RunSummary>(`${BASE}/runs`, { method: "POST", body: input });
}

export function approveRun(id: number): Promise<RunSummary> {
  return apiRequest<RunSummary>(`${BASE}/runs/${id}/approve`, { method: "POST", body: {} });
}

export function specificationUrl(runId: number, hsaId: string): string {
  return `${BASE}/runs/${runId}/units/${encodeURIComponent(hsaId)}/specification.pdf`;
}

export function exportUrl(runId: number): string {
  return `${BASE}/runs/${runId}/export.xlsx`;
}

// --- Year summary and budget --------------------------------------------------------------------

export interface YearSummary {
  region: string;
  year: string;
  /** The approved months the sums cover. */
  months: { month: string; runId: number }[];
  components: { component: string; label: string; totalOre: string; unallocatedOre: string }[];
  units: {
    hsaId: string;
    unitName: string;
    components: { component: string; totalOre: string }[];
    totalOre: string;
  }[];
  totalOre: string;
}

export function yearSummaryQuery(region: string, year: number) {
  return queryOptions({
    queryKey: ["reimbursement", "year-summary", region, year],
    queryFn: ({ signal }) =>
      apiRequest<YearSummary>(`${BASE}/year-summary${query({ region, year })}`, { signal }),
  });
}

export interface BudgetLine {
  component: string;
  label: string;
  type: string;
  /** The year's budget line in öre; null where the model has none (capitation). */
  annualOre: string | null;
  /** Paid in the approved runs of the year so far. */
  yearToDateOre: string;
  unallocatedOre: string;
  /** yearToDate ÷ annual as a decimal string; null without a budget line. */
  share: string | null;
  /** The share of the year's months that are approved, as a decimal string. */
  monthsShare: string;
  /** Year to date above the annual amount. */
  overrun: boolean;
  /** On course to pass the annual amount (year to date ÷ months × 12). */
  projectedOverrun: boolean;
  warning: string | null;
}

export interface Budget {
  region: string;
  year: string;
  months: string[];
  modelId: string | null;
  modelVersion: number | null;
  components: BudgetLine[];
}

export function budgetQuery(region: string, year: number) {
  return queryOptions({
    queryKey: ["reimbursement", "budget", region, year],
    queryFn: ({ signal }) => apiRequest<Budget>(`${BASE}/budget${query({ region, year })}`, { signal }),
  });
}

// --- Scenarios ----------------------------------------------------------------------------------

export interface ScenarioInput {
  region: string;
  month: string;
  modelA: number;
  modelB: number;
}

interface ScenarioModel {
  id: number;
  modelId: string;
  version: number;
  inputsSha256: string;
}

export interface ScenarioAnswer {
  region: string;
  month: string;
  modelA: ScenarioModel;
  modelB: ScenarioModel;
  rows: { hsaId: string; unitName: string; component: string; aOre: string; bOre: string; diffOre: string }[];
  /** Per component over all units, then one with component "total". */
  totals: { component: string; aOre: string; bOre: string; diffOre: string }[];
  notes: string[];
}

export function scenarioQuery(input: ScenarioInput) {
  return queryOptions({
    queryKey: ["reimbursement", "scenario", input],
    queryFn: ({ signal }) =>
      apiRequest<ScenarioAnswer>(`${BASE}/scenarios`, { method: "POST", body: input, signal }),
    // The same inputs always compute the same comparison; no need to refetch while the page is open.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function scenarioCsvUrl(input: ScenarioInput): string {
  return `${BASE}/scenarios.csv${query({ ...input })}`;
}

// --- Unit reports -------------------------------------------------------------------------------

export interface UnitReport {
  multimorbidIdentified: number | null;
  homeVisits: number | null;
}

export interface UnitReportView extends UnitReport {
  unit: { hsaId: string; name: string };
  month: string;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The month has an approved run: the report can no longer change. */
  locked: boolean;
}

export function unitReportQuery(unit: string, month: string) {
  return queryOptions({
    queryKey: ["reimbursement", "unit-report", unit, month],
    queryFn: ({ signal }) =>
      apiRequest<UnitReportView>(`${BASE}/unit-reports${query({ unit, month })}`, { signal }),
  });
}

export function saveUnitReport(unit: string, month: string, report: UnitReport): Promise<UnitReportView> {
  return apiRequest<UnitReportView>(`${BASE}/unit-reports${query({ unit, month })}`, {
    method: "PUT",
    body: report,
  });
}
