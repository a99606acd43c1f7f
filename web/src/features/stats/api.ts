import { queryOptions } from "@tanstack/react-query";
import { apiRequest, apiUpload } from "../../api/client.ts";
import type {
  AccessibilityAnswer,
  ForecastAnswer,
  Heatmap,
  ImportFormat,
  ImportStarted,
  ImportStatus,
  ReferenceValue,
  ReferenceValueList,
} from "./types.ts";

export interface StatsFilter {
  region: string;
  /** Inclusive Stockholm dates, YYYY-MM-DD. */
  from: string;
  to: string;
  /** null for the whole region. */
  unit: string | null;
}

function searchOf(entries: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  return params.toString();
}

export type Granularity = "month" | "year";

/** The address of the accessibility figures: JSON for the page, or a CSV / Excel file to download. */
export function accessibilityUrl(
  filter: StatsFilter,
  format?: "csv" | "xlsx",
  by: Granularity = "month",
): string {
  return `/api/stats/accessibility?${searchOf({
    region: filter.region,
    from: filter.from,
    to: filter.to,
    by,
    unit: filter.unit,
    format,
  })}`;
}

export function accessibilityQuery(filter: StatsFilter, by: Granularity = "month") {
  return queryOptions({
    queryKey: ["stats", "accessibility", filter, by],
    queryFn: ({ signal }) =>
      apiRequest<AccessibilityAnswer>(accessibilityUrl(filter, undefined, by), { signal }),
  });
}

export function heatmapQuery(filter: StatsFilter) {
  const search = searchOf({ region: filter.region, from: filter.from, to: filter.to, unit: filter.unit });
  return queryOptions({
    queryKey: ["stats", "heatmap", filter],
    queryFn: ({ signal }) => apiRequest<Heatmap>(`/api/stats/heatmap?${search}`, { signal }),
  });
}

export const referenceValuesQuery = queryOptions({
  queryKey: ["stats", "reference-values"],
  queryFn: async ({ signal }) =>
    (await apiRequest<ReferenceValueList>("/api/stats/reference-values", { signal })).values.sort(
      (a, b) => b.year - a.year,
    ),
});

export function saveReferenceValue(value: ReferenceValue): Promise<ReferenceValue> {
  return apiRequest<ReferenceValue>(`/api/stats/reference-values/${value.year}`, {
    method: "PUT",
    body: { nationalPhoneRate: value.nationalPhoneRate, goal: value.goal },
  });
}

export function startContactsImport(file: Blob, region: string, format: ImportFormat, unit: string | null) {
  const search = searchOf({ region, format, unit: format === "asterisk-queue-log" ? unit : null });
  // A queue_log is plain text, not CSV; the server reads both as the raw body.
  const contentType = format === "asterisk-queue-log" ? "text/plain" : "text/csv";
  return apiUpload<ImportStarted>(`/api/imports/contacts?${search}`, file, contentType);
}

export function importStatusQuery(importId: string) {
  return queryOptions({
    queryKey: ["imports", importId],
    queryFn: ({ signal }) =>
      apiRequest<ImportStatus>(`/api/imports/${encodeURIComponent(importId)}`, { signal }),
    // Poll while the import runs; a finished import does not change, and a failed request shows its error.
    refetchInterval: (query) =>
      query.state.status !== "error" && (query.state.data?.status ?? "running") === "running" ? 1000 : false,
    staleTime: 0,
  });
}

export function forecastQuery(params: {
  region: string;
  date: string;
  unit: string | null;
  /** null: each unit's own configured handle time. */
  handleMinutes: number | null;
}) {
  const search = searchOf({
    region: params.region,
    date: params.date,
    unit: params.unit,
    handleMinutes: params.handleMinutes,
  });
  return queryOptions({
    queryKey: ["forecast", params],
    queryFn: ({ signal }) => apiRequest<ForecastAnswer>(`/api/forecast?${search}`, { signal }),
  });
}
