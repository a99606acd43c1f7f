// Benchmark: the same national-scale month as bench/reimbursement-file.ts (1 150 units, listing by single
// year of age 0–100 and sex, every component type) in database mode: the inputs are inserted into a fresh
// PostgreSQL database, then `createRun` (snapshot from the database, engine, storing the run with its
// snapshot and hashes, audit) is timed as the median of several runs after a warm-up. All units sit in one
// synthetic region so that one run covers the whole country, as file mode does. Checks that the database
// run pays exactly what file mode pays for the same inputs. Run alone with `node bench/reimbursement-db.ts`.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { kyselyForPostgres } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { Database } from "../src/db/schema.ts";
import { runReimbursement } from "../src/domain/reimbursement/index.ts";
import { silentLogger, systemClock } from "../src/lib/context.ts";
import { developmentKeyring } from "../src/lib/sealing.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import * as repo from "../src/modules/reimbursement/reimbursement.repository.ts";
import { createModel, createRun } from "../src/modules/reimbursement/reimbursement.service.ts";
import { nationalModel, nationalSnapshot } from "./reimbursement-file.ts";

const REGION = "99";
const WARM_UPS = 1;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const NO_HOURS = JSON.stringify({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

async function seed(db: import("kysely").Kysely<Database>) {
  const snapshot = nationalSnapshot();
  const month = snapshot.month;
  await db
    .insertInto("regions")
    .values({ code: REGION, name: "Benchmark: hela Sverige (synthetic)" })
    .execute();
  const provider = await db
    .insertInto("providers")
    .values({ region_code: REGION, name: "Bänkvårdgivare AB", org_nr: "556000-0000" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const units = await db
    .insertInto("units")
    .values(
      snapshot.units.map((u, i) => ({
        region_code: REGION,
        hsa_id: u.hsaId,
        name: `Bänkhälsocentral ${i}`,
        type: "halsocentral" as const,
        ownership: "regional" as const,
        provider_id: provider.id,
        kommun_code: "2281",
        lat: 62.39,
        lon: 17.3,
        phone_hours: NO_HOURS,
        opening_hours: NO_HOURS,
        closed_dates: "[]",
        open_dates: "[]",
        callback_slot_minutes: 15,
        callback_calls_per_slot: 4,
      })),
    )
    .returning(["id", "hsa_id"])
    .execute();
  const idOf = new Map(units.map((u) => [u.hsa_id, u.id]));
  const listing: repo.ListingRowInput[] = [];
  const indices: Parameters<typeof repo.upsertIndices>[1] = [];
  const rural: Parameters<typeof repo.upsertRuralPoints>[1] = [];
  const reports: repo.UnitReportInput[] = [];
  const rates: Parameters<typeof repo.upsertSameDayRates>[1] = [];
  const at = new Date();
  for (const unit of snapshot.units) {
    const unitId = idOf.get(unit.hsaId) as number;
    for (const [age, count] of Object.entries(unit.listedByAge)) {
      const female = Math.floor(count / 2);
      listing.push({ regionCode: REGION, unitId, month, age: Number(age), sex: "female", count: female });
      listing.push({
        regionCode: REGION,
        unitId,
        month,
        age: Number(age),
        sex: "male",
        count: count - female,
      });
    }
    for (const [name, value] of Object.entries(unit.indices ?? {}))
      indices.push({ regionCode: REGION, unitId, month, name, value });
    rural.push({
      regionCode: REGION,
      unitId,
      validFrom: "2024-01",
      validTo: null,
      points: String(unit.ruralPoints),
    });
    reports.push({
      regionCode: REGION,
      unitId,
      month,
      multimorbidIdentified: unit.multimorbidIdentified ?? 0,
      homeVisits: unit.homeVisits ?? 0,
      updatedBy: "bench",
      at,
    });
    rates.push({ regionCode: REGION, unitId, month, kind: "resident", rate: unit.sameDayRate ?? "0" });
  }
  for (let i = 0; i < listing.length; i += 10_000) await repo.upsertListing(db, listing.slice(i, i + 10_000));
  await repo.upsertIndices(db, indices);
  await repo.upsertRuralPoints(db, rural);
  await repo.upsertUnitReports(db, reports);
  await repo.upsertSameDayRates(db, rates);
  return { snapshot, listingRows: listing.length };
}

export async function benchReimbursementDbMode(
  databaseUrl: string,
): Promise<{ units: number; listingRows: number; dbModeMs: number }> {
  const name = `vardnav_bench_reimb_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const db = kyselyForPostgres(url.toString(), 4);
  try {
    await migrateToLatest(db as never);
    const { snapshot, listingRows } = await seed(db);
    const model = nationalModel(snapshot.units.map((u) => u.hsaId).sort());
    const ctx = { db, clock: systemClock, logger: silentLogger, keyring: developmentKeyring() };
    const actor = systemActor("bench");
    await createModel(ctx, actor, REGION, { ...model, sameDayRateKind: "resident" }, "bench");
    const expected = runReimbursement(model, snapshot);
    const timings: number[] = [];
    for (let i = 0; i < WARM_UPS + RUNS; i++) {
      const start = performance.now();
      const run = await createRun(ctx, actor, { region: REGION, month: snapshot.month }, "bench");
      const elapsed = performance.now() - start;
      if (i >= WARM_UPS) timings.push(elapsed);
      if (run.result.totalOre !== expected.totalOre || run.inputsSha256 !== expected.inputsSha256) {
        throw new Error(
          `database mode differs from file mode: ${run.result.totalOre} vs ${expected.totalOre}, ${run.inputsSha256} vs ${expected.inputsSha256}`,
        );
      }
    }
    return { units: snapshot.units.length, listingRows, dbModeMs: Math.round(median(timings) * 10) / 10 };
  } finally {
    await db.destroy();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.main) {
  const result = await benchReimbursementDbMode(
    process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  );
  process.stdout.write(`${JSON.stringify({ bench: "reimbursement-db", ...result })}\n`);
}
