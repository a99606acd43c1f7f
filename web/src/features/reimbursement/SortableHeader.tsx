import { Table, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ariaSort, type SortDirection } from "./tables.ts";

interface SortableHeaderProps<C extends string> {
  column: C;
  sort: { column: C; direction: SortDirection };
  onSort: (column: C) => void;
  label: string;
  numeric?: boolean;
}

/** A column header that sorts the table: a real button (keyboard), and aria-sort on the header cell. */
export function SortableHeader<C extends string>({
  column,
  sort,
  onSort,
  label,
  numeric,
}: SortableHeaderProps<C>) {
  const { t } = useTranslation();
  const state = ariaSort(sort, column);
  const arrow = state === "ascending" ? "▲" : state === "descending" ? "▼" : "";
  return (
    <Table.Th scope="col" aria-sort={state} ta={numeric ? "right" : undefined}>
      <UnstyledButton
        onClick={() => onSort(column)}
        fw={700}
        fz="sm"
        title={t("reimbursement.sortBy", { column: label })}
        style={{ textAlign: numeric ? "right" : "left" }}
      >
        {label}
        {arrow === "" ? null : (
          <span aria-hidden style={{ marginInlineStart: 4 }}>
            {arrow}
          </span>
        )}
      </UnstyledButton>
    </Table.Th>
  );
}
