import { queryOptions } from "@tanstack/react-query";
import type {
  GrantEffectDto,
  GrantSummaryDto,
  StaffingFormDto,
  StaffingFormRowDto,
  StaffingImportSummaryDto,
  StaffingStatsResponse,
  WhatIfResponse,
} from "../../../../src/modules/staffing/staffing.schemas.ts";
import { ApiError, apiRequest, currentCsrfToken } from "../../api/client.ts";

export type {
  GrantEffectDto,
  GrantSummaryDto,
  StaffingFormDto,
  StaffingFormRowDto,
  StaffingImportSummaryDto,
  StaffingStatsResponse,
  WhatIfResponse,
};
export type StaffingRow = StaffingStatsResponse["rows"][number];

export const staffingStatsQuery = (region: string, from: string, to: string) =>
  queryOptions({
    queryKey: ["staffing", "stats", region, from, to],
    queryFn: ({ signal }) =>
      apiRequest<StaffingStatsResponse>(`/api/staffing/stats?${new URLSearchParams({ region, from, to })}`, {
        signal,
      }),
  });

export function fetchWhatIf(region: string, month: string, unit: string, additionalGpFte: string) {
  return apiRequest<WhatIfResponse>(
    `/api/staffing/what-if?${new URLSearchParams({ region, month, unit, additionalGpFte })}`,
  );
}

export const grantsQuery = (region: string) =>
  queryOptions({
    queryKey: ["grants", region],
    queryFn: ({ signal }) =>
      apiRequest<GrantSummaryDto[]>(`/api/grants?${new URLSearchParams({ region })}`, { signal }),
  });

export const grantEffectQuery = (region: string, component: string) =>
  queryOptions({
    queryKey: ["grants", region, "effect", component],
    queryFn: ({ signal }) =>
      apiRequest<GrantEffectDto>(`/api/grants/effect?${new URLSearchParams({ region, component })}`, {
        signal,
      }),
  });

export const staffingFormQuery = (unit: string, month: string) =>
  queryOptions({
    queryKey: ["staffing", "form", unit, month],
    queryFn: ({ signal }) =>
      apiRequest<StaffingFormDto>(`/api/staffing/form?${new URLSearchParams({ unit, month })}`, { signal }),
  });

export function saveStaffingForm(unitHsaId: string, month: string, rows: StaffingFormRowDto[]) {
  return apiRequest<StaffingFormDto>("/api/staffing/form", {
    method: "PUT",
    body: { unitHsaId, month, rows },
  });
}

/**
 * Uploads a staffing CSV with XMLHttpRequest, the one browser API that reports upload progress (fetch
 * does not): `onProgress` gets the share sent, 0–1. The server answers with the import summary.
 */
export function uploadStaffingFile(
  region: string,
  file: Blob,
  onProgress: (share: number) => void,
): Promise<StaffingImportSummaryDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/staffing/imports?${new URLSearchParams({ region })}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("accept", "application/json");
    const token = currentCsrfToken();
    if (token !== null) xhr.setRequestHeader("x-csrf-token", token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network_error", "The server could not be reached."));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(
          new ApiError(xhr.status, "unexpected_response", "The server sent an answer that is not JSON."),
        );
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as StaffingImportSummaryDto);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? "unexpected_response",
          error?.message ?? `The server answered ${xhr.status}.`,
          error?.details ?? null,
        ),
      );
    };
    xhr.send(file);
  });
}
