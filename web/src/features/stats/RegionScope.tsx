import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Region, Unit } from "../../api/types.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { unitsQuery } from "../units/api.ts";
import { RegionPicker } from "../units/RegionPicker.tsx";

interface RegionScopeProps {
  requested: string | undefined;
  onRegionChange: (code: string) => void;
  /**
   * The page for the chosen region, with its units and the server's "today" (Stockholm date, from the
   * units answer: the browser's clock may differ from the server's).
   */
  children: (scope: { region: Region; units: Unit[]; today: string }) => ReactNode;
}

/** The region picker, then the chosen region's units, then the page. */
export function RegionScope({ requested, onRegionChange, children }: RegionScopeProps) {
  const { t } = useTranslation();
  return (
    <RegionPicker
      requested={requested}
      onChange={onRegionChange}
      label={t("stats.region")}
      loadingLabel={t("stats.loading")}
    >
      {(region) => <RegionUnitsScope region={region}>{children}</RegionUnitsScope>}
    </RegionPicker>
  );
}

function RegionUnitsScope({ region, children }: { region: Region; children: RegionScopeProps["children"] }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery(region.code));
  if (units.isPending) return <LoadingState label={t("stats.loading")} />;
  if (units.isError) {
    return (
      <LoadError title={t("units.loadFailed")} error={units.error} onRetry={() => void units.refetch()} />
    );
  }
  const today = units.data[0]?.today.date ?? new Date().toISOString().slice(0, 10);
  return <>{children({ region, units: units.data, today })}</>;
}

/** A statistics page: its title, a line of introduction, then the region scope. */
export function RegionScopedPage({
  title,
  intro,
  ...scope
}: RegionScopeProps & { title: string; intro: string }) {
  return (
    <Page title={title}>
      <Text mb="md" maw={760}>
        {intro}
      </Text>
      <RegionScope {...scope} />
    </Page>
  );
}
