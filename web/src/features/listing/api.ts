import { queryOptions } from "@tanstack/react-query";
import type {
  ListingFlowsResponse,
  ListingOverviewResponse,
} from "../../../../src/modules/listing/listing.schemas.ts";
import type {
  ScenarioInput,
  StructureScenarioResponse,
  UnitStructureResponse,
} from "../../../../src/modules/structure/structure.schemas.ts";
import { apiRequest } from "../../api/client.ts";

// The listing and unit-structure API; the answer types are the server's zod schemas (z.infer).

export type {
  ListingFlowsResponse,
  ListingOverviewResponse,
  StructureScenarioResponse,
  UnitStructureResponse,
};
export type FlowGrouping = ListingFlowsResponse["by"];
export type ScenarioRequest = ScenarioInput;

function query(entries: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== "") params.set(k, v);
  return params.toString();
}

export function listingOverviewQuery(region: string, from: string, to: string, unit?: string) {
  return queryOptions({
    queryKey: ["listing", "overview", region, from, to, unit ?? ""],
    queryFn: ({ signal }) =>
      apiRequest<ListingOverviewResponse>(`/api/listing/overview?${query({ region, from, to, unit })}`, {
        signal,
      }),
  });
}

export function listingFlowsQuery(region: string, from: string, to: string, by: FlowGrouping) {
  return queryOptions({
    queryKey: ["listing", "flows", region, from, to, by],
    queryFn: ({ signal }) =>
      apiRequest<ListingFlowsResponse>(`/api/listing/flows?${query({ region, from, to, by })}`, { signal }),
  });
}

export function unitStructureQuery(region: string, month: string | undefined) {
  return queryOptions({
    queryKey: ["structure", region, month ?? "latest"],
    queryFn: ({ signal }) =>
      apiRequest<UnitStructureResponse>(`/api/structure/units?${query({ region, month })}`, { signal }),
  });
}

export function runScenario(body: ScenarioRequest): Promise<StructureScenarioResponse> {
  return apiRequest<StructureScenarioResponse>("/api/structure/scenario", { method: "POST", body });
}
