// The scenario comparison (one month under two models) as CSV: pure text, öre as integers.

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
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = ["unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore"];
  for (const r of comparison.rows)
    lines.push([r.hsaId, quote(r.unitName), r.component, r.aOre, r.bOre, r.diffOre].join(","));
  for (const t of comparison.totals)
    lines.push(["", "Total", t.component, t.aOre, t.bOre, t.diffOre].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
