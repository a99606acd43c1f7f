import { queryOptions } from "@tanstack/react-query";
import type {
  OpenDataAccessibility,
  OpenDataMonths,
  OpenDataRegions,
} from "../../../../src/modules/open-data/open-data.schemas.ts";
import { apiRequest } from "../../api/client.ts";

// The public open-data API (FORMATS.md "Open data"): no session. The types are the server's zod schemas.

export type { OpenDataAccessibility, OpenDataMonths, OpenDataRegions };
export type OpenDataUnit = OpenDataAccessibility["units"][number];
export type OpenDataGroups = Pick<OpenDataUnit, "phone" | "resident" | "assessment">;

export const openDataRegionsQuery = queryOptions({
  queryKey: ["open-data", "regions"],
  queryFn: ({ signal }) => apiRequest<OpenDataRegions>("/api/public/regions", { signal }),
});

export function openDataMonthsQuery(region: string) {
  return queryOptions({
    queryKey: ["open-data", "months", region],
    queryFn: ({ signal }) =>
      apiRequest<OpenDataMonths>(`/api/public/accessibility/months?region=${encodeURIComponent(region)}`, {
        signal,
      }),
  });
}

/** The address of one published month: JSON for the page and the JSON download, or the CSV file. */
export function openDataUrl(region: string, month: string, format?: "csv"): string {
  const params = new URLSearchParams({ region, month });
  if (format !== undefined) params.set("format", format);
  return `/api/public/accessibility?${params.toString()}`;
}

export function openDataQuery(region: string, month: string) {
  return queryOptions({
    queryKey: ["open-data", "accessibility", region, month],
    queryFn: ({ signal }) => apiRequest<OpenDataAccessibility>(openDataUrl(region, month), { signal }),
  });
}
