import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { unitsQuery } from "./api.ts";
import { UnitFiltersForm } from "./UnitFiltersForm.tsx";
import { UnitsTable } from "./UnitsTable.tsx";
import { filterUnits, kommunerOf, NO_FILTERS, type UnitFilters } from "./unit-filters.ts";

/** One region's units: filters, the count of matches (announced as it changes) and the table. */
export function RegionUnits({ region }: { region: Region }) {
  const { t } = useTranslation();
  const units = useQuery(unitsQuery(region.code));
  const [filters, setFilters] = useState<UnitFilters>(NO_FILTERS);
  const all = units.data;
  const kommuner = useMemo(() => (all ? kommunerOf(all) : []), [all]);
  const shown = useMemo(() => (all ? filterUnits(all, filters) : []), [all, filters]);

  if (units.isPending) return <LoadingState label={t("units.loading")} />;
  if (units.isError) {
    return (
      <LoadError title={t("units.loadFailed")} error={units.error} onRetry={() => void units.refetch()} />
    );
  }

  return (
    <>
      <UnitFiltersForm filters={filters} kommuner={kommuner} onChange={setFilters} />
      <Text role="status" aria-live="polite" fw={700} my="sm">
        {t("units.count", { count: shown.length, total: units.data.length })}
      </Text>
      <UnitsTable region={region} units={shown} date={units.data[0]?.today.date ?? null} />
    </>
  );
}
