// The transfers HTTP API as typed queries and calls. The shapes are the server's own zod schemas
// (src/modules/transfers/transfers.schemas.ts), imported as types only, so a change there breaks the build
// here instead of the page. Money arrives as öre (gap) or kronor text (register) and is never a float.
import { queryOptions } from "@tanstack/react-query";
import type {
  TransferEdit,
  TransferGap,
  TransferGapYears,
  TransferHistory,
  TransferInput,
  TransferList,
  TransferView,
  UnitChoices,
  UnitTransfers,
  VolumeReport,
  VolumeReportResult,
} from "../../../../src/modules/transfers/transfers.schemas.ts";
import { apiRequest } from "../../api/client.ts";

export type {
  TransferEdit,
  TransferGap,
  TransferGapYears,
  TransferHistory,
  TransferInput,
  TransferList,
  TransferView,
  UnitChoices,
  UnitTransfers,
  VolumeReport,
  VolumeReportResult,
};
export type TransferStatus = TransferView["status"];
export const TRANSFER_STATUSES: readonly TransferStatus[] = ["proposed", "decided", "in_effect", "ended"];

const BASE = "/api/transfers";

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** Every query of these pages sits under this key, so one invalidation refreshes register, gap and units. */
export const TRANSFERS_KEY = ["transfers"] as const;

export const transferListQuery = (region: string) =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, "list", region],
    queryFn: ({ signal }) => apiRequest<TransferList>(`${BASE}${query({ region })}`, { signal }),
  });

export const transferHistoryQuery = (region: string, id: string) =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, "history", region, id],
    queryFn: ({ signal }) =>
      apiRequest<TransferHistory>(`${BASE}/${encodeURIComponent(id)}/history${query({ region })}`, {
        signal,
      }),
  });

export const transferGapQuery = (region: string, year: number) =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, "gap", region, year],
    queryFn: ({ signal }) => apiRequest<TransferGap>(`${BASE}/gap${query({ region, year })}`, { signal }),
  });

export const transferGapYearsQuery = (region: string) =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, "gap-years", region],
    queryFn: ({ signal }) =>
      apiRequest<TransferGapYears>(`${BASE}/gap/years${query({ region })}`, { signal }),
  });

export const unitChoicesQuery = queryOptions({
  queryKey: [...TRANSFERS_KEY, "unit-choices"],
  queryFn: ({ signal }) => apiRequest<UnitChoices>(`${BASE}/units`, { signal }),
});

export const unitTransfersQuery = (hsaId: string, year: number) =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, "unit", hsaId, year],
    queryFn: ({ signal }) =>
      apiRequest<UnitTransfers>(`${BASE}/units/${encodeURIComponent(hsaId)}${query({ year })}`, { signal }),
  });

export function gapDownloadUrl(region: string, year: number, kind: "xlsx" | "csv"): string {
  return kind === "xlsx"
    ? `${BASE}/gap.xlsx${query({ region, year })}`
    : `${BASE}/gap${query({ region, year, format: "csv" })}`;
}

export function createTransfer(region: string, body: TransferInput): Promise<TransferView> {
  return apiRequest<TransferView>(`${BASE}${query({ region })}`, { method: "POST", body });
}

export function updateTransfer(region: string, id: string, body: TransferEdit): Promise<TransferView> {
  return apiRequest<TransferView>(`${BASE}/${encodeURIComponent(id)}${query({ region })}`, {
    method: "PUT",
    body,
  });
}

export function reportVolume(body: VolumeReport): Promise<VolumeReportResult> {
  return apiRequest<VolumeReportResult>(`${BASE}/volumes`, { method: "PUT", body });
}
