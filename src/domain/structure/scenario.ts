// The close/open scenario of the unit structure (interpellation question 3): where a closed unit's
// listed go, or whom a new unit takes its listed from, as moves of whole persons by age. Pure: the
// module runs the reimbursement engine on the moved listing and reads staffing for the effects.
import { splitByLargestRemainder } from "../reimbursement/largest-remainder.ts";
import { haversineKm, type LatLon, nearest } from "./geo.ts";

export interface ScenarioUnit extends LatLon {
  hsaId: string;
  /** Listed persons by whole year of age (the snapshot's listedByAge). */
  listedByAge: Record<string, number>;
}

export interface Move {
  from: string;
  to: string;
  /** Persons moved, by age; sums to `count`. */
  byAge: Record<string, number>;
  count: number;
  /** Distance between the two units, km: the residents' new way, placed at their old unit. */
  km: number;
}

export function listedOf(unit: Pick<ScenarioUnit, "listedByAge">): number {
  return Object.values(unit.listedByAge).reduce((a, b) => a + b, 0);
}

/** Splits `total` persons in proportion to whole-number weights (largest remainder, ties to the larger weight then the smaller key). */
export function splitPersons(
  total: number,
  weights: readonly { key: string; weight: number }[],
): Map<string, number> {
  const { shares } = splitByLargestRemainder(
    BigInt(total),
    weights.map((w) => ({ key: w.key, weight: BigInt(w.weight) })),
    "largerWeightThenSmallerKey",
  );
  return new Map(shares.map((s) => [s.key, Number(s.share)]));
}

/** `count` of a unit's listed, spread over its ages in proportion to how many it lists at each age. */
export function takeByAge(listedByAge: Record<string, number>, count: number): Record<string, number> {
  const ages = Object.entries(listedByAge).filter(([, n]) => n > 0);
  const listed = ages.reduce((a, [, n]) => a + n, 0);
  if (count > listed) throw new RangeError(`cannot take ${count} of ${listed} listed`);
  const shares = splitPersons(
    count,
    ages.map(([age, n]) => ({ key: age, weight: n })),
  );
  const out: Record<string, number> = {};
  for (const [age] of ages) {
    const n = shares.get(age) ?? 0;
    if (n > 0) out[age] = n;
  }
  return out;
}

export type ClosureTargets = { kind: "named"; hsaIds: string[] } | { kind: "nearest"; count: number };

/**
 * A unit closes: its listed move to the named units (split by their own listed, so a larger unit takes
 * more) or to the `count` nearest units by the region file's coordinates (split the same way). Ages
 * move in proportion, so each target gets the closed unit's age profile.
 */
export function planClosure(
  units: readonly ScenarioUnit[],
  closedHsaId: string,
  targets: ClosureTargets,
): Move[] {
  const closed = units.find((u) => u.hsaId === closedHsaId);
  if (closed === undefined) throw new RangeError(`no unit ${closedHsaId}`);
  const others = units.filter((u) => u.hsaId !== closedHsaId);
  const receivers =
    targets.kind === "named"
      ? targets.hsaIds.map((id) => {
          const u = others.find((o) => o.hsaId === id);
          if (u === undefined) throw new RangeError(`no receiving unit ${id}`);
          return u;
        })
      : nearest(closed, others, targets.count);
  if (receivers.length === 0) throw new RangeError("no unit to receive the listed");
  // A receiver with nobody listed still gets a share: weight 1 person instead of 0.
  const weights = receivers.map((r) => ({ key: r.hsaId, weight: Math.max(1, listedOf(r)) }));
  const moves: Move[] = [];
  let left = { ...closed.listedByAge };
  const counts = splitPersons(listedOf(closed), weights);
  // Each receiver takes its count from what is left, so every person moves exactly once.
  for (const receiver of receivers) {
    const count = counts.get(receiver.hsaId) ?? 0;
    if (count === 0) continue;
    const byAge = takeByAge(left, count);
    left = subtractAges(left, byAge);
    moves.push({ from: closed.hsaId, to: receiver.hsaId, byAge, count, km: haversineKm(closed, receiver) });
  }
  return moves;
}

/** A new unit opens and takes `count` listed from each named unit (their age profile in proportion). */
export function planOpening(
  units: readonly ScenarioUnit[],
  opened: LatLon & { hsaId: string },
  takes: readonly { fromHsaId: string; count: number }[],
): Move[] {
  return takes
    .filter((t) => t.count > 0)
    .map((t) => {
      const from = units.find((u) => u.hsaId === t.fromHsaId);
      if (from === undefined) throw new RangeError(`no unit ${t.fromHsaId}`);
      const byAge = takeByAge(from.listedByAge, t.count);
      return { from: from.hsaId, to: opened.hsaId, byAge, count: t.count, km: haversineKm(from, opened) };
    });
}

function subtractAges(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [age, n] of Object.entries(a)) {
    const left = n - (b[age] ?? 0);
    if (left > 0) out[age] = left;
  }
  return out;
}

function addAges(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [age, n] of Object.entries(b)) out[age] = (out[age] ?? 0) + n;
  return out;
}

/** The listing after the moves: each unit's listed by age (units named only as a target are added). */
export function applyMoves(
  listing: ReadonlyMap<string, Record<string, number>>,
  moves: readonly Move[],
): Map<string, Record<string, number>> {
  const out = new Map([...listing].map(([k, v]) => [k, { ...v }]));
  for (const move of moves) {
    out.set(move.from, subtractAges(out.get(move.from) ?? {}, move.byAge));
    out.set(move.to, addAges(out.get(move.to) ?? {}, move.byAge));
  }
  return out;
}

/** Mean distance (km) the moved residents have to their new unit, weighted by persons; null with no move. */
export function meanMovedKm(moves: readonly Move[]): number | null {
  const persons = moves.reduce((a, m) => a + m.count, 0);
  if (persons === 0) return null;
  return moves.reduce((a, m) => a + m.count * m.km, 0) / persons;
}
