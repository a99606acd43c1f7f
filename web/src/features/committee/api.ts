import { queryOptions } from "@tanstack/react-query";
import type {
  DashboardResponse,
  KommunMapResponse,
  KommunOutlinesResponse,
  PromisesResponse,
} from "../../../../src/modules/committee/committee.schemas.ts";
import { apiRequest } from "../../api/client.ts";

// The committee's API, typed by the server's own schemas (src/modules/committee/committee.schemas.ts).

export type { DashboardResponse, KommunMapResponse, KommunOutlinesResponse, PromisesResponse };
export type PromiseView = PromisesResponse["promises"][number];
export type KommunRow = KommunMapResponse["kommuner"][number];

export const dashboardQuery = (region: string) =>
  queryOptions({
    queryKey: ["committee", "dashboard", region],
    queryFn: ({ signal }) =>
      apiRequest<DashboardResponse>(`/api/committee/dashboard?region=${encodeURIComponent(region)}`, {
        signal,
      }),
  });

export const promisesQuery = (region: string) =>
  queryOptions({
    queryKey: ["committee", "promises", region],
    queryFn: ({ signal }) =>
      apiRequest<PromisesResponse>(`/api/committee/promises?region=${encodeURIComponent(region)}`, {
        signal,
      }),
  });

export const kommunMapQuery = (region: string, period: string) =>
  queryOptions({
    queryKey: ["committee", "kommun-map", region, period],
    queryFn: ({ signal }) =>
      apiRequest<KommunMapResponse>(
        `/api/committee/kommun-map?region=${encodeURIComponent(region)}&period=${encodeURIComponent(period)}`,
        { signal },
      ),
  });

export const outlinesQuery = (region: string) =>
  queryOptions({
    queryKey: ["committee", "outlines", region],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) =>
      apiRequest<KommunOutlinesResponse>(`/api/geo/kommuner?region=${encodeURIComponent(region)}`, {
        signal,
      }),
  });

export function quarterlyReportUrl(region: string, quarter: string, language: string): string {
  const lang = language === "en" ? "en" : "sv";
  return `/api/reports/quarterly?region=${encodeURIComponent(region)}&quarter=${quarter}&lang=${lang}`;
}
