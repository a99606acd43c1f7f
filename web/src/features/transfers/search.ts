// Search parameters of the transfer pages, validated where the router reads them (small, loaded with the
// app so the routes can be declared before the pages load).
import type { TransferStatus } from "./api.ts";

const STATUSES: readonly string[] = ["proposed", "decided", "in_effect", "ended"];

export interface RegisterSearch {
  region?: string;
  status?: TransferStatus;
  year?: number;
}

export interface GapSearch {
  region?: string;
  year?: number;
}

export interface UnitSearch {
  unit?: string;
  year?: number;
}

function year(value: unknown): { year?: number } {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 2000 && n <= 2100 ? { year: n } : {};
}

function region(value: unknown): { region?: string } {
  return typeof value === "string" && /^\d{2}$/.test(value) ? { region: value } : {};
}

export function validateRegisterSearch(search: Record<string, unknown>): RegisterSearch {
  return {
    ...region(search.region),
    ...year(search.year),
    ...(typeof search.status === "string" && STATUSES.includes(search.status)
      ? { status: search.status as TransferStatus }
      : {}),
  };
}

export function validateGapSearch(search: Record<string, unknown>): GapSearch {
  return { ...region(search.region), ...year(search.year) };
}

export function validateUnitSearch(search: Record<string, unknown>): UnitSearch {
  const unit = typeof search.unit === "string" && /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(search.unit);
  return { ...(unit ? { unit: search.unit as string } : {}), ...year(search.year) };
}
