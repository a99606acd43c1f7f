import { SegmentedControl, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { heatmapQuery, type StatsFilter } from "./api.ts";
import {
  activeHours,
  buildHeatmapOption,
  type HeatmapMode,
  heatmapGrid,
  heatmapPeak,
} from "./chart-options.ts";
import { EChart } from "./EChart.tsx";
import { formatCount } from "./format.ts";
import type { HeatmapCell } from "./types.ts";

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

interface HeatmapSectionProps {
  filter: StatsFilter;
  mode: HeatmapMode;
  onModeChange: (mode: HeatmapMode) => void;
  scopeName: string;
  period: string;
}

/** Weekday × hour of contacts, or of the unanswered ones: when the phone lines need people. */
export function HeatmapSection({ filter, mode, onModeChange, scopeName, period }: HeatmapSectionProps) {
  const { t } = useTranslation();
  const heatmap = useQuery(heatmapQuery(filter));
  return (
    <section aria-labelledby="stats-heatmap-heading">
      <Title order={2} id="stats-heatmap-heading" mb="xs">
        {t("stats.heatmapTitle")}
      </Title>
      <Text id="stats-heatmap-mode-label" size="sm" fw={500} mb={4}>
        {t("stats.heatmapShow")}
      </Text>
      <SegmentedControl
        aria-labelledby="stats-heatmap-mode-label"
        value={mode}
        onChange={(value) => onModeChange(value === "unanswered" ? "unanswered" : "contacts")}
        data={[
          { value: "contacts", label: t("stats.heatmapModes.contacts") },
          { value: "unanswered", label: t("stats.heatmapModes.unanswered") },
        ]}
        mb="sm"
      />
      {heatmap.isPending ? (
        <LoadingState label={t("stats.loading")} />
      ) : heatmap.isError ? (
        <LoadError
          title={t("stats.loadFailed")}
          error={heatmap.error}
          onRetry={() => void heatmap.refetch()}
        />
      ) : (
        <HeatmapChartView cells={heatmap.data.cells} mode={mode} scopeName={scopeName} period={period} />
      )}
    </section>
  );
}

function HeatmapChartView({
  cells,
  mode,
  scopeName,
  period,
}: {
  cells: HeatmapCell[];
  mode: HeatmapMode;
  scopeName: string;
  period: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const modeName = t(`stats.heatmapModes.${mode}`);
  const option = useMemo(
    () =>
      buildHeatmapOption(cells, mode, {
        weekdays: WEEKDAYS.map((day) => t(`stats.weekdaysShort.${day}`)),
        series: modeName,
        count: (value) => formatCount(value, language),
        cell: (weekdayIndex, hour, value) =>
          t("stats.heatmapCell", {
            weekday: t(`stats.weekdays.${WEEKDAYS[weekdayIndex] ?? "1"}`),
            hour: String(hour).padStart(2, "0"),
            mode: modeName,
            count: value === null ? t("stats.suppressed") : formatCount(value, language),
          }),
      }),
    [cells, mode, modeName, language, t],
  );
  const peak = heatmapPeak(cells, mode);
  const summary = peak
    ? t("stats.heatmapAria", {
        mode: modeName,
        scope: scopeName,
        period,
        weekday: t(`stats.weekdays.${String(peak.weekday) as (typeof WEEKDAYS)[number]}`),
        hour: String(peak.hour).padStart(2, "0"),
        count: formatCount(peak.value, language),
      })
    : t("stats.heatmapAriaEmpty", { mode: modeName, scope: scopeName, period });
  const grid = heatmapGrid(cells, mode);
  const hours = activeHours(cells);
  return (
    <>
      <EChart option={option} ariaLabel={summary} height={320} />
      {cells.some((cell) => cell[mode] === null) && (
        <Text size="sm" mt="xs">
          {t("stats.heatmapSuppressed")}
        </Text>
      )}
      <VisuallyHidden>
        <Table>
          <Table.Caption>
            {t("stats.heatmapTableCaption", { mode: modeName, scope: scopeName, period })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("stats.weekday")}</Table.Th>
              {hours.map((hour) => (
                <Table.Th scope="col" key={hour}>
                  {t("stats.hourColumn", { hour: String(hour).padStart(2, "0") })}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {WEEKDAYS.map((day, index) => (
              <Table.Tr key={day}>
                <Table.Th scope="row">{t(`stats.weekdays.${day}`)}</Table.Th>
                {hours.map((hour) => (
                  <Table.Td key={hour}>
                    {grid[index]?.[hour] === null
                      ? t("stats.suppressed")
                      : formatCount(grid[index]?.[hour] ?? 0, language)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
