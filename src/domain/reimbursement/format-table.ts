import type { ReimbursementResult } from "./types.ts";

/**
 * Whole öre as kronor with two decimals, Swedish style: "1 234 567,89" (a plain space groups thousands,
 * so that columns line up in any terminal; a comma before the öre).
 */
export function formatKronor(ore: bigint): string {
  const sign = ore < 0n ? "-" : "";
  const abs = ore < 0n ? -ore : ore;
  const kronor = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const rest = (abs % 100n).toString().padStart(2, "0");
  return `${sign}${kronor},${rest}`;
}

function renderTable(
  header: string[],
  rows: string[][],
  rightAligned: (column: number) => boolean,
): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [render(header), rule, ...rows.map(render)];
}

/**
 * The result as plain text for `--format table`: one row per unit and one column per component (amounts
 * in kronor), totals and unallocated amounts, then one row per component. The JSON is the contract; this
 * is for people.
 */
export function formatReimbursementTable(result: ReimbursementResult): string {
  const ids = result.components.map((c) => c.component);
  const unitRows = result.units.map((unit) => [
    unit.hsaId,
    ...unit.lines.map((line) => formatKronor(BigInt(line.amountOre))),
    formatKronor(BigInt(unit.totalOre)),
  ]);
  const totalRow = [
    "Total",
    ...result.components.map((c) => formatKronor(BigInt(c.totalOre))),
    formatKronor(BigInt(result.totalOre)),
  ];
  let unallocatedSum = 0n;
  for (const c of result.components) unallocatedSum += BigInt(c.unallocatedOre);
  const unallocatedRow = [
    "Unallocated",
    ...result.components.map((c) => formatKronor(BigInt(c.unallocatedOre))),
    formatKronor(unallocatedSum),
  ];
  const units = renderTable(
    ["Unit (HSA-id)", ...ids, "Total"],
    [...unitRows, totalRow, unallocatedRow],
    (c) => c > 0,
  );
  // The rule again above the totals, so they stand apart from the units.
  const ruleLine = units[1] ?? "";
  units.splice(2 + unitRows.length, 0, ruleLine);

  const components = renderTable(
    ["Component", "Type", "Label", "Paid", "Unallocated"],
    result.components.map((c) => [
      c.component,
      c.type,
      c.label,
      formatKronor(BigInt(c.totalOre)),
      formatKronor(BigInt(c.unallocatedOre)),
    ]),
    (c) => c >= 3,
  );

  return [
    `Reimbursement, model ${result.model}, month ${result.month} (amounts in kronor)`,
    `Inputs SHA-256: ${result.inputsSha256}`,
    `Units: ${result.units.length}`,
    "",
    ...units,
    "",
    ...components,
    "",
  ].join("\n");
}
