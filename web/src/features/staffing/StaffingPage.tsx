import { Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Unit } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { formatOre } from "../reimbursement/money.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { EChart } from "../stats/EChart.tsx";
import {
  formatCount,
  formatDecimal,
  formatMonth,
  formatRate,
  monthChoices,
  NO_FIGURE,
} from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type StaffingRow, staffingStatsQuery } from "./api.ts";
import { agencyShareOption, staffingTrendOption } from "./chart-options.ts";
import { StaffingUpload } from "./StaffingUpload.tsx";
import { isPreliminary, regionRows, trendSeries, unitsByShortfall } from "./staffing-view.ts";
import { WhatIf } from "./WhatIfSection.tsx";

const route = getRouteApi("/_app/lakarbemanning");
export const FIRST_STAFFING_MONTH = "2023-01";

function ratio(text: string | null, language: string): string {
  return text === null ? NO_FIGURE : formatDecimal(Number(text), language, 1);
}
function fteText(text: string, language: string): string {
  return formatDecimal(Number(text), language, 2);
}

export function StaffingPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("staffing.title")}>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region, units, today }) => (
          <StaffingView
            key={region.code}
            region={region.code}
            regionName={region.name}
            units={units}
            today={today}
          />
        )}
      </RegionScope>
    </Page>
  );
}

function StaffingView({
  region,
  regionName,
  units,
  today,
}: {
  region: string;
  regionName: string;
  units: Unit[];
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const user = useCurrentUser();
  const choices = monthChoices(today, 60).filter((m) => m >= FIRST_STAFFING_MONTH);
  const [from, setFrom] = useState(FIRST_STAFFING_MONTH);
  const [to, setTo] = useState(choices[0] ?? FIRST_STAFFING_MONTH);
  const stats = useQuery(staffingStatsQuery(region, from, to < from ? from : to));
  const unitName = useMemo(() => {
    const names = new Map(units.map((u) => [u.hsaId, u.name]));
    return (hsaId: string) => names.get(hsaId) ?? hsaId;
  }, [units]);
  const kommunName = useMemo(() => {
    const names = new Map(units.map((u) => [u.kommun.code, u.kommun.name]));
    return (code: string) => names.get(code) ?? code;
  }, [units]);
  const monthOptions = choices.map((m) => ({ value: m, label: formatMonth(m, language) }));

  return (
    <Stack gap="xl">
      <Text maw={760}>
        {t("staffing.intro", { goal: formatCount(stats.data?.goalListedPerGp ?? 1100, language) })}
      </Text>
      <Group>
        <NativeSelect
          label={t("staffing.from")}
          value={from}
          data={monthOptions}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <NativeSelect
          label={t("staffing.to")}
          value={to}
          data={monthOptions}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      {stats.isPending ? (
        <LoadingState label={t("staffing.loading")} />
      ) : stats.isError ? (
        <LoadError
          title={t("staffing.loadFailed")}
          error={stats.error}
          onRetry={() => void stats.refetch()}
        />
      ) : (
        <StaffingFigures
          rows={stats.data.rows}
          goal={stats.data.goalListedPerGp}
          regionName={regionName}
          unitName={unitName}
          kommunName={kommunName}
          today={today}
        />
      )}
      <WhatIf region={region} units={units} month={to} />
      {(user.role === "region_admin" || user.role === "system_admin") && <StaffingUpload region={region} />}
    </Stack>
  );
}

function StaffingFigures({
  rows,
  goal,
  regionName,
  unitName,
  kommunName,
  today,
}: {
  rows: StaffingRow[];
  goal: number;
  regionName: string;
  unitName: (hsaId: string) => string;
  kommunName: (code: string) => string;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const { months, series } = useMemo(
    () => trendSeries(rows, t("staffing.regionLine"), kommunName),
    [rows, t, kommunName],
  );
  const regional = regionRows(rows);
  const latest = regional.at(-1);
  const [rankMonth, setRankMonth] = useState<string | null>(null);
  const chosenRank = rankMonth ?? latest?.month ?? "";
  const ranked = unitsByShortfall(rows, chosenRank, unitName);
  const option = useMemo(
    () =>
      staffingTrendOption(months, series, {
        month: (m) => `${formatMonth(m, language, "short")}${isPreliminary(m, today) ? "*" : ""}`,
        goal,
        goalLabel: t("staffing.goalLine", { goal: formatCount(goal, language) }),
        axis: t("staffing.axis"),
      }),
    [months, series, goal, t, language, today],
  );
  const agencyOption = useMemo(
    () =>
      agencyShareOption(
        regional.map((r) => r.month),
        regional.map((r) => r.agencyShare),
        {
          month: (m) => formatMonth(m, language, "short"),
          axis: "%",
          name: t("staffing.columns.agencyShare"),
        },
      ),
    [regional, language, t],
  );
  const first = months[0] ?? "";
  const last = months.at(-1) ?? "";
  const period = { from: formatMonth(first, language), to: formatMonth(last, language) };
  return (
    <>
      {latest && (
        <Text fw={500} data-testid="staffing-region-summary">
          {regionName}:{" "}
          {t("staffing.regionSummary", {
            month: formatMonth(latest.month, language),
            listed: formatCount(latest.listed, language),
            gpFte: fteText(latest.gpFte, language),
            ratio: ratio(latest.listedPerGp, language),
            shortfall: fteText(latest.shortfallFte, language),
            meeting: latest.unitsMeetingGoal,
            units: latest.units,
          })}
          {isPreliminary(latest.month, today) && <> ({t("staffing.preliminary")})</>}
        </Text>
      )}
      <section aria-labelledby="staffing-trend-heading">
        <Title order={2} id="staffing-trend-heading" mb="xs">
          {t("staffing.trendTitle")}
        </Title>
        <Text size="sm" mb="sm">
          {t("staffing.trendHelp")} {t("staffing.preliminaryNote")} (*)
        </Text>
        <EChart
          option={option}
          height={420}
          ariaLabel={t("staffing.trendAria", {
            ...period,
            goal: formatCount(goal, language),
            month: latest ? formatMonth(latest.month, language) : NO_FIGURE,
            value: ratio(latest?.listedPerGp ?? null, language),
          })}
        />
        <VisuallyHidden>
          <Table>
            <Table.Caption>{t("staffing.trendTableCaption", period)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("staffing.columns.month")}</Table.Th>
                {series.map((s) => (
                  <Table.Th scope="col" key={s.key}>
                    {s.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {months.map((m, i) => (
                <Table.Tr key={m}>
                  <Table.Th scope="row">
                    {formatMonth(m, language)}
                    {isPreliminary(m, today) ? ` (${t("staffing.preliminary")})` : ""}
                  </Table.Th>
                  {series.map((s) => (
                    <Table.Td key={s.key}>
                      {s.values[i] === null || s.values[i] === undefined
                        ? NO_FIGURE
                        : formatDecimal(s.values[i] as number, language, 1)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </VisuallyHidden>
      </section>

      <section aria-labelledby="staffing-ranking-heading">
        <Title order={2} id="staffing-ranking-heading" mb="xs">
          {t("staffing.ranking", { month: formatMonth(chosenRank, language) })}
        </Title>
        <Text size="sm" mb="sm">
          {t("staffing.rankingHelp")}
        </Text>
        <NativeSelect
          label={t("staffing.month")}
          value={chosenRank}
          data={[...months].reverse().map((m) => ({ value: m, label: formatMonth(m, language) }))}
          onChange={(e) => setRankMonth(e.currentTarget.value)}
          maw={240}
          mb="sm"
        />
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Caption>
              {t("staffing.ranking", { month: formatMonth(chosenRank, language) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("staffing.columns.unit")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.kommun")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.listed")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.gpFte")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.listedPerGp")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.withSt")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.needWeighted")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.shortfall")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.agencyShare")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.agencyCost")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.meetsGoal")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ranked.map((r) => (
                <Table.Tr key={r.unitHsaId}>
                  <Table.Th scope="row">{unitName(r.unitHsaId ?? "")}</Table.Th>
                  <Table.Td>{kommunName(r.kommunCode ?? "")}</Table.Td>
                  <Table.Td>{formatCount(r.listed, language)}</Table.Td>
                  <Table.Td>{fteText(r.gpFte, language)}</Table.Td>
                  <Table.Td>{ratio(r.listedPerGp, language)}</Table.Td>
                  <Table.Td>{ratio(r.listedPerGpWithSt, language)}</Table.Td>
                  <Table.Td>{ratio(r.needWeightedListedPerGp, language)}</Table.Td>
                  <Table.Td>{fteText(r.shortfallFte, language)}</Table.Td>
                  <Table.Td>{formatRate(r.agencyShare, language)}</Table.Td>
                  <Table.Td>
                    {formatOre(r.agencyCostOre, {
                      language: language === "en" ? "en" : "sv",
                      wholeKronor: true,
                    })}
                  </Table.Td>
                  <Table.Td>
                    <Text span fw={r.meetsGoal ? 400 : 700}>
                      {r.meetsGoal ? t("staffing.yes") : t("staffing.no")}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>

      <section aria-labelledby="staffing-agency-heading">
        <Title order={2} id="staffing-agency-heading" mb="xs">
          {t("staffing.agencyTitle")}
        </Title>
        <Text size="sm" mb="sm">
          {t("staffing.agencyHelp")}
        </Text>
        <EChart
          option={agencyOption}
          height={260}
          ariaLabel={t("staffing.agencyAria", {
            ...period,
            month: latest ? formatMonth(latest.month, language) : NO_FIGURE,
            share: formatRate(latest?.agencyShare ?? null, language),
          })}
        />
        <VisuallyHidden>
          <Table>
            <Table.Caption>{t("staffing.agencyCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("staffing.columns.month")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.agencyShare")}</Table.Th>
                <Table.Th scope="col">{t("staffing.columns.agencyCost")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {regional.map((r) => (
                <Table.Tr key={r.month}>
                  <Table.Th scope="row">{formatMonth(r.month, language)}</Table.Th>
                  <Table.Td>{formatRate(r.agencyShare, language)}</Table.Td>
                  <Table.Td>
                    {formatOre(r.agencyCostOre, {
                      language: language === "en" ? "en" : "sv",
                      wholeKronor: true,
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </VisuallyHidden>
      </section>
    </>
  );
}
