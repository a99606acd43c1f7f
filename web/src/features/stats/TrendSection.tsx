import { Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { buildTrendOption, type TrendLabels, type TrendPoint, trendPoints } from "./chart-options.ts";
import { EChart } from "./EChart.tsx";
import { formatCount, formatMonth, formatRate, NO_FIGURE } from "./format.ts";
import type { AccessibilityAnswer } from "./types.ts";

interface TrendSectionProps {
  answer: AccessibilityAnswer;
  unit: string | null;
  from: string;
  to: string;
  scopeName: string;
  period: string;
}

const MEASURES = ["phone", "resident", "feedback", "assessment"] as const;

/** A percent value (87.5) as the language writes a share: "87,5 %". */
function percentText(value: number | null, language: string): string {
  return value === null ? NO_FIGURE : formatRate(value / 100, language);
}

/** Monthly trend of the four rates against reference and goal, with the hidden queue as bars. */
export function TrendSection({ answer, unit, from, to, scopeName, period }: TrendSectionProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const points = useMemo(
    () => trendPoints(answer.rows, answer.reference, unit, from, to),
    [answer, unit, from, to],
  );
  const option = useMemo(() => {
    const labels: TrendLabels = {
      phone: t("stats.measures.phone"),
      resident: t("stats.measures.resident"),
      feedback: t("stats.measures.feedback"),
      assessment: t("stats.measures.assessment"),
      hiddenQueue: t("stats.measures.hiddenQueue"),
      reference: t("stats.measures.reference"),
      goal: t("stats.measures.goal"),
      rateAxis: t("stats.rateAxis"),
      countAxis: t("stats.countAxis"),
      month: (month) => formatMonth(month, language, "short"),
      percent: (value) => percentText(value, language),
      count: (value) => formatCount(value, language),
    };
    return buildTrendOption(points, labels);
  }, [points, t, language]);

  const latest = [...points].reverse().find((point) => MEASURES.some((key) => point[key] !== null));
  const summary = latest
    ? t("stats.trendAria", {
        scope: scopeName,
        period,
        month: formatMonth(latest.month, language),
        phone: percentText(latest.phone, language),
        resident: percentText(latest.resident, language),
        feedback: percentText(latest.feedback, language),
        assessment: percentText(latest.assessment, language),
      })
    : t("stats.trendAriaEmpty", { scope: scopeName, period });

  return (
    <section aria-labelledby="stats-trend-heading">
      <Title order={2} id="stats-trend-heading" mb="xs">
        {t("stats.trendTitle")}
      </Title>
      <Text size="sm" mb="sm" c="dimmed">
        {t("stats.trendHelp")}
      </Text>
      <EChart option={option} ariaLabel={summary} height={400} />
      <VisuallyHidden>
        <TrendTable points={points} caption={t("stats.trendTableCaption", { scope: scopeName, period })} />
      </VisuallyHidden>
    </section>
  );
}

function TrendTable({ points, caption }: { points: readonly TrendPoint[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("stats.month")}</Table.Th>
          {MEASURES.map((key) => (
            <Table.Th scope="col" key={key}>
              {t(`stats.measures.${key}`)}
            </Table.Th>
          ))}
          <Table.Th scope="col">{t("stats.measures.reference")}</Table.Th>
          <Table.Th scope="col">{t("stats.measures.hiddenQueue")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {points.map((point) => (
          <Table.Tr key={point.month}>
            <Table.Th scope="row">{formatMonth(point.month, language)}</Table.Th>
            {MEASURES.map((key) => (
              <Table.Td key={key}>{percentText(point[key], language)}</Table.Td>
            ))}
            <Table.Td>{percentText(point.reference, language)}</Table.Td>
            <Table.Td>{formatCount(point.hiddenQueue, language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
