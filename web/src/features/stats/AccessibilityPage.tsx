import { Alert, Button, Fieldset, Group, NativeSelect, Stack, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Region, Unit } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import {
  accessibilityQuery,
  accessibilityUrl,
  type Granularity,
  referenceValuesQuery,
  type StatsFilter,
} from "./api.ts";
import { defaultPeriod, firstDayOf, formatMonth, lastDayOf, monthChoices } from "./format.ts";
import { HeatmapSection } from "./HeatmapSection.tsx";
import { RegionScopedPage } from "./RegionScope.tsx";
import { type AccessibilitySearch, chosenUnit, scopedToOwnUnits, unitChoices } from "./search.ts";
import { TrendSection } from "./TrendSection.tsx";
import { UnitRatesTable } from "./UnitRatesTable.tsx";

const route = getRouteApi("/_app/tillganglighet");

export function AccessibilityPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <RegionScopedPage
      title={t("stats.title")}
      intro={t("stats.intro")}
      requested={search.region}
      onRegionChange={(region) => void navigate({ search: { region } })}
    >
      {({ region, units, today }) => (
        <AccessibilityView key={region.code} region={region} units={units} today={today} search={search} />
      )}
    </RegionScopedPage>
  );
}

interface ViewProps {
  region: Region;
  units: Unit[];
  today: string;
  search: AccessibilitySearch;
}

function AccessibilityView({ region, units, today, search }: ViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const user = useCurrentUser();
  const navigate = route.useNavigate();
  const choices = useMemo(() => unitChoices(units, user), [units, user]);
  const unit = chosenUnit(search.unit, choices, user.role);
  const fallback = defaultPeriod(today);
  const from = search.from ?? fallback.from;
  const to = search.to ?? fallback.to;
  const months = monthChoices(today);
  const names = useMemo(() => new Map(units.map((u) => [u.hsaId, u.name])), [units]);

  const update = (change: Partial<AccessibilitySearch>) =>
    void navigate({ search: (previous) => ({ ...previous, region: region.code, ...change }) });

  const periodValid = from <= to;
  const filter: StatsFilter = { region: region.code, from: firstDayOf(from), to: lastDayOf(to), unit };
  const scopeName = unit === null ? region.name : (names.get(unit) ?? unit);

  return (
    <Stack gap="lg">
      <Fieldset legend={t("stats.filters")} maw={960}>
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t("stats.from")}
            value={from}
            data={months.map((month) => ({ value: month, label: formatMonth(month, language) }))}
            onChange={(event) => update({ from: event.currentTarget.value })}
          />
          <NativeSelect
            label={t("stats.to")}
            value={to}
            data={months.map((month) => ({ value: month, label: formatMonth(month, language) }))}
            onChange={(event) => update({ to: event.currentTarget.value })}
          />
          <NativeSelect
            label={t("stats.unit")}
            value={unit ?? ""}
            data={[
              ...(scopedToOwnUnits(user.role) ? [] : [{ value: "", label: t("stats.wholeRegion") }]),
              ...choices.map((u) => ({ value: u.hsaId, label: u.name })),
            ]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update({ unit: value === "" ? undefined : value });
            }}
            miw={260}
          />
        </Group>
      </Fieldset>
      {periodValid ? (
        <Figures
          filter={filter}
          from={from}
          to={to}
          scopeName={scopeName}
          regionName={region.name}
          names={names}
          heat={search.heat ?? "contacts"}
          onHeatChange={(heat) => update({ heat })}
        />
      ) : (
        <Alert color="red" variant="outline" role="alert">
          {t("stats.periodInvalid")}
        </Alert>
      )}
    </Stack>
  );
}

interface FiguresProps {
  filter: StatsFilter;
  from: string;
  to: string;
  scopeName: string;
  regionName: string;
  names: ReadonlyMap<string, string>;
  heat: "contacts" | "unanswered";
  onHeatChange: (heat: "contacts" | "unanswered") => void;
}

function Figures({ filter, from, to, scopeName, regionName, names, heat, onHeatChange }: FiguresProps) {
  const { t, i18n } = useTranslation();
  // Committee views get whole months only and the region's heatmap only (FORMATS.md "Open data"); the
  // server refuses anything else, so the page does not ask.
  const committee = useCurrentUser().role === "committee";
  const language = i18n.resolvedLanguage ?? "sv";
  const stats = useQuery(accessibilityQuery(filter));
  const period = t("stats.periodRange", { from: formatMonth(from, language), to: formatMonth(to, language) });

  if (stats.isPending) return <LoadingState label={t("stats.loading")} />;
  if (stats.isError) {
    return (
      <LoadError title={t("stats.loadFailed")} error={stats.error} onRetry={() => void stats.refetch()} />
    );
  }
  const suppressed = stats.data.suppressed || stats.data.rows.some((row) => row.suppressed === true);
  return (
    <>
      {suppressed && (
        <Alert color="blue" variant="outline" title={t("stats.suppressedTitle")}>
          {t("stats.committeeNote")}
        </Alert>
      )}
      <TrendSection
        answer={stats.data}
        unit={filter.unit}
        from={from}
        to={to}
        scopeName={scopeName}
        period={period}
      />
      {committee && filter.unit !== null ? null : (
        <HeatmapSection
          filter={filter}
          mode={heat}
          onModeChange={onHeatChange}
          scopeName={scopeName}
          period={period}
        />
      )}
      <UnitTableSection
        filter={filter}
        by={committee ? "month" : "year"}
        to={to}
        caption={t("stats.tableCaption", { scope: scopeName, period })}
        regionName={regionName}
        names={names}
      />
    </>
  );
}

interface UnitTableSectionProps {
  filter: StatsFilter;
  by: Granularity;
  to: string;
  caption: string;
  regionName: string;
  names: ReadonlyMap<string, string>;
}

/**
 * The unit table reads the figures by year (a period inside one year is then one row per unit), or for a
 * committee user by month: the server gives the committee whole periods only, and a unit's period figure
 * is then withheld whenever one of its months is (unit-table.ts keeps a withheld month's sum withheld).
 */
function UnitTableSection({ filter, by, to, caption, regionName, names }: UnitTableSectionProps) {
  const { t } = useTranslation();
  const stats = useQuery(accessibilityQuery(filter, by));
  // Only a fallback for a year whose national value is not yet published; the table does not wait for it.
  const allReference = useQuery(referenceValuesQuery);
  const suppressed =
    stats.data !== undefined &&
    (stats.data.suppressed || stats.data.rows.some((row) => row.suppressed === true));
  return (
    <section aria-labelledby="stats-units-heading">
      <Group justify="space-between" align="flex-end" wrap="wrap" mb="sm">
        <Title order={2} id="stats-units-heading">
          {t("stats.tableTitle")}
        </Title>
        <Group gap="sm">
          <Button component="a" variant="outline" href={accessibilityUrl(filter, "csv")} download>
            {t("stats.exportCsv")}
          </Button>
          <Button component="a" variant="outline" href={accessibilityUrl(filter, "xlsx")} download>
            {t("stats.exportXlsx")}
          </Button>
        </Group>
      </Group>
      {stats.isPending ? (
        <LoadingState label={t("stats.loading")} />
      ) : stats.isError ? (
        <LoadError title={t("stats.loadFailed")} error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <UnitRatesTable
          answer={stats.data}
          names={names}
          regionName={regionName}
          caption={caption}
          to={to}
          allReference={allReference.data ?? []}
          suppressed={suppressed}
          showRegion={filter.unit === null}
        />
      )}
    </section>
  );
}
