import { Table } from "@mantine/core";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatOre, parseOre } from "./money.ts";
import { SortableHeader } from "./SortableHeader.tsx";
import { nextSort, type SortDirection, sortRows } from "./tables.ts";
import { useMoneyLanguage } from "./useMoneyLanguage.ts";

type MoneyColumn = "unit" | "total" | `component:${string}`;

export interface MoneyTableRow {
  hsaId: string;
  unitName: string;
  /** Component id → öre; a missing component counts as 0. */
  amounts: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  totalOre: string;
}

export interface MoneyTableFooterRow {
  label: string;
  amounts: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  totalOre: string;
  bold?: boolean;
}

interface MoneyTableProps<R extends MoneyTableRow> {
  caption: string;
  columns: readonly { component: string; label: string }[];
  rows: readonly R[];
  footer: readonly MoneyTableFooterRow[];
  /** An extra last column (its header and each row's cell), e.g. a download link. */
  extra?: { header: string; cell: (row: R) => ReactNode };
}

function amountOf(amounts: MoneyTableRow["amounts"], component: string): string | undefined {
  return amounts instanceof Map ? amounts.get(component) : (amounts as Record<string, string>)[component];
}

/**
 * The one sortable money table of the reimbursement pages: a unit per row, a component per column, the
 * total, and footer rows. Headers are buttons with aria-sort; amounts sort exactly (bigint), names in
 * Swedish order, ties keep their order.
 */
export function MoneyTable<R extends MoneyTableRow>({
  caption,
  columns,
  rows,
  footer,
  extra,
}: MoneyTableProps<R>) {
  const { t } = useTranslation();
  const language = useMoneyLanguage();
  const [sort, setSort] = useState<{ column: MoneyColumn; direction: SortDirection }>({
    column: "unit",
    direction: "asc",
  });
  const sorted = useMemo(
    () =>
      sortRows(
        rows,
        (row) => {
          if (sort.column === "unit") return row.unitName;
          if (sort.column === "total") return parseOre(row.totalOre);
          return parseOre(amountOf(row.amounts, sort.column.slice("component:".length)) ?? "0");
        },
        sort.direction,
      ),
    [rows, sort],
  );
  const onSort = (column: MoneyColumn) => setSort((current) => nextSort(current, column));
  const money = (ore: string | undefined) => formatOre(ore ?? "0", { language });
  const amountCell = (key: string, ore: string | undefined, bold: boolean) => (
    <Table.Td key={key} ta="right" fw={bold ? 700 : undefined} style={{ whiteSpace: "nowrap" }}>
      {money(ore)}
    </Table.Td>
  );
  return (
    <Table.ScrollContainer minWidth={(extra ? 360 : 320) + 150 * columns.length}>
      <Table striped highlightOnHover captionSide="top" verticalSpacing="xs" fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <SortableHeader column="unit" sort={sort} onSort={onSort} label={t("reimbursement.run.unit")} />
            {columns.map((column) => (
              <SortableHeader
                key={column.component}
                column={`component:${column.component}` as MoneyColumn}
                sort={sort}
                onSort={onSort}
                label={column.label}
                numeric
              />
            ))}
            <SortableHeader
              column="total"
              sort={sort}
              onSort={onSort}
              label={t("reimbursement.total")}
              numeric
            />
            {extra ? <Table.Th scope="col">{extra.header}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((row) => (
            <Table.Tr key={row.hsaId}>
              <Table.Th scope="row" fw={400} miw={180}>
                {row.unitName}
              </Table.Th>
              {columns.map((column) =>
                amountCell(column.component, amountOf(row.amounts, column.component), false),
              )}
              {amountCell("total", row.totalOre, true)}
              {extra ? <Table.Td>{extra.cell(row)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          {footer.map((line) => (
            <Table.Tr key={line.label}>
              <Table.Th scope="row">{line.label}</Table.Th>
              {columns.map((column) =>
                amountCell(column.component, amountOf(line.amounts, column.component), line.bold ?? false),
              )}
              {amountCell("total", line.totalOre, line.bold ?? false)}
              {extra ? <Table.Td /> : null}
            </Table.Tr>
          ))}
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
