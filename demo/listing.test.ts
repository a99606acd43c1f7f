import { describe, expect, it } from "vitest";
import { listingFlows } from "../src/domain/listing/flows.ts";
import { listingChangesCsv, monthRange, simulateDemoListing } from "./listing.ts";
import { DEMO_UNIT_OPENINGS, generateDemoListing, generateDemoRegionFiles } from "./regions.ts";

const files = generateDemoRegionFiles();
const history = simulateDemoListing(files, "2026-12");
const opening = DEMO_UNIT_OPENINGS[0] as (typeof DEMO_UNIT_OPENINGS)[number];

describe("demo listing history", () => {
  it("runs from 2023-01 to the asked-for month, the same history whatever month ends it", () => {
    expect(history.months[0]).toBe("2023-01");
    expect(history.months.at(-1)).toBe("2026-12");
    const shorter = simulateDemoListing(files, "2024-06");
    expect(shorter.changes).toEqual(history.changes.filter((c) => c.month <= "2024-06"));
    expect(monthRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("every unit's listed moves by exactly its changes, month by month", () => {
    const start = new Map(generateDemoListing(files).map((l) => [l.hsaId, l.listed]));
    const net = new Map<string, number>();
    for (const c of history.changes) {
      if (c.to !== null) net.set(`${c.month}|${c.to}`, (net.get(`${c.month}|${c.to}`) ?? 0) + c.count);
      if (c.from !== null) net.set(`${c.month}|${c.from}`, (net.get(`${c.month}|${c.from}`) ?? 0) - c.count);
    }
    const mismatches: string[] = [];
    for (const [hsaId, series] of history.listed) {
      let previous = start.get(hsaId) ?? 0;
      history.months.forEach((month, i) => {
        if (series[i] !== previous + (net.get(`${month}|${hsaId}`) ?? 0))
          mismatches.push(`${hsaId} ${month}`);
        previous = series[i] as number;
      });
    }
    expect(mismatches).toEqual([]);
    expect(history.listed.size).toBeGreaterThan(60);
  });

  it("the new private unit lists nobody before it opens and draws listing from the town after", () => {
    const series = history.listed.get(opening.hsaId) ?? [];
    const first = history.months.indexOf(opening.firstMonth);
    expect(series.slice(0, first).every((n) => n === 0)).toBe(true);
    expect(
      history.changes.some(
        (c) => c.month < opening.firstMonth && (c.to === opening.hsaId || c.from === opening.hsaId),
      ),
    ).toBe(false);
    expect(series[first]).toBeGreaterThan(500);
    expect(series.at(-1)).toBeGreaterThan(series[first] as number);
    const unit = (hsaId: string) => {
      const u = files.flatMap((f) => f.units).find((x) => x.hsaId === hsaId);
      if (u === undefined) throw new Error(hsaId);
      return { hsaId, name: u.name, type: u.type, ownership: u.ownership };
    };
    const flows = listingFlows(
      history.changes
        .filter((c) => c.month === opening.firstMonth)
        .map((c) => ({
          month: c.month,
          from: c.from === null ? null : unit(c.from),
          to: c.to === null ? null : unit(c.to),
          count: c.count,
        })),
      "unit",
    );
    const own = flows.rows.find((r) => r.group === opening.hsaId);
    expect(own?.movedIn).toBeGreaterThan(400);
    expect(own?.net).toBeGreaterThan(400);
    // Mostly from Härnösand's own units (the rest from units within 25 km).
    const fromTown = flows.matrix
      .filter((c) => c.to === opening.hsaId && c.from !== "new" && unit(c.from).hsaId.includes("-D80"))
      .reduce((a, c) => a + c.count, 0);
    expect(fromTown).toBeGreaterThan((own?.movedIn ?? 0) / 2);
  });

  it("writes the FORMATS.md listing-changes CSV", () => {
    const csv = listingChangesCsv([
      { month: "2026-03", from: "A", to: "B", count: 3 },
      { month: "2026-03", from: null, to: "B", count: 2 },
      { month: "2026-03", from: "A", to: null, count: 1 },
    ]);
    expect(csv).toBe(
      "month,from_unit_hsa_id,to_unit_hsa_id,count\n2026-03,A,B,3\n2026-03,,B,2\n2026-03,A,,1\n",
    );
  });
});
