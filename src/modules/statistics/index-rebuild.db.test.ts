import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { importContacts } from "./imports.service.ts";
import {
  dropContactSecondaryIndexes,
  restoreDroppedIndexes,
  withContactIndexesRebuilt,
} from "./index-rebuild.ts";

// `--rebuild-indexes`: the secondary indexes of contacts are gone during the load, back (on every
// partition) after it, and an interrupted run is repaired from import_dropped_indexes.
let ctx: ServiceContext;
let database: TestDatabase;
beforeAll(async () => {
  ({ ctx, database } = await createTestContext());
  await seedExampleRegion(ctx);
});
afterAll(() => database.close());

const indexes = async () =>
  (
    await sql<{ name: string; definition: string }>`
      select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'contacts'::regclass order by c.relname`.execute(ctx.db)
  ).rows;
/** Indexes on one monthly partition: a rebuilt index must reach the partitions, not only the parent. */
const partitionIndexCount = async () =>
  Number(
    (
      await sql<{
        n: string | number;
      }>`select count(*) as n from pg_indexes where tablename = 'contacts_2026_03'`.execute(ctx.db)
    ).rows[0]?.n,
  );

const FILE = `contact_id,unit_hsa_id,channel,received_at,result,responded_at,feedback_at,new_problem,assessed_at,assessed_by,patient_chosen_wait
r1,SE2321000000-E0001,phone,2026-03-02T08:00:41+01:00,callback,2026-03-02T10:15:00+01:00,,true,,,false
`;

describe("contact indexes rebuilt around a load", () => {
  it("drops the secondary indexes for the load and builds the same ones afterwards", async () => {
    const before = await indexes();
    const perPartition = await partitionIndexCount();
    expect(before.length).toBeGreaterThan(1);
    let during: string[] = [];
    const { summary } = await withContactIndexesRebuilt(ctx.db, async () => {
      during = (await indexes()).map((i) => i.name);
      return importContacts(ctx, [FILE], { format: "vardnav-contacts-v1" });
    });
    expect(summary.imported).toBe(1);
    expect(during).toEqual(["contacts_pkey"]);
    expect(await indexes()).toEqual(before);
    expect(await partitionIndexCount()).toBe(perPartition);
    expect(await ctx.db.selectFrom("import_dropped_indexes").selectAll().execute()).toEqual([]);
  });

  it("restores indexes an interrupted load left dropped", async () => {
    const before = await indexes();
    const dropped = await dropContactSecondaryIndexes(ctx.db);
    expect(dropped.length).toBe(before.length - 1);
    expect((await indexes()).length).toBe(1);
    expect((await restoreDroppedIndexes(ctx.db)).sort()).toEqual([...dropped].sort());
    expect(await indexes()).toEqual(before);
  });
});
