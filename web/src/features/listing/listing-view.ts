// Pure helpers of the listing pages: flow totals over a period, the Sankey's nodes and links, and the
// month window. Tested without a browser (listing-view.test.ts).
import type { ListingFlowsResponse } from "./api.ts";

export interface FlowTotal {
  group: string;
  name: string;
  newListings: number;
  movedIn: number;
  inflow: number;
  endedListings: number;
  movedOut: number;
  outflow: number;
  net: number;
}

/** Each group's flows summed over the period's months, largest inflow first (ties by name). */
export function flowTotals(rows: ListingFlowsResponse["rows"]): FlowTotal[] {
  const totals = new Map<string, FlowTotal>();
  for (const r of rows) {
    const t = totals.get(r.group) ?? {
      group: r.group,
      name: r.name,
      newListings: 0,
      movedIn: 0,
      inflow: 0,
      endedListings: 0,
      movedOut: 0,
      outflow: 0,
      net: 0,
    };
    t.newListings += r.newListings;
    t.movedIn += r.movedIn;
    t.inflow += r.inflow;
    t.endedListings += r.endedListings;
    t.movedOut += r.movedOut;
    t.outflow += r.outflow;
    t.net += r.net;
    totals.set(r.group, t);
  }
  return [...totals.values()].sort((a, b) => b.inflow - a.inflow || a.name.localeCompare(b.name, "sv"));
}

export interface SankeyData {
  nodes: { name: string }[];
  links: { source: string; target: string; value: number }[];
}

/**
 * The from → to matrix as a Sankey: each group appears once as a source and once as a target (a Sankey
 * may not loop, and residents do move both ways), moves within a group left out (they are no flow between
 * groups and are shown in the table).
 */
export function sankeyData(
  matrix: ListingFlowsResponse["matrix"],
  label: (group: string) => string,
  side: { from: string; to: string },
): SankeyData {
  const links = matrix
    .filter((c) => c.from !== c.to && c.count > 0)
    .map((c) => ({
      source: `${label(c.from)} ${side.from}`,
      target: `${label(c.to)} ${side.to}`,
      value: c.count,
    }));
  const names = new Set<string>();
  for (const l of links) {
    names.add(l.source);
    names.add(l.target);
  }
  return { nodes: [...names].map((name) => ({ name })), links };
}

/** The month `count` months before `month` (negative: after). */
export function monthsBefore(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Öre per listed person as kronor with two decimals ("26,71 kr"), or a dash. */
export function orePerListedText(ore: string | null, language: string): string {
  if (ore === null) return "–";
  const value = Number(ore) / 100;
  return `${value.toLocaleString(language === "en" ? "en-GB" : "sv-SE", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} kr`;
}

export interface SplitSeries {
  months: string[];
  /** One series per group key, a value per month (0 where the group listed nobody that month). */
  series: { key: string; values: number[] }[];
}

/** The overview's type × ownership rows summed per month by one of the two, for a trend per group. */
export function listedSplitBy(
  rows: readonly { month: string; type: string; ownership: string; listed: number }[],
  by: "type" | "ownership",
): SplitSeries {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const keys = [...new Set(rows.map((r) => r[by]))].sort();
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(`${r[by]}|${r.month}`, (sums.get(`${r[by]}|${r.month}`) ?? 0) + r.listed);
  return {
    months,
    series: keys.map((key) => ({ key, values: months.map((m) => sums.get(`${key}|${m}`) ?? 0) })),
  };
}
