import { Badge, Card, Group, NativeSelect, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { type BudgetLine, budgetQuery, type YearSummary, yearSummaryQuery } from "./api.ts";
import { MoneyTable } from "./MoneyTable.tsx";
import { formatOre, formatShare, parseOre, progressValue } from "./money.ts";
import { formatMonth } from "./months.ts";
import { RegionChoice } from "./RegionChoice.tsx";
import { ReimbursementNav } from "./ReimbursementNav.tsx";
import { useMoneyLanguage } from "./useMoneyLanguage.ts";

const route = getRouteApi("/_app/ersattning/uppfoljning");

/** The years to choose from: a few back (models are kept for years) and the next (budgets are made ahead). */
function yearChoices(current: number): number[] {
  const years: number[] = [];
  for (let year = current + 1; year >= current - 4; year--) years.push(year);
  return years;
}

/** /ersattning/uppfoljning: budget follow-up per component and the year's payments per unit. */
export function FollowUpPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const currentYear = new Date().getFullYear();
  const year = search.year ?? currentYear;
  return (
    <Page title={t("reimbursement.followUp.title")}>
      <ReimbursementNav />
      <RegionChoice
        requested={search.region}
        onChange={(region) => void navigate({ search: (prev) => ({ ...prev, region }) })}
      >
        {(region) => (
          <>
            <NativeSelect
              label={t("reimbursement.followUp.year")}
              value={String(year)}
              data={yearChoices(currentYear).map((y) => String(y))}
              onChange={(event) =>
                void navigate({ search: (prev) => ({ ...prev, year: Number(event.currentTarget.value) }) })
              }
              w={160}
              mb="lg"
            />
            <Stack gap="xl">
              <BudgetSection region={region} year={year} />
              <YearSummarySection region={region} year={year} />
            </Stack>
          </>
        )}
      </RegionChoice>
    </Page>
  );
}

function BudgetSection({ region, year }: { region: Region; year: number }) {
  const { t, i18n } = useTranslation();
  const budget = useQuery(budgetQuery(region.code, year));
  return (
    <section aria-labelledby="budget-heading">
      <Title order={2} id="budget-heading" mb="sm">
        {t("reimbursement.followUp.budgetTitle", { year })}
      </Title>
      {budget.isPending ? (
        <LoadingState label={t("reimbursement.followUp.loading")} />
      ) : budget.isError ? (
        <LoadError
          title={t("reimbursement.followUp.budgetFailed")}
          error={budget.error}
          onRetry={() => void budget.refetch()}
        />
      ) : budget.data.components.length === 0 ? (
        <Text>{t("reimbursement.followUp.noApprovedMonths", { year })}</Text>
      ) : (
        <>
          <Text mb="md">
            {t("reimbursement.followUp.budgetBasis", {
              count: budget.data.months.length,
              model: `${budget.data.modelId ?? ""} v${budget.data.modelVersion ?? ""}`,
              months: budget.data.months.map((m) => formatMonth(m, i18n.resolvedLanguage ?? "sv")).join(", "),
            })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {budget.data.components.map((line) => (
              <BudgetCard key={line.component} line={line} monthsCovered={budget.data.months.length} />
            ))}
          </SimpleGrid>
        </>
      )}
    </section>
  );
}

function BudgetCard({ line, monthsCovered }: { line: BudgetLine; monthsCovered: number }) {
  const { t } = useTranslation();
  const language = useMoneyLanguage();
  const headingId = `budget-${line.component}`;
  const ytd = parseOre(line.yearToDateOre);
  const money = (ore: string | bigint) => formatOre(ore, { language });
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="md">
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Title order={3} id={headingId} fz="h4">
          {line.label}
        </Title>
        {line.overrun ? (
          <Badge color="red.9" variant="filled" tt="none" leftSection={<span aria-hidden>⚠</span>}>
            {t("reimbursement.followUp.overrun")}
          </Badge>
        ) : line.projectedOverrun && line.type === "perEvent" ? (
          <Badge
            color={ACCESSIBLE_COLORS.orange}
            variant="outline"
            tt="none"
            leftSection={<span aria-hidden>⚠</span>}
          >
            {t("reimbursement.followUp.projectedOverrun")}
          </Badge>
        ) : null}
      </Group>
      {line.annualOre === null ? (
        <Text>{t("reimbursement.followUp.noBudgetLine", { ytd: money(ytd) })}</Text>
      ) : (
        <>
          <Text mb={6}>
            {t("reimbursement.followUp.ofBudget", {
              ytd: money(ytd),
              annual: money(line.annualOre),
              share: formatShare(ytd, parseOre(line.annualOre), language),
            })}
          </Text>
          <Progress
            value={progressValue(ytd, parseOre(line.annualOre))}
            color={line.overrun ? "red.9" : "blue.8"}
            size="lg"
            aria-label={t("reimbursement.followUp.progressLabel", { component: line.label })}
          />
          <Text fz="sm" mt={6} c="dimmed">
            {t("reimbursement.followUp.pace", {
              share: formatShare(BigInt(monthsCovered), 12n, language),
              count: monthsCovered,
            })}
          </Text>
          {line.overrun ? (
            <Text fz="sm" mt={6} fw={700}>
              {t("reimbursement.followUp.overrunText", {
                amount: money(ytd - parseOre(line.annualOre)),
              })}
            </Text>
          ) : line.projectedOverrun && line.type === "perEvent" ? (
            <Text fz="sm" mt={6} fw={700}>
              {t("reimbursement.followUp.projectedOverrunText")}
            </Text>
          ) : null}
        </>
      )}
      {parseOre(line.unallocatedOre) !== 0n ? (
        <Text fz="sm" mt={6}>
          {t("reimbursement.followUp.unallocated", { amount: money(line.unallocatedOre) })}
        </Text>
      ) : null}
    </Card>
  );
}

function YearSummarySection({ region, year }: { region: Region; year: number }) {
  const { t } = useTranslation();
  const summary = useQuery(yearSummaryQuery(region.code, year));
  return (
    <section aria-labelledby="year-summary-heading">
      <Title order={2} id="year-summary-heading" mb="sm">
        {t("reimbursement.followUp.summaryTitle", { year })}
      </Title>
      {summary.isPending ? (
        <LoadingState label={t("reimbursement.followUp.loading")} />
      ) : summary.isError ? (
        <LoadError
          title={t("reimbursement.followUp.summaryFailed")}
          error={summary.error}
          onRetry={() => void summary.refetch()}
        />
      ) : summary.data.months.length === 0 ? (
        <Text>{t("reimbursement.followUp.noApprovedMonths", { year })}</Text>
      ) : (
        <YearSummaryTable summary={summary.data} />
      )}
    </section>
  );
}

function YearSummaryTable({ summary }: { summary: YearSummary }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(
    () =>
      summary.units.map((unit) => ({
        ...unit,
        amounts: new Map(unit.components.map((c) => [c.component, c.totalOre])),
      })),
    [summary.units],
  );
  const months = summary.months.map((m) => formatMonth(m.month, i18n.resolvedLanguage ?? "sv")).join(", ");
  return (
    <MoneyTable
      caption={t("reimbursement.followUp.summaryCaption", { months })}
      columns={summary.components}
      rows={rows}
      footer={[
        {
          label: t("reimbursement.total"),
          amounts: new Map(summary.components.map((c) => [c.component, c.totalOre])),
          totalOre: summary.totalOre,
          bold: true,
        },
      ]}
    />
  );
}
