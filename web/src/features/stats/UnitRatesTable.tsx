import { Table, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, formatPointsGap, formatRate, NO_FIGURE } from "./format.ts";
import type { AccessibilityAnswer, ReferenceValue } from "./types.ts";
import {
  ariaSortOf,
  DEFAULT_SORT,
  figureDisplay,
  type Measure,
  nextSort,
  periodTotals,
  referenceFor,
  type SortKey,
  type SortState,
  sortUnitRates,
  type UnitRates,
} from "./unit-table.ts";

const RATE_KEYS = ["phone", "resident", "feedback", "assessment"] as const;
const COLUMN_COUNT = 7;

interface UnitRatesTableProps {
  answer: AccessibilityAnswer;
  names: ReadonlyMap<string, string>;
  regionName: string;
  caption: string;
  /** The period's last month (YYYY-MM), for the reference value. */
  to: string;
  /**
   * Every year's reference values: when the period's own year has none published yet, the latest earlier
   * one is shown, with its year.
   */
  allReference: readonly ReferenceValue[];
  suppressed: boolean;
  /**
   * Whether to show the region's row. Not when one unit is chosen: the API's region row then sums that
   * unit alone and would pass for the region.
   */
  showRegion: boolean;
}

/** Each unit's four rates with the counts behind them, the hidden queue and the gap to the reference. */
export function UnitRatesTable({
  answer,
  names,
  regionName,
  caption,
  to,
  allReference,
  suppressed,
  showRegion,
}: UnitRatesTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const totals = useMemo(() => periodTotals(answer.rows, names, regionName), [answer, names, regionName]);
  const region = showRegion ? (totals.find((row) => row.hsaId === null) ?? null) : null;
  const units = useMemo(
    () =>
      sortUnitRates(
        totals.filter((row) => row.hsaId !== null),
        sort,
      ),
    [totals, sort],
  );
  const reference = referenceFor([...answer.reference, ...allReference], to);

  const header = (key: SortKey, label: string) => (
    <Table.Th key={key} scope="col" aria-sort={ariaSortOf(sort, key)}>
      <UnstyledButton onClick={() => setSort(nextSort(sort, key))} fw={700} fz="sm" className="sort-button">
        {label}
        <span aria-hidden="true">
          {sort.key === key ? (sort.direction === "ascending" ? " ▲" : " ▼") : " ↕"}
        </span>
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <>
      <Text size="sm" mb="xs">
        {reference
          ? t("stats.referenceLine", {
              year: reference.year,
              rate: formatRate(reference.nationalPhoneRate, language),
              goal: formatRate(reference.goal, language),
            })
          : t("stats.referenceUnknown")}
      </Text>
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover captionSide="top" verticalSpacing="sm">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {header("name", t("stats.columns.name"))}
              {RATE_KEYS.map((key) => header(key, t(`stats.measures.${key}`)))}
              <Table.Th scope="col">{t("stats.columns.reference")}</Table.Th>
              {header("hiddenQueue", t("stats.columns.hiddenQueue"))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={COLUMN_COUNT}>{t("stats.noData")}</Table.Td>
              </Table.Tr>
            ) : (
              units.map((row) => (
                <RatesRow key={row.hsaId} row={row} reference={reference} suppressed={suppressed} />
              ))
            )}
          </Table.Tbody>
          {region && (
            <Table.Tfoot>
              <RatesRow
                row={{ ...region, name: t("stats.wholeRegion") }}
                reference={reference}
                suppressed={suppressed}
              />
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      {suppressed && (
        <Text size="sm" mt="xs">
          {t("stats.suppressedNote")}
        </Text>
      )}
    </>
  );
}

function RatesRow({
  row,
  reference,
  suppressed,
}: {
  row: UnitRates;
  reference: ReferenceValue | null;
  suppressed: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const gap = formatPointsGap(row.phone.rate, reference?.nationalPhoneRate ?? null, language);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600}>
        {row.name}
      </Table.Th>
      {RATE_KEYS.map((key) => (
        <Table.Td key={key}>
          <FigureCell figure={row[key]} suppressed={suppressed} />
        </Table.Td>
      ))}
      <Table.Td>{gap === null ? NO_FIGURE : t("stats.points", { value: gap })}</Table.Td>
      <Table.Td>
        {row.hiddenQueue === null && suppressed ? <Suppressed /> : formatCount(row.hiddenQueue, language)}
      </Table.Td>
    </Table.Tr>
  );
}

function Suppressed() {
  const { t } = useTranslation();
  return (
    <span title={t("stats.suppressed")}>
      <span aria-hidden="true">{NO_FIGURE}</span>
      <VisuallyHidden>{t("stats.suppressed")}</VisuallyHidden>
    </span>
  );
}

function FigureCell({ figure, suppressed }: { figure: Measure; suppressed: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  switch (figureDisplay(figure, suppressed)) {
    case "suppressed":
      return <Suppressed />;
    case "empty":
      return <>{NO_FIGURE}</>;
    case "value":
      return (
        <>
          <Text component="span" fw={700} display="block">
            {formatRate(figure.rate, language)}
          </Text>
          <Text component="span" size="xs" display="block">
            {t("stats.countOf", {
              count: formatCount(figure.count, language),
              total: formatCount(figure.denominator, language),
            })}
          </Text>
        </>
      );
  }
}
