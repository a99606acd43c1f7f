import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type ImportLane, openCopyImportDatabase } from "./copy-staging.ts";
import { stageBatch } from "./imports.repository.ts";
import { importContacts } from "./imports.service.ts";
import { rebuildRollups } from "./rollups.repository.ts";

// Batches in flight on several connections must give what one connection gives: the same contacts (the
// last row of a contact_id wins, also when its rows sit in batches that would run at the same time), the
// same counts, and rollups equal to a rebuild. On PostgreSQL the lanes are real connections with COPY
// staging; on PGlite they share its one connection (the scheduling rules still run).

let ctx: ServiceContext;
let database: TestDatabase;
let units: string[];
beforeAll(async () => {
  ({ ctx, database } = await createTestContext());
  await seedExampleRegion(ctx);
  units = (await ctx.db.selectFrom("units").select("hsa_id").where("region_code", "=", "22").execute()).map(
    (u) => u.hsa_id,
  );
});
afterAll(() => database.close());

const HEADER =
  "contact_id,unit_hsa_id,channel,received_at,result,responded_at,feedback_at,new_problem,assessed_at,assessed_by,patient_chosen_wait";
const RESULTS = ["answered", "callback", "abandoned", "refused"];

/** 300 rows; ids repeat every 40 rows with another result and time, so a contact is written many times. */
function file(): string {
  const lines = [HEADER];
  for (let i = 0; i < 300; i++) {
    const id = i % 40;
    const unit = units[id % units.length] as string;
    const at = Date.UTC(2026, 2, 20 + (i % 14), 6 + (i % 9), i % 60);
    const result = RESULTS[i % RESULTS.length] as string;
    const responded =
      result === "answered" || result === "callback" ? new Date(at + 600_000).toISOString() : "";
    lines.push(
      `c${id},${unit},phone,${new Date(at).toISOString()},${result},${responded},${responded},${i % 3 === 0},,,false`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function reset() {
  await sql`truncate stats_unit_day, stats_unit_hour, contact_index`.execute(ctx.db);
  await sql`delete from contacts`.execute(ctx.db);
}

async function state() {
  const contacts = await ctx.db
    .selectFrom("contacts")
    .select(["external_id", "unit_id", "result", "received_at", "service_day", "responded_at", "new_problem"])
    .orderBy("external_id")
    .execute();
  const days = await sql`select * from stats_unit_day order by region_code, unit_id, day`.execute(ctx.db);
  const hours = await sql`select * from stats_unit_hour order by region_code, unit_id, day, hour`.execute(
    ctx.db,
  );
  // A rollup row whose counters all went back to 0 (a contact moved away) is the same as no row; a rebuild
  // leaves none.
  const counted = (rows: unknown[]) =>
    (rows as Record<string, unknown>[]).filter((r) =>
      Object.entries(r).some(([k, v]) => k !== "unit_id" && k !== "hour" && typeof v === "number" && v !== 0),
    );
  return { contacts, days: counted(days.rows), hours: counted(hours.rows) };
}

describe("import on several lanes", () => {
  it("gives the contacts, counts and rollups of a one-lane import", async () => {
    await reset();
    const one = await importContacts(ctx, [file()], { format: "vardnav-contacts-v1", batchSize: 7 });
    expect(one.summary).toEqual({ read: 300, imported: 40, updated: 260, rejected: 0 });
    const expected = await state();
    // The last row of each id (rows 260–299) is what stays.
    expect(expected.contacts.find((c) => c.external_id === "c0")?.result).toBe(RESULTS[280 % 4]);

    await reset();
    const copy = database.url !== null ? await openCopyImportDatabase(database.url, 3) : null;
    const lanes: ImportLane[] = copy?.lanes ?? [0, 1, 2].map(() => ({ db: ctx.db, stage: stageBatch }));
    try {
      const many = await importContacts(copy ? { ...ctx, db: copy.db } : ctx, [file()], {
        format: "vardnav-contacts-v1",
        batchSize: 7,
        lanes,
      });
      expect(many.summary).toEqual(one.summary);
    } finally {
      await copy?.close();
    }
    expect(await state()).toEqual(expected);

    // And the rollups are those of a rebuild from the contacts.
    await ctx.db.transaction().execute((trx) => rebuildRollups(trx, "22", "2026-03-01", "2026-04-30"));
    expect(await state()).toEqual(expected);
  });
});
