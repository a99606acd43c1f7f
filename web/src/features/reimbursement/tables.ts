// Pure helpers behind the reimbursement tables: exact sorting, the run result as a unit × component
// matrix, and the scenario comparison with its differences and totals. All amounts stay bigint or öre
// strings; nothing here touches the DOM.
import type {
  ScenarioComparison as ScenarioComparisonAnswer,
  ResultComponent as ServerResultComponent,
  ResultUnit as ServerResultUnit,
} from "../../../../src/modules/reimbursement/reimbursement.schemas.ts";
import { compareOre, parseOre } from "./money.ts";

export type SortDirection = "asc" | "desc";

/** A cell's value for sorting: text sorts in Swedish alphabetical order, amounts exactly. */
export type SortValue = string | bigint;

const swedish = new Intl.Collator("sv", { sensitivity: "base", numeric: true });

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "bigint" && typeof b === "bigint") return compareOre(a, b);
  return swedish.compare(String(a), String(b));
}

/**
 * The rows ordered by one column, ascending or descending; rows that compare equal keep their order
 * (stable), so a second click never shuffles ties.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, direction: SortDirection): T[] {
  const factor = direction === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((x, y) => compareValues(x.key, y.key) * factor || x.index - y.index)
    .map((entry) => entry.row);
}

/** What the next click on a column header does: a new column starts ascending, the same one flips. */
export function nextSort<C extends string>(
  current: { column: C; direction: SortDirection },
  clicked: C,
): { column: C; direction: SortDirection } {
  if (current.column !== clicked) return { column: clicked, direction: "asc" };
  return { column: clicked, direction: current.direction === "asc" ? "desc" : "asc" };
}

/** The value of aria-sort for a column header. */
export function ariaSort(
  current: { column: string; direction: SortDirection },
  column: string,
): "ascending" | "descending" | "none" {
  if (current.column !== column) return "none";
  return current.direction === "asc" ? "ascending" : "descending";
}

// ---------------------------------------------------------------------------------------------------
// A run's result (FORMATS.md JSON output) as a matrix.

/** The parts of a run's unit line the matrix reads. */
export type ResultLine = Pick<ServerResultUnit["lines"][number], "component" | "amountOre">;

/** The parts of a run's unit result the matrix reads. */
export type ResultUnit = Pick<ServerResultUnit, "hsaId" | "totalOre"> & { lines: ResultLine[] };

/** The parts of a run's component result the matrix reads. */
export type ResultComponent = Pick<ServerResultComponent, "component" | "totalOre" | "unallocatedOre"> &
  Partial<Pick<ServerResultComponent, "label">>;

export interface RunMatrixRow {
  hsaId: string;
  unitName: string;
  /** Component id → öre; "0" where the unit has no line (the engine writes one for every component). */
  amounts: Record<string, string>;
  totalOre: string;
}

export interface RunMatrix {
  columns: { component: string; label: string }[];
  rows: RunMatrixRow[];
  /** Component id → öre paid to units in total. */
  componentTotals: Record<string, string>;
  /** Component id → öre due but paid to no unit. */
  unallocated: Record<string, string>;
  totalOre: string;
  unallocatedTotalOre: string;
}

export function runMatrix(
  result: { units: ResultUnit[]; components: ResultComponent[]; totalOre: string },
  unitNames: ReadonlyMap<string, string>,
): RunMatrix {
  const columns = result.components.map((c) => ({ component: c.component, label: c.label ?? c.component }));
  const rows = result.units.map((unit) => {
    const amounts: Record<string, string> = {};
    for (const column of columns) amounts[column.component] = "0";
    for (const line of unit.lines) amounts[line.component] = line.amountOre;
    return {
      hsaId: unit.hsaId,
      unitName: unitNames.get(unit.hsaId) ?? unit.hsaId,
      amounts,
      totalOre: unit.totalOre,
    };
  });
  const componentTotals: Record<string, string> = {};
  const unallocated: Record<string, string> = {};
  let unallocatedTotal = 0n;
  for (const c of result.components) {
    componentTotals[c.component] = c.totalOre;
    unallocated[c.component] = c.unallocatedOre;
    unallocatedTotal += parseOre(c.unallocatedOre);
  }
  return {
    columns,
    rows,
    componentTotals,
    unallocated,
    totalOre: result.totalOre,
    unallocatedTotalOre: unallocatedTotal.toString(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Scenarios: the same month under model A and model B.

/** The parts of a scenario row the comparison reads (B − A is recomputed here). */
export type ScenarioRowInput = Pick<
  ScenarioComparisonAnswer["rows"][number],
  "hsaId" | "unitName" | "component" | "aOre" | "bOre"
>;

export interface ScenarioLine {
  component: string;
  aOre: bigint;
  bOre: bigint;
  /** B − A: positive when model B pays more. */
  diffOre: bigint;
}

export interface ScenarioUnit {
  hsaId: string;
  unitName: string;
  lines: ScenarioLine[];
  aOre: bigint;
  bOre: bigint;
  diffOre: bigint;
}

export interface ScenarioComparison {
  units: ScenarioUnit[];
  /** Per component across all units, in the order components first appear. */
  components: ScenarioLine[];
  aOre: bigint;
  bOre: bigint;
  diffOre: bigint;
}

/**
 * Groups the server's rows per unit, computes every difference as B − A exactly (never trusting a
 * rounded figure), and adds totals per unit, per component and overall. A component that only one model
 * has shows 0 under the other.
 */
export function compareScenario(rows: readonly ScenarioRowInput[]): ScenarioComparison {
  const units = new Map<string, ScenarioUnit>();
  const components = new Map<string, ScenarioLine>();
  let aTotal = 0n;
  let bTotal = 0n;
  for (const row of rows) {
    const a = parseOre(row.aOre);
    const b = parseOre(row.bOre);
    let unit = units.get(row.hsaId);
    if (unit === undefined) {
      unit = { hsaId: row.hsaId, unitName: row.unitName, lines: [], aOre: 0n, bOre: 0n, diffOre: 0n };
      units.set(row.hsaId, unit);
    }
    const existing = unit.lines.find((line) => line.component === row.component);
    if (existing) {
      existing.aOre += a;
      existing.bOre += b;
      existing.diffOre = existing.bOre - existing.aOre;
    } else {
      unit.lines.push({ component: row.component, aOre: a, bOre: b, diffOre: b - a });
    }
    unit.aOre += a;
    unit.bOre += b;
    unit.diffOre = unit.bOre - unit.aOre;

    let component = components.get(row.component);
    if (component === undefined) {
      component = { component: row.component, aOre: 0n, bOre: 0n, diffOre: 0n };
      components.set(row.component, component);
    }
    component.aOre += a;
    component.bOre += b;
    component.diffOre = component.bOre - component.aOre;

    aTotal += a;
    bTotal += b;
  }
  return {
    units: [...units.values()],
    components: [...components.values()],
    aOre: aTotal,
    bOre: bTotal,
    diffOre: bTotal - aTotal,
  };
}

/** Only the lines whose amounts differ, for a focused view of what the change moves. */
export function changedLines(comparison: ScenarioComparison): { unit: ScenarioUnit; line: ScenarioLine }[] {
  return comparison.units.flatMap((unit) =>
    unit.lines.filter((line) => line.diffOre !== 0n).map((line) => ({ unit, line })),
  );
}
