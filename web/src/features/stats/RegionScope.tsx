import { NativeSelect, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Region, Unit, User } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { regionsQuery, unitsQuery } from "../units/api.ts";

/** The region in the address if the user may see it, else the user's own region, else the first visible. */
export function chosenRegion(
  regions: readonly Region[],
  requested: string | undefined,
  user: User,
): Region | null {
  return (
    regions.find((region) => region.code === requested) ??
    regions.find((region) => region.code === user.regionCode) ??
    regions[0] ??
    null
  );
}

interface RegionScopeProps {
  requested: string | undefined;
  onRegionChange: (code: string) => void;
  /**
   * The page for the chosen region, with its units and the server's "today" (Stockholm date, from the
   * units answer: the browser's clock may differ from the server's).
   */
  children: (scope: { region: Region; units: Unit[]; today: string }) => ReactNode;
}

/**
 * Loads the regions the user may see (the server scopes them: users see only their own region) and the
 * chosen region's units, offers a region picker when there is more than one, then renders the page.
 */
export function RegionScope({ requested, onRegionChange, children }: RegionScopeProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const regions = useQuery(regionsQuery);
  const region = regions.data ? chosenRegion(regions.data, requested, user) : null;
  const units = useQuery({ ...unitsQuery(region?.code ?? ""), enabled: region !== null });

  if (regions.isPending) return <LoadingState label={t("stats.loading")} />;
  if (regions.isError) {
    return (
      <LoadError
        title={t("units.regionsFailed")}
        error={regions.error}
        onRetry={() => void regions.refetch()}
      />
    );
  }
  if (region === null) return <Text>{t("units.noRegions")}</Text>;

  const picker =
    regions.data.length > 1 ? (
      <NativeSelect
        label={t("stats.region")}
        value={region.code}
        data={regions.data.map((r) => ({ value: r.code, label: r.name }))}
        onChange={(event) => onRegionChange(event.currentTarget.value)}
        maw={320}
        mb="md"
      />
    ) : (
      <Text fz="lg" mb="md">
        {region.name}
      </Text>
    );

  if (units.isPending) {
    return (
      <>
        {picker}
        <LoadingState label={t("stats.loading")} />
      </>
    );
  }
  if (units.isError) {
    return (
      <>
        {picker}
        <LoadError title={t("units.loadFailed")} error={units.error} onRetry={() => void units.refetch()} />
      </>
    );
  }
  const today = units.data[0]?.today.date ?? new Date().toISOString().slice(0, 10);
  return (
    <>
      {picker}
      {children({ region, units: units.data, today })}
    </>
  );
}
