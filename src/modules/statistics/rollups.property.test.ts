import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import { stockholmDate } from "../../domain/statistics/index.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { ContactRow } from "./contact-facts.ts";
import { applyContactRollupDelta, rebuildRollups } from "./rollups.repository.ts";

// Rollups are maintained by delta (TS contributions) and rebuilt set-based (SQL contributions). For random
// sequences of inserts and updates — including updates that move a contact to another unit, day or month
// partition — the delta-maintained rollups must equal a rebuild from raw contacts.

let ctx: ServiceContext;
let database: TestDatabase;
let unitIds: number[];

beforeAll(async () => {
  ({ ctx, database } = await createTestContext());
  await seedExampleRegion(ctx);
  const units = await ctx.db
    .selectFrom("units")
    .select("id")
    .where("region_code", "=", "22")
    .orderBy("id")
    .execute();
  unitIds = units.map((u) => u.id).slice(0, 2);
});
afterAll(() => database.close());

// Around the spring DST change and a month boundary (partitions), so both are crossed.
const BASE = Temporal.Instant.from("2026-03-27T20:00:00Z");
const PROFESSIONS = ["lakare", "sjukskoterska", "underskoterska", "annan"] as const;
const PHONE_RESULTS = ["answered", "callback", "abandoned", "refused"] as const;

const factsArb = fc.record({
  unit: fc.nat(1),
  minutes: fc.integer({ min: 0, max: 6 * 24 * 60 }),
  channel: fc.constantFrom("phone", "phone", "digital", "visit"),
  phoneResult: fc.constantFrom(...PHONE_RESULTS),
  serviceDelay: fc.integer({ min: 0, max: 3 }),
  inPhoneHours: fc.boolean(),
  overflowed: fc.boolean(),
  responded: fc.option(fc.integer({ min: 0, max: 4 * 24 * 60 }), { nil: null }),
  feedbackExtra: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { nil: null }),
  newProblem: fc.boolean(),
  assessed: fc.option(fc.integer({ min: 0, max: 10 * 24 * 60 }), { nil: null }),
  profession: fc.constantFrom(...PROFESSIONS),
  patientChosen: fc.boolean(),
});
type Facts = typeof factsArb extends fc.Arbitrary<infer T> ? T : never;

function columns(f: Facts) {
  const received = BASE.add({ minutes: f.minutes });
  const receipt = stockholmDate(received);
  const at = (m: number | null) => (m === null ? null : received.add({ minutes: m }).toString());
  const responded = at(f.responded);
  return {
    unit_id: unitIds[f.unit] as number,
    received_at: received.toString(),
    channel: f.channel,
    result: f.channel === "phone" ? f.phoneResult : ("registered" as const),
    receipt_date: receipt.toString(),
    service_day: receipt.add({ days: f.serviceDelay }).toString(),
    in_phone_hours: f.inPhoneHours,
    overflowed: f.overflowed,
    responded_at: responded,
    feedback_at: f.responded !== null && f.feedbackExtra !== null ? at(f.responded + f.feedbackExtra) : null,
    new_problem: f.newProblem,
    assessed_at: at(f.assessed),
    assessed_by: f.assessed === null ? null : f.profession,
    patient_chosen_wait: f.patientChosen,
  };
}

async function snapshot() {
  const days = await ctx.db
    .selectFrom("stats_unit_day")
    .selectAll()
    .orderBy("unit_id")
    .orderBy("day")
    .execute();
  const hours = await ctx.db
    .selectFrom("stats_unit_hour")
    .selectAll()
    .orderBy("unit_id")
    .orderBy("day")
    .orderBy("hour")
    .execute();
  // Rows whose counters all went back to zero are the same as absent rows.
  const nonZero = (r: Record<string, unknown>) =>
    Object.entries(r).some(([k, v]) => !["region_code", "unit_id", "day", "hour"].includes(k) && v !== 0);
  return { days: days.filter(nonZero), hours: hours.filter(nonZero) };
}

describe("rollups maintained by delta", () => {
  it("always equal a rebuild from raw contacts", async () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("insert" as const), facts: factsArb }),
        fc.record({ kind: fc.constant("update" as const), target: fc.nat(), facts: factsArb }),
      ),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        await sql`truncate stats_unit_day, stats_unit_hour, contact_index`.execute(ctx.db);
        await sql`delete from contacts`.execute(ctx.db);
        const ids: string[] = [];
        for (const op of sequence) {
          await ctx.db.transaction().execute(async (trx) => {
            const values = columns(op.facts);
            if (op.kind === "insert" || ids.length === 0) {
              const id = randomUUID();
              ids.push(id);
              const after = (await trx
                .insertInto("contacts")
                .values({ id, region_code: "22", source: "staff", ...values })
                .returningAll()
                .executeTakeFirstOrThrow()) as ContactRow;
              await applyContactRollupDelta(trx, null, after);
            } else {
              const id = ids[op.target % ids.length] as string;
              const before = (await trx
                .selectFrom("contacts")
                .selectAll()
                .where("id", "=", id)
                .executeTakeFirstOrThrow()) as ContactRow;
              const after = (await trx
                .updateTable("contacts")
                .set(values)
                .where("id", "=", id)
                .returningAll()
                .executeTakeFirstOrThrow()) as ContactRow;
              await applyContactRollupDelta(trx, before, after);
            }
          });
        }
        const byDelta = await snapshot();
        await ctx.db.transaction().execute((trx) => rebuildRollups(trx, "22", "2026-03-01", "2026-04-30"));
        const rebuilt = await snapshot();
        expect(byDelta).toEqual(rebuilt);
        // Not vacuous: there is something in the rollups.
        expect(byDelta.days.length).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it("removes every contribution when a contact is deleted", async () => {
    await sql`truncate stats_unit_day, stats_unit_hour`.execute(ctx.db);
    await sql`delete from contacts`.execute(ctx.db);
    const values = columns({
      unit: 0,
      minutes: 700,
      channel: "phone",
      phoneResult: "callback",
      serviceDelay: 0,
      inPhoneHours: true,
      overflowed: false,
      responded: 30,
      feedbackExtra: 5,
      newProblem: true,
      assessed: 60,
      profession: "lakare",
      patientChosen: false,
    });
    await ctx.db.transaction().execute(async (trx) => {
      const row = (await trx
        .insertInto("contacts")
        .values({ id: randomUUID(), region_code: "22", source: "staff", ...values })
        .returningAll()
        .executeTakeFirstOrThrow()) as ContactRow;
      await applyContactRollupDelta(trx, null, row);
      const day = await trx.selectFrom("stats_unit_day").selectAll().executeTakeFirstOrThrow();
      expect(day).toMatchObject({ offered: 1, answered_same_day: 1, eligible: 1, within0: 1, contacts: 1 });
      await applyContactRollupDelta(trx, row, null);
    });
    expect(await snapshot()).toEqual({ days: [], hours: [] });
  });
});
