import { Alert, Button, Group, List, NativeSelect, Radio, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { registerMap } from "echarts/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { EChart } from "../stats/EChart.tsx";
import { formatCount, formatDecimal, formatRate } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type KommunMapResponse, type KommunOutlinesResponse, kommunMapQuery, outlinesQuery } from "./api.ts";
import { MAP_MEASURE_KEYS, type MapMeasureKey, mapFigure, mapOption } from "./chart-options.ts";
import { formatPeriod } from "./format.ts";
import { lastCompleteQuarter, periodChoices } from "./periods.ts";
import { parseMapSearch } from "./search.ts";

const route = getRouteApi("/_app/karta");

/** The kommun map: a measure and a period, a colour scale with legend, suppressed kommuner marked. */
export function KommunMapPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("committee.mapTitle")}>
      <Text mb="md">{t("committee.mapIntro")}</Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: (s) => ({ ...s, region }) })}
      >
        {({ region, today }) => (
          <KommunMap
            region={region.code}
            regionName={region.name}
            today={today}
            period={search.period ?? lastCompleteQuarter(today)}
            measure={search.measure ?? "skrPhoneRate"}
            onChange={(change) => void navigate({ search: (s) => parseMapSearch({ ...s, ...change }) })}
          />
        )}
      </RegionScope>
    </Page>
  );
}

interface KommunMapProps {
  region: string;
  regionName: string;
  today: string;
  period: string;
  measure: MapMeasureKey;
  onChange: (change: { period?: string; measure?: MapMeasureKey }) => void;
}

function useFormatter(measure: MapMeasureKey) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  return (value: number | null) => {
    if (value === null) return "–";
    switch (measure) {
      case "skrPhoneRate":
      case "residentRate":
        return formatRate(value / 100, language);
      case "listedPerGp":
        return formatDecimal(value, language, 1);
      case "shortfallFte":
        return formatDecimal(value, language, 2);
      case "paymentPerListed":
        return t("committee.perMonth", {
          value: `${formatDecimal(value, language, 2)} ${language === "en" ? "SEK" : "kr"}`,
        });
    }
  };
}

function KommunMap({ region, regionName, today, period, measure, onChange }: KommunMapProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const outlines = useQuery(outlinesQuery(region));
  const figures = useQuery(kommunMapQuery(region, period));
  const [chosen, setChosen] = useState<string | null>(null);
  const format = useFormatter(measure);
  const choices = periodChoices(today);

  const controls = (
    <Group align="end" gap="lg" wrap="wrap">
      <NativeSelect
        label={t("committee.mapPeriod")}
        value={period}
        onChange={(event) => onChange({ period: event.currentTarget.value })}
        data={[
          ...choices.quarters.map((q) => ({ value: q, label: t("committee.quarterOption", { quarter: q }) })),
          ...choices.months.map((m) => ({ value: m, label: formatPeriod(m, language) })),
          ...choices.years.map((y) => ({ value: y, label: t("committee.yearOption", { year: y }) })),
        ]}
      />
      <Radio.Group
        label={t("committee.mapMeasure")}
        value={measure}
        onChange={(value) => onChange({ measure: value as MapMeasureKey })}
      >
        <Group gap="md" mt={4}>
          {MAP_MEASURE_KEYS.map((key) => (
            <Radio key={key} value={key} label={t(`committee.mapMeasures.${key}`)} />
          ))}
        </Group>
      </Radio.Group>
    </Group>
  );

  if (outlines.isPending || figures.isPending)
    return (
      <>
        {controls}
        <LoadingState label={t("committee.loading")} />
      </>
    );
  if (outlines.isError || figures.isError) {
    const error = outlines.error ?? figures.error;
    return (
      <>
        {controls}
        <LoadError
          title={t("committee.loadFailed")}
          error={error}
          onRetry={() => {
            void outlines.refetch();
            void figures.refetch();
          }}
        />
      </>
    );
  }
  const kommun = figures.data.kommuner.find((k) => k.name === chosen) ?? null;
  return (
    <Stack gap="md">
      {controls}
      {figures.data.period.preliminary && <Alert color="yellow">{t("committee.preliminaryPeriod")}</Alert>}
      {(measure === "listedPerGp" || measure === "shortfallFte") && !figures.data.staffing.available && (
        <Alert color="gray" title={t("committee.missing")}>
          {t("committee.missingHelp")}
        </Alert>
      )}
      <MapChartView
        region={region}
        regionName={regionName}
        outlines={outlines.data}
        figures={figures.data}
        measure={measure}
        format={format}
        onKommun={setChosen}
      />
      <Text size="sm">{t("committee.suppressedLegend")}</Text>
      <KommunTable figures={figures.data} measure={measure} format={format} onKommun={setChosen} />
      <GroupsTable figures={figures.data} measure={measure} format={format} />
      <section aria-labelledby="kommun-units-heading" aria-live="polite">
        <Title order={2} size="h3" id="kommun-units-heading">
          {kommun ? t("committee.kommunUnits", { kommun: kommun.name }) : t("committee.chooseKommun")}
        </Title>
        {kommun &&
          (kommun.units.length === 0 ? (
            <Text>{t("committee.noUnits")}</Text>
          ) : (
            <List>
              {kommun.units.map((u) => (
                <List.Item key={u.hsaId}>
                  {u.name} ({u.hsaId})
                </List.Item>
              ))}
            </List>
          ))}
      </section>
    </Stack>
  );
}

function MapChartView(props: {
  region: string;
  regionName: string;
  outlines: KommunOutlinesResponse;
  figures: KommunMapResponse;
  measure: MapMeasureKey;
  format: (value: number | null) => string;
  onKommun: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const { region, regionName, outlines, figures, measure, format, onKommun } = props;
  const mapName = `kommuner-${region}`;
  const option = useMemo(() => {
    // ECharts keeps maps by name; registering the same outlines again is harmless.
    registerMap(mapName, outlines as unknown as Parameters<typeof registerMap>[1]);
    return mapOption(mapName, figures.kommuner, measure, {
      format: (v) => format(v),
      suppressed: t("committee.suppressed"),
      noValue: t("committee.noValue"),
    });
  }, [mapName, outlines, figures, measure, format, t]);
  const shown = figures.kommuner
    .map((k) => ({ name: k.name, figure: mapFigure(k, measure) }))
    .filter((k) => k.figure.value !== null && !k.figure.suppressed)
    .sort((a, b) => (b.figure.value ?? 0) - (a.figure.value ?? 0));
  const high = shown[0];
  const low = shown.at(-1);
  const suppressedCount = figures.kommuner.filter((k) => mapFigure(k, measure).suppressed).length;
  const params = {
    region: regionName,
    measure: t(`committee.mapMeasures.${measure}`),
    period: formatPeriod(figures.period.key, language),
  };
  const aria =
    high && low
      ? t("committee.mapAria", {
          ...params,
          highName: high.name,
          high: format(high.figure.value),
          lowName: low.name,
          low: format(low.figure.value),
          suppressed: suppressedCount,
        })
      : t("committee.mapAriaEmpty", params);
  return <EChart option={option} ariaLabel={aria} height={520} onItemClick={onKommun} />;
}

function KommunTable(props: {
  figures: KommunMapResponse;
  measure: MapMeasureKey;
  format: (value: number | null) => string;
  onKommun: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const { figures, measure, format, onKommun } = props;
  const cell = (f: { value: number | null; suppressed: boolean }) =>
    f.suppressed ? t("committee.suppressed") : format(f.value);
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table>
        <Table.Caption>
          {t("committee.tableCaption", {
            measure: t(`committee.mapMeasures.${measure}`),
            period: formatPeriod(figures.period.key, language),
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("committee.kommun")}</Table.Th>
            <Table.Th scope="col">{t(`committee.mapMeasures.${measure}`)}</Table.Th>
            <Table.Th scope="col">{t("committee.units")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.kommuner.map((k) => (
            <Table.Tr key={k.kommunCode}>
              <Table.Th scope="row">{k.name}</Table.Th>
              <Table.Td>{cell(mapFigure(k, measure))}</Table.Td>
              <Table.Td>
                <Button variant="default" size="compact-sm" onClick={() => onKommun(k.name)}>
                  {t("committee.showUnits", { kommun: k.name })}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t("committee.regionTotal")}</Table.Th>
            <Table.Td>{cell(mapFigure(figures.total, measure))}</Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same measure by unit type and ownership (the interpellation's small units, sjukstugor, private). */
function GroupsTable(props: {
  figures: KommunMapResponse;
  measure: MapMeasureKey;
  format: (value: number | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const { figures, measure, format } = props;
  const cell = (group: KommunMapResponse["groups"][number]) => {
    if (measure === "listedPerGp" || measure === "shortfallFte") return "–";
    const f = mapFigure({ ...group, listedPerGp: null, shortfallFte: null }, measure);
    return f.suppressed ? t("committee.suppressed") : format(f.value);
  };
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table>
        <Table.Caption>
          {t("committee.groupsCaption", {
            measure: t(`committee.mapMeasures.${measure}`),
            period: formatPeriod(figures.period.key, language),
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("committee.group")}</Table.Th>
            <Table.Th scope="col">{t("committee.units")}</Table.Th>
            <Table.Th scope="col">{t("committee.listed")}</Table.Th>
            <Table.Th scope="col">{t(`committee.mapMeasures.${measure}`)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.groups.map((g) => (
            <Table.Tr key={`${g.by}-${g.key}`}>
              <Table.Th scope="row">{t(`committee.groups.${g.key}`)}</Table.Th>
              <Table.Td>{formatCount(g.units, language)}</Table.Td>
              <Table.Td>{formatCount(g.listed, language)}</Table.Td>
              <Table.Td>{cell(g)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
