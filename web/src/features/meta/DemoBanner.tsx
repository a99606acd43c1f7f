import { queryOptions, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiRequest } from "../../api/client.ts";
import type { Meta } from "../../api/types.ts";

/** The deployment's facts (demo data, SITHS sign-in); fetched once. */
export const metaQuery = queryOptions({
  queryKey: ["meta"],
  queryFn: () => apiRequest<Meta>("/api/meta"),
  staleTime: Number.POSITIVE_INFINITY,
});

/** Shown on every page, signed in or not, whenever the deployment holds demo data. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { data } = useQuery(metaQuery);
  if (!data?.demo) return null;
  return (
    <div className="demo-banner" role="note">
      {t("app.demoBanner")}
    </div>
  );
}
