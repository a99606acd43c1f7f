import { Alert, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { EChartsCoreOption } from "echarts/core";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region, Unit } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { EChart } from "../stats/EChart.tsx";
import { formatCount, formatMonth } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { unitChoices } from "../stats/search.ts";
import { type ListingOverviewResponse, listingOverviewQuery } from "./api.ts";
import { listedSplitBy, monthsBefore } from "./listing-view.ts";

const route = getRouteApi("/_app/listning");

export function ListingPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("listing.title")}>
      <Text mb="md" maw={760}>
        {t("listing.intro")}
      </Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region, units, today }) => (
          <ListingView key={region.code} region={region} units={units} today={today} />
        )}
      </RegionScope>
    </Page>
  );
}

const WINDOWS = { months12: 11, months24: 23, months48: -1 } as const;

function ListingView({ region, units, today }: { region: Region; units: Unit[]; today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const user = useCurrentUser();
  const to = today.slice(0, 7);
  const [window, setWindow] = useState<keyof typeof WINDOWS>("months24");
  const [unit, setUnit] = useState("");
  const from = WINDOWS[window] < 0 ? "2023-01" : monthsBefore(to, WINDOWS[window]);
  // Listing is no personal data: everyone who may open the page sees the region; unit managers pick among their units.
  const choices = unitChoices(
    units.filter((u) => u.type !== "backup"),
    user,
  );
  const overview = useQuery(listingOverviewQuery(region.code, from, to, unit === "" ? undefined : unit));
  const scope = choices.find((u) => u.hsaId === unit)?.name ?? region.name;
  return (
    <Stack gap="lg">
      <NativeSelect
        label={t("listing.unit")}
        maw={420}
        value={unit}
        onChange={(event) => setUnit(event.currentTarget.value)}
        data={[
          { value: "", label: t("listing.wholeRegion") },
          ...choices.map((u) => ({ value: u.hsaId, label: u.name })),
        ]}
      />
      <NativeSelect
        label={t("listing.period")}
        maw={320}
        value={window}
        onChange={(event) => setWindow(event.currentTarget.value as keyof typeof WINDOWS)}
        data={(Object.keys(WINDOWS) as (keyof typeof WINDOWS)[]).map((key) => ({
          value: key,
          label: t(`listing.${key}`),
        }))}
      />
      {overview.isPending ? (
        <LoadingState label={t("listing.loading")} />
      ) : overview.isError ? (
        <LoadError
          title={t("listing.loadFailed")}
          error={overview.error}
          onRetry={() => void overview.refetch()}
        />
      ) : overview.data.month === null ? (
        <Text>{t("listing.noData")}</Text>
      ) : (
        <OverviewSections
          data={overview.data}
          month={overview.data.month}
          scope={scope}
          language={language}
        />
      )}
    </Stack>
  );
}

function OverviewSections({
  data,
  month,
  scope,
  language,
}: {
  data: ListingOverviewResponse;
  month: string;
  scope: string;
  language: string;
}) {
  const { t } = useTranslation();
  const monthText = formatMonth(month, language);
  const trendOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 70, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.trend.map((p) => formatMonth(p.month, language, "short")) },
      yAxis: { type: "value", scale: true },
      series: [
        { type: "line", name: t("listing.listed"), data: data.trend.map((p) => p.listed), showSymbol: false },
      ],
    }),
    [data, language, t],
  );
  const ageOption = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 70, right: 20, top: 40, bottom: 40 },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: data.ageBands.map((b) => b.band) },
      yAxis: { type: "value" },
      series: [
        { type: "bar", name: t("listing.female"), data: data.ageBands.map((b) => b.female) },
        { type: "bar", name: t("listing.male"), data: data.ageBands.map((b) => b.male) },
      ],
    }),
    [data, t],
  );
  const first = data.trend[0];
  const last = data.trend.at(-1);
  const latestGroups = data.byTypeAndOwnership.filter((g) => g.month === month);
  return (
    <>
      {data.preliminary ? (
        <Alert color="yellow">{t("listing.preliminary", { month: monthText })}</Alert>
      ) : null}
      <section aria-labelledby="listing-trend-heading">
        <Title order={2} id="listing-trend-heading" mb="xs">
          {t("listing.trendTitle")}
        </Title>
        <EChart
          option={trendOption}
          height={300}
          ariaLabel={t("listing.trendAria", {
            scope,
            last: formatCount(last?.listed ?? 0, language),
            month: formatMonth(last?.month ?? month, language),
            first: formatCount(first?.listed ?? 0, language),
            firstMonth: formatMonth(first?.month ?? month, language),
          })}
        />
        <VisuallyHidden>
          <Table>
            <Table.Caption>{t("listing.trendCaption", { scope })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("listing.month")}</Table.Th>
                <Table.Th scope="col">{t("listing.listed")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.trend.map((p) => (
                <Table.Tr key={p.month}>
                  <Table.Th scope="row">{formatMonth(p.month, language)}</Table.Th>
                  <Table.Td>{formatCount(p.listed, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </VisuallyHidden>
      </section>
      <section aria-labelledby="listing-age-heading">
        <Title order={2} id="listing-age-heading" mb="xs">
          {t("listing.ageTitle", { month: monthText })}
        </Title>
        <EChart
          option={ageOption}
          height={300}
          ariaLabel={t("listing.ageAria", {
            month: monthText,
            summary: data.ageBands.map((b) => `${b.band}: ${formatCount(b.total, language)}`).join(", "),
          })}
        />
        <Table striped captionSide="top" maw={760}>
          <Table.Caption>{t("listing.ageCaption", { month: monthText })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("listing.ageBand")}</Table.Th>
              <Table.Th scope="col">{t("listing.female")}</Table.Th>
              <Table.Th scope="col">{t("listing.male")}</Table.Th>
              <Table.Th scope="col">{t("listing.unknown")}</Table.Th>
              <Table.Th scope="col">{t("listing.total")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.ageBands.map((b) => (
              <Table.Tr key={b.band}>
                <Table.Th scope="row">{b.band}</Table.Th>
                <Table.Td>{formatCount(b.female, language)}</Table.Td>
                <Table.Td>{formatCount(b.male, language)}</Table.Td>
                <Table.Td>{formatCount(b.unknown, language)}</Table.Td>
                <Table.Td>{formatCount(b.total, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      <SplitSection data={data} language={language} />
      <section aria-labelledby="listing-groups-heading">
        <Title order={2} id="listing-groups-heading" mb="xs">
          {t("listing.typeOwnershipTitle", { month: monthText })}
        </Title>
        <Table striped maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("listing.type")}</Table.Th>
              <Table.Th scope="col">{t("listing.ownership")}</Table.Th>
              <Table.Th scope="col">{t("listing.unitsCount")}</Table.Th>
              <Table.Th scope="col">{t("listing.listed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {latestGroups.map((g) => (
              <Table.Tr key={`${g.type}-${g.ownership}`}>
                <Table.Td>{t(`listing.types.${g.type as "halsocentral"}`)}</Table.Td>
                <Table.Td>{t(`listing.ownerships.${g.ownership as "regional"}`)}</Table.Td>
                <Table.Td>{formatCount(g.units, language)}</Table.Td>
                <Table.Td>{formatCount(g.listed, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      <section aria-labelledby="listing-units-heading">
        <Title order={2} id="listing-units-heading" mb="xs">
          {t("listing.unitsTitle", { month: monthText })}
        </Title>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("listing.unit")}</Table.Th>
              <Table.Th scope="col">{t("listing.type")}</Table.Th>
              <Table.Th scope="col">{t("listing.ownership")}</Table.Th>
              <Table.Th scope="col">{t("listing.listed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.units.map((u) => (
              <Table.Tr key={u.hsaId}>
                <Table.Th scope="row">{u.name}</Table.Th>
                <Table.Td>{t(`listing.types.${u.type as "halsocentral"}`)}</Table.Td>
                <Table.Td>{t(`listing.ownerships.${u.ownership as "regional"}`)}</Table.Td>
                <Table.Td>{formatCount(u.listed, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </>
  );
}

/** Listed per month split by ownership or unit type: how private units and sjukstugor develop. */
function SplitSection({ data, language }: { data: ListingOverviewResponse; language: string }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<"ownership" | "type">("ownership");
  const split = useMemo(() => listedSplitBy(data.byTypeAndOwnership, by), [data, by]);
  const name = useCallback(
    (key: string) =>
      by === "ownership"
        ? t(`listing.ownerships.${key as "regional"}`)
        : t(`listing.types.${key as "halsocentral"}`),
    [by, t],
  );
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 70, right: 20, top: 40, bottom: 40 },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: split.months.map((m) => formatMonth(m, language, "short")) },
      yAxis: { type: "value", scale: true },
      series: split.series.map((s) => ({
        type: "line",
        name: name(s.key),
        data: s.values,
        showSymbol: false,
      })),
    }),
    [split, language, name],
  );
  const lastIndex = split.months.length - 1;
  const summary = split.series
    .map((s) => `${name(s.key)}: ${formatCount(s.values[lastIndex] ?? 0, language)}`)
    .join(", ");
  return (
    <section aria-labelledby="listing-split-heading">
      <Title order={2} id="listing-split-heading" mb="xs">
        {t("listing.splitTitle")}
      </Title>
      <NativeSelect
        label={t("listing.splitBy")}
        maw={320}
        mb="sm"
        value={by}
        onChange={(event) => setBy(event.currentTarget.value as "ownership" | "type")}
        data={[
          { value: "ownership", label: t("listing.ownership") },
          { value: "type", label: t("listing.type") },
        ]}
      />
      <EChart
        option={option}
        height={300}
        ariaLabel={t("listing.splitAria", {
          month: formatMonth(split.months[lastIndex] ?? "", language),
          summary,
        })}
      />
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t("listing.splitTitle")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("listing.month")}</Table.Th>
              {split.series.map((s) => (
                <Table.Th scope="col" key={s.key}>
                  {name(s.key)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {split.months.map((m, i) => (
              <Table.Tr key={m}>
                <Table.Th scope="row">{formatMonth(m, language)}</Table.Th>
                {split.series.map((s) => (
                  <Table.Td key={s.key}>{formatCount(s.values[i] ?? 0, language)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </section>
  );
}
