// The reimbursement HTTP API (docs/API.md; shapes in src/modules/reimbursement/reimbursement.schemas.ts) as
// typed queries and calls. Money arrives as whole öre in decimal strings and stays a string until
// money.ts formats it.
import { queryOptions } from "@tanstack/react-query";
import type {
  Budget,
  ModelView as ModelDetail,
  ModelList,
  ModelSummary,
  RunDetail,
  RunList,
  RunSummary,
  ScenarioComparison as ScenarioAnswer,
  ScenarioRequest,
  UnitReport,
  UnitReportView,
  YearSummary,
} from "../../../../src/modules/reimbursement/reimbursement.schemas.ts";
import { apiRequest } from "../../api/client.ts";

export type {
  Budget,
  BudgetLine,
  ModelComponent,
  ModelDocument,
  ModelSummary,
  ModelView as ModelDetail,
  RunDetail,
  RunResult,
  RunStatus,
  RunSummary,
  RunWarning,
  ScenarioComparison as ScenarioAnswer,
  UnitReport,
  UnitReportView,
  YearSummary,
} from "../../../../src/modules/reimbursement/reimbursement.schemas.ts";

const BASE = "/api/reimbursement";

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

// --- Models -------------------------------------------------------------------------------------

/** A model version as people pick it: its name, then id and version ("… (vasternorrland-2026 v1)"). */
export function modelLabel(model: ModelSummary): string {
  return `${model.name} (${model.modelId} v${model.version})`;
}

export function modelsQuery(region: string) {
  return queryOptions({
    queryKey: ["reimbursement", "models", region],
    queryFn: ({ signal }) => apiRequest<ModelList>(`${BASE}/models${query({ region })}`, { signal }),
    select: (data) => data.models,
  });
}

export function modelQuery(id: number) {
  return queryOptions({
    queryKey: ["reimbursement", "model", id],
    queryFn: ({ signal }) => apiRequest<ModelDetail>(`${BASE}/models/${id}`, { signal }),
  });
}

export function uploadModel(region: string, model: unknown): Promise<ModelDetail> {
  return apiRequest<ModelDetail>(`${BASE}/models${query({ region })}`, { method: "POST", body: model });
}

// --- Runs ---------------------------------------------------------------------------------------

export function runsQuery(region: string, month?: string) {
  return queryOptions({
    queryKey: ["reimbursement", "runs", region, month ?? null],
    queryFn: ({ signal }) => apiRequest<RunList>(`${BASE}/runs${query({ region, month })}`, { signal }),
    select: (data) => data.runs,
  });
}

export function runQuery(id: number) {
  return queryOptions({
    queryKey: ["reimbursement", "run", id],
    queryFn: ({ signal }) => apiRequest<RunDetail>(`${BASE}/runs/${id}`, { signal }),
  });
}

export function startRun(input: { region: string; month: string; modelId?: number }): Promise<RunDetail> {
  return apiRequest<RunDetail>(`${BASE}/runs`, { method: "POST", body: input });
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

export function yearSummaryQuery(region: string, year: number) {
  return queryOptions({
    queryKey: ["reimbursement", "year-summary", region, year],
    queryFn: ({ signal }) =>
      apiRequest<YearSummary>(`${BASE}/year-summary${query({ region, year })}`, { signal }),
  });
}

export function budgetQuery(region: string, year: number) {
  return queryOptions({
    queryKey: ["reimbursement", "budget", region, year],
    queryFn: ({ signal }) => apiRequest<Budget>(`${BASE}/budget${query({ region, year })}`, { signal }),
  });
}

// --- Scenarios ----------------------------------------------------------------------------------

/** The scenario request, with the models as the row ids of their versions (what the pages pick). */
export type ScenarioInput = ScenarioRequest & { modelA: number; modelB: number };

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
