import { NativeSelect, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Region, User } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { regionsQuery } from "./api.ts";
import { RegionUnits } from "./RegionUnits.tsx";

const unitsRoute = getRouteApi("/_app/enheter");

/** The region in the address if the user may see it, else the user's own region, else the first visible. */
function chosenRegion(regions: readonly Region[], requested: string | undefined, user: User): Region | null {
  return (
    regions.find((region) => region.code === requested) ??
    regions.find((region) => region.code === user.regionCode) ??
    regions[0] ??
    null
  );
}

export function UnitsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const search = unitsRoute.useSearch();
  const navigate = unitsRoute.useNavigate();
  const regions = useQuery(regionsQuery);

  if (regions.isPending) {
    return (
      <Page title={t("units.title")}>
        <LoadingState label={t("units.loading")} />
      </Page>
    );
  }
  if (regions.isError) {
    return (
      <Page title={t("units.title")}>
        <LoadError
          title={t("units.regionsFailed")}
          error={regions.error}
          onRetry={() => void regions.refetch()}
        />
      </Page>
    );
  }

  const region = chosenRegion(regions.data, search.region, user);
  return (
    <Page title={t("units.title")}>
      {region === null ? (
        <Text>{t("units.noRegions")}</Text>
      ) : (
        <>
          {regions.data.length > 1 ? (
            <NativeSelect
              label={t("units.region")}
              value={region.code}
              data={regions.data.map((r) => ({ value: r.code, label: r.name }))}
              onChange={(event) => void navigate({ search: { region: event.currentTarget.value } })}
              maw={320}
              mb="md"
            />
          ) : (
            <Text fz="lg" mb="md">
              {region.name}
            </Text>
          )}
          {/* Keyed by region: another region's units start with fresh filters (its kommuner differ). */}
          <RegionUnits key={region.code} region={region} />
        </>
      )}
    </Page>
  );
}
