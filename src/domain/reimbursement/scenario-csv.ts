// The scenario comparison (one month under two models) as CSV: pure text, öre as integers.

import { csvLine } from "../exports/csv.ts";

export interface ScenarioCsvInput {
  rows: readonly {
    hsaId: string;
    unitName: string;
    component: string;
    aOre: string;
    bOre: string;
    diffOre: string;
  }[];
  totals: readonly { component: string; aOre: string; bOre: string; diffOre: string }[];
}

/** The comparison as CSV: one row per unit and component, öre as integers, then the totals. */
export function scenarioCsv(comparison: ScenarioCsvInput): string {
  const lines = ["unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore"];
  for (const r of comparison.rows)
    lines.push(csvLine([r.hsaId, r.unitName, r.component, r.aOre, r.bOre, r.diffOre]));
  for (const t of comparison.totals)
    lines.push(csvLine(["", "Total", t.component, t.aOre, t.bOre, t.diffOre]));
  return `${lines.join("\r\n")}\r\n`;
}
