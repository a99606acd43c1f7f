import {
  Alert,
  Anchor,
  Group,
  NativeSelect,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { formatOre, formatOreDiff, formatShare } from "../reimbursement/money.ts";
import { RegionChoice } from "../reimbursement/RegionChoice.tsx";
import { useMoneyLanguage } from "../reimbursement/useMoneyLanguage.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { EChart } from "../stats/EChart.tsx";
import {
  gapDownloadUrl,
  type TransferGap,
  type TransferGapYears,
  transferGapQuery,
  transferGapYearsQuery,
} from "./api.ts";
import { buildGapChartOption } from "./gap-chart.ts";
import { TransfersNav } from "./TransfersNav.tsx";

const route = getRouteApi("/_app/uppgiftsvaxling/glapp");

/**
 * /uppgiftsvaxling/glapp: how much of the moved tasks' cost is compensated, per transfer and in total, for
 * a chosen year, with the years side by side in a chart.
 */
export function GapPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("transfers.gap.title")}>
      <TransfersNav />
      <Text mb="md" maw={760}>
        {t("transfers.gap.intro")}
      </Text>
      <RegionChoice
        requested={search.region}
        onChange={(code) => void navigate({ search: (prev) => ({ ...prev, region: code }) })}
      >
        {(region) => <RegionGap region={region} />}
      </RegionChoice>
    </Page>
  );
}

function RegionGap({ region }: { region: Region }) {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const years = useQuery(transferGapYearsQuery(region.code));
  const thisYear = new Date().getFullYear();
  const year = search.year ?? thisYear;
  const choices = years.data?.years.map((y) => y.year) ?? [];
  const yearChoices = choices.includes(year) ? choices : [...choices, year].sort();
  return (
    <Stack gap="xl">
      <NativeSelect
        label={t("transfers.year")}
        value={String(year)}
        data={yearChoices.map((y) => ({ value: String(y), label: String(y) }))}
        onChange={(event) =>
          void navigate({ search: (prev) => ({ ...prev, year: Number(event.currentTarget.value) }) })
        }
        w={160}
      />
      <YearGap region={region} year={year} />
      {years.isPending ? <LoadingState label={t("transfers.gap.loading")} /> : null}
      {years.isError ? (
        <LoadError
          title={t("transfers.gap.loadFailed")}
          error={years.error}
          onRetry={() => void years.refetch()}
        />
      ) : null}
      {years.data ? <GapChart years={years.data.years} regionName={region.name} /> : null}
    </Stack>
  );
}

function YearGap({ region, year }: { region: Region; year: number }) {
  const { t } = useTranslation();
  const language = useMoneyLanguage();
  const gap = useQuery(transferGapQuery(region.code, year));
  if (gap.isPending) return <LoadingState label={t("transfers.gap.loading")} />;
  if (gap.isError)
    return (
      <LoadError title={t("transfers.gap.loadFailed")} error={gap.error} onRetry={() => void gap.refetch()} />
    );
  const total = gap.data.total;
  const cost = BigInt(total.estimatedCostOre);
  return (
    <section aria-labelledby="transfers-gap-year">
      <Title order={2} id="transfers-gap-year" mb="xs">
        {String(year)}
      </Title>
      <Alert color={gap.data.preliminary ? "yellow" : "blue"} variant="outline" mb="md">
        <Text fw={700} data-testid="gap-answer">
          {cost === 0n
            ? t("transfers.gap.answerNoCost", { year })
            : t("transfers.gap.answer", {
                year,
                cost: formatOre(total.estimatedCostOre, { language }),
                compensation: formatOre(total.compensationOre, { language }),
                gap: formatOre(total.gapOre, { language }),
                share: formatShare(BigInt(total.compensationOre), cost, language),
              })}
        </Text>
        <Text fz="sm">
          {gap.data.preliminary ? t("transfers.gap.preliminary") : t("transfers.gap.final")}
        </Text>
      </Alert>
      <Group gap="md" mb="sm">
        <Text fw={700}>{t("transfers.gap.downloads")}:</Text>
        <Anchor href={gapDownloadUrl(region.code, year, "xlsx")} download>
          {t("transfers.gap.excel", { year })}
        </Anchor>
        <Anchor href={gapDownloadUrl(region.code, year, "csv")} download>
          {t("transfers.gap.csv", { year })}
        </Anchor>
      </Group>
      <GapTable gap={gap.data} regionName={region.name} />
    </section>
  );
}

function GapTable({ gap, regionName }: { gap: TransferGap; regionName: string }) {
  const { t } = useTranslation();
  const language = useMoneyLanguage();
  const money = (ore: string) => formatOre(ore, { language });
  const diff = (ore: string) => formatOreDiff(ore, { language });
  const count = new Intl.NumberFormat(language === "en" ? "en" : "sv");
  const c = (key: keyof typeof gapColumns) => t(`transfers.gap.columns.${key}`);
  return (
    <ScrollArea type="auto">
      <Table striped withTableBorder miw={1100}>
        <Table.Caption>{t("transfers.gap.caption", { year: gap.year, region: regionName })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{c("title")}</Table.Th>
            <Table.Th scope="col">{c("status")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {c("months")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("cost")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("compensation")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("gap")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("volume")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("costAtVolume")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("gapAtVolume")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {c("paid")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gap.transfers.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Th scope="row" fw={400}>
                {row.title}
              </Table.Th>
              <Table.Td>{t(`transfers.statuses.${row.status}`)}</Table.Td>
              <Table.Td ta="right">{row.monthsInEffect}</Table.Td>
              <Table.Td ta="right">{money(row.estimatedCostOre)}</Table.Td>
              <Table.Td ta="right">{money(row.compensationOre)}</Table.Td>
              <Table.Td ta="right">{diff(row.gapOre)}</Table.Td>
              <Table.Td ta="right">{count.format(row.reportedVolume)}</Table.Td>
              <Table.Td ta="right">{money(row.costAtReportedVolumeOre)}</Table.Td>
              <Table.Td ta="right">{diff(row.gapAtReportedVolumeOre)}</Table.Td>
              <Table.Td ta="right">
                {row.componentPaidOre === null
                  ? t("transfers.gap.noComponent")
                  : `${money(row.componentPaidOre)} (${row.component})`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t("transfers.gap.total")}</Table.Th>
            <Table.Td />
            <Table.Td />
            <Table.Td ta="right" fw={700}>
              {money(gap.total.estimatedCostOre)}
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              {money(gap.total.compensationOre)}
            </Table.Td>
            <Table.Td ta="right" fw={700} data-testid="gap-total">
              {diff(gap.total.gapOre)}
            </Table.Td>
            <Table.Td />
            <Table.Td ta="right" fw={700} data-testid="gap-total-at-volume">
              {money(gap.total.costAtReportedVolumeOre)}
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              {diff(gap.total.gapAtReportedVolumeOre)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollArea>
  );
}

const gapColumns = {
  title: true,
  status: true,
  months: true,
  cost: true,
  compensation: true,
  gap: true,
  volume: true,
  costAtVolume: true,
  gapAtVolume: true,
  paid: true,
} as const;

function GapChart({ years, regionName }: { years: TransferGapYears["years"]; regionName: string }) {
  const { t } = useTranslation();
  const language = useMoneyLanguage();
  const money = (ore: string | bigint) => formatOre(ore, { language });
  const yearLabel = (year: number, preliminary: boolean) =>
    preliminary ? t("transfers.gap.preliminaryMark", { year }) : String(year);
  const option = useMemo(
    () =>
      buildGapChartOption(years, {
        cost: t("transfers.gap.costSeries"),
        compensation: t("transfers.gap.compensationSeries"),
        atVolume: t("transfers.gap.atVolumeSeries"),
        amountAxis: t("transfers.gap.amountAxis"),
        year: (year, preliminary) =>
          preliminary ? t("transfers.gap.preliminaryMark", { year }) : String(year),
        amount: (ore) => formatOre(ore, { language, wholeKronor: true }),
      }),
    [years, t, language],
  );
  const latest = years.at(-1);
  const summary =
    latest === undefined
      ? t("transfers.gap.chartAriaEmpty", { region: regionName })
      : t("transfers.gap.chartAria", {
          count: years.length,
          region: regionName,
          year: latest.year,
          cost: money(latest.total.estimatedCostOre),
          compensation: money(latest.total.compensationOre),
          atVolume: money(latest.total.costAtReportedVolumeOre),
        });
  return (
    <section aria-labelledby="transfers-gap-chart">
      <Title order={2} id="transfers-gap-chart" mb="xs">
        {t("transfers.gap.chartTitle")}
      </Title>
      <Text size="sm" mb="sm" c="dimmed">
        {t("transfers.gap.chartHelp")}
      </Text>
      <EChart option={option} ariaLabel={summary} height={380} />
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t("transfers.gap.chartTableCaption", { region: regionName })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("transfers.gap.yearColumn")}</Table.Th>
              <Table.Th scope="col">{t("transfers.gap.costSeries")}</Table.Th>
              <Table.Th scope="col">{t("transfers.gap.compensationSeries")}</Table.Th>
              <Table.Th scope="col">{t("transfers.gap.atVolumeSeries")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {years.map((y) => (
              <Table.Tr key={y.year}>
                <Table.Th scope="row">{yearLabel(y.year, y.preliminary)}</Table.Th>
                <Table.Td>{money(y.total.estimatedCostOre)}</Table.Td>
                <Table.Td>{money(y.total.compensationOre)}</Table.Td>
                <Table.Td>{money(y.total.costAtReportedVolumeOre)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </section>
  );
}
