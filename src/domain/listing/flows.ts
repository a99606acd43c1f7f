// Listing flows (DESIGN.md capability 5, FORMATS.md "Listing"): what the residents' choices add up to.
// Pure: the listing changes of a period in, inflow/outflow per group and month and a from → to matrix
// out. A change with no `from` is a new listing (moved into the region, newborn, first listing), one with
// no `to` a listing that ended (moved away, died); they are kept apart from moves between units.

export type FlowGrouping = "unit" | "ownership" | "type";
export const FLOW_GROUPINGS: readonly FlowGrouping[] = ["unit", "ownership", "type"] as const;

export interface FlowUnit {
  hsaId: string;
  name: string;
  type: string;
  ownership: string;
}

export interface ListingChange {
  month: string;
  from: FlowUnit | null;
  to: FlowUnit | null;
  count: number;
}

export interface FlowRow {
  month: string;
  /** The group's key: an HSA-id, an ownership (regional, private) or a unit type. */
  group: string;
  /** Listings that began in the group: residents new to the region's listing. */
  newListings: number;
  /** Residents who moved their listing here from a unit outside the group. */
  movedIn: number;
  /** newListings + movedIn. */
  inflow: number;
  /** Listings of the group that ended (moved away from the region, died). */
  endedListings: number;
  /** Residents who moved their listing from the group to a unit outside it. */
  movedOut: number;
  /** endedListings + movedOut. */
  outflow: number;
  /** inflow − outflow. */
  net: number;
  /** Moves between two units of the same group (0 when grouping by unit): they change no group total. */
  withinGroup: number;
}

/** The node of the matrix for residents who came from outside the region's listing, or left it. */
export const NEW_LISTING = "new";
export const ENDED_LISTING = "ended";

export interface MatrixCell {
  /** A group key, or "new" for new listings. */
  from: string;
  /** A group key, or "ended" for ended listings. */
  to: string;
  count: number;
}

export interface ListingFlows {
  rows: FlowRow[];
  matrix: MatrixCell[];
}

export function groupOf(unit: FlowUnit, by: FlowGrouping): string {
  switch (by) {
    case "unit":
      return unit.hsaId;
    case "ownership":
      return unit.ownership;
    case "type":
      return unit.type;
  }
}

function emptyRow(month: string, group: string): FlowRow {
  return {
    month,
    group,
    newListings: 0,
    movedIn: 0,
    inflow: 0,
    endedListings: 0,
    movedOut: 0,
    outflow: 0,
    net: 0,
    withinGroup: 0,
  };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Inflow, outflow and net per group and month, and the from → to matrix over the whole period. Rows are
 * ordered by month, then group; a group appears in a month only when a change touched it. The matrix
 * has one cell per (from, to) with a count above 0, moves within a group included (from = to) so the
 * matrix sums to every resident who changed.
 */
export function listingFlows(changes: readonly ListingChange[], by: FlowGrouping): ListingFlows {
  const rows = new Map<string, FlowRow>();
  const row = (month: string, group: string) => {
    const key = `${month}|${group}`;
    let found = rows.get(key);
    if (found === undefined) {
      found = emptyRow(month, group);
      rows.set(key, found);
    }
    return found;
  };
  const matrix = new Map<string, MatrixCell>();
  for (const change of changes) {
    if (change.count === 0) continue;
    const from = change.from === null ? null : groupOf(change.from, by);
    const to = change.to === null ? null : groupOf(change.to, by);
    if (from === null && to === null) continue;
    if (from !== null && from === to) {
      row(change.month, from).withinGroup += change.count;
    } else {
      if (to !== null) {
        const r = row(change.month, to);
        if (from === null) r.newListings += change.count;
        else r.movedIn += change.count;
      }
      if (from !== null) {
        const r = row(change.month, from);
        if (to === null) r.endedListings += change.count;
        else r.movedOut += change.count;
      }
    }
    const cellKey = `${from ?? NEW_LISTING}|${to ?? ENDED_LISTING}`;
    const cell = matrix.get(cellKey) ?? { from: from ?? NEW_LISTING, to: to ?? ENDED_LISTING, count: 0 };
    cell.count += change.count;
    matrix.set(cellKey, cell);
  }
  const flowRows = [...rows.values()]
    .map((r) => {
      const inflow = r.newListings + r.movedIn;
      const outflow = r.endedListings + r.movedOut;
      return { ...r, inflow, outflow, net: inflow - outflow };
    })
    .sort((a, b) => byText(a.month, b.month) || byText(a.group, b.group));
  const cells = [...matrix.values()].sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to));
  return { rows: flowRows, matrix: cells };
}
