import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "../../api/client.ts";
import type { Region, Unit } from "../../api/types.ts";

/** The regions the signed-in user may see (the server scopes the list by role). */
export const regionsQuery = queryOptions({
  queryKey: ["regions"],
  queryFn: ({ signal }) => apiRequest<Region[]>("/api/regions", { signal }),
  staleTime: 5 * 60_000,
});

export function unitsQuery(regionCode: string) {
  return queryOptions({
    queryKey: ["regions", regionCode, "units"],
    queryFn: ({ signal }) =>
      apiRequest<Unit[]>(`/api/regions/${encodeURIComponent(regionCode)}/units`, { signal }),
  });
}
