// Benchmark `stats`: a year of contacts at national scale (default 25 000 000 contacts over 1 150 units
// in 21 regions; STATS_BENCH_CONTACTS or `--contacts N` to scale down) generated set-based with
// generate_series straight into `contacts`, the rollups built from them by the same set-based SQL that
// `vardnav stats rebuild` runs. Then the region-month accessibility question (the service behind
// GET /api/stats/accessibility) is asked for random region-months and its p95 latency measured, next to
// the same answer computed by a GROUP BY over the raw contacts of one region-month.
import { performance } from "node:perf_hooks";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { kyselyForPostgres } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { Database } from "../src/db/schema.ts";
import type { Actor } from "../src/lib/actor.ts";
import { silentLogger, systemClock } from "../src/lib/context.ts";
import { developmentKeyring } from "../src/lib/sealing.ts";
import { dayContributionsSql, rebuildRollups } from "../src/modules/statistics/rollups.repository.ts";
import { accessibilityFor } from "../src/modules/statistics/stats.service.ts";

const REGIONS = 21;
const UNITS = 1150;
const QUERIES = 200;

function contactsWanted(): number {
  // `--contacts=N` (bench/run.ts takes bare words as benchmark names), or the environment.
  const flag = process.argv.find((a) => a.startsWith("--contacts="));
  const value = flag !== undefined ? flag.slice("--contacts=".length) : process.env.STATS_BENCH_CONTACTS;
  return Number(value ?? 25_000_000);
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const HOURS = `{"mon":[["08:00","12:00"],["13:00","16:30"]],"tue":[["08:00","12:00"],["13:00","16:30"]],"wed":[["08:00","12:00"],["13:00","16:30"]],"thu":[["08:00","12:00"],["13:00","16:30"]],"fri":[["08:00","12:00"],["13:00","16:30"]],"sat":[],"sun":[]}`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

export async function benchStats(databaseUrl: string) {
  const contacts = contactsWanted();
  // STATS_BENCH_REUSE=1 keeps the database of the previous run (same size) and measures the queries only.
  const reuse = process.env.STATS_BENCH_REUSE === "1";
  const url = reuse
    ? databaseUrlFor(databaseUrl, "vardnav_bench_stats")
    : await freshDatabase(databaseUrl, "vardnav_bench_stats");
  const db = kyselyForPostgres(url, 4);
  try {
    const codes = Array.from({ length: REGIONS }, (_, i) => String(i + 1).padStart(2, "0"));
    if (!reuse) await generate(db, codes, contacts);
    return await measure(db, codes, contacts);
  } finally {
    await db.destroy();
  }
}

function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function generate(db: Kysely<Database>, codes: string[], contacts: number): Promise<void> {
  await migrateToLatest(db as never);
  let started = performance.now();
  await sql
    .raw(
      `insert into regions (code, name) select c, 'Bench ' || c from unnest(array[${codes.map((c) => `'${c}'`).join(",")}]) c`,
    )
    .execute(db);
  await sql
    .raw(`insert into providers (region_code, name, org_nr) select code, 'Bench', '000000-0000' from regions`)
    .execute(db);
  await sql
    .raw(
      `insert into units (region_code, hsa_id, name, type, ownership, provider_id, kommun_code, lat, lon, phone_hours,
         opening_hours, callback_slot_minutes, callback_calls_per_slot)
       select r.code, 'SE-BENCH-' || g, 'Bench unit ' || g, 'halsocentral', 'regional', p.id, '0180', 60, 15,
         '${HOURS}', '${HOURS}', 15, 3
       from generate_series(1, ${UNITS}) g
       join regions r on r.code = lpad(((g - 1) % ${REGIONS} + 1)::text, 2, '0')
       join providers p on p.region_code = r.code`,
    )
    .execute(db);
  // A year of contacts, 2026, weekday-heavy; deterministic per row number (hash-free arithmetic). In
  // statements of at most 2 500 000 rows, so a 25-million run commits (and reports) as it goes instead of
  // holding one transaction of the whole generation.
  const CHUNK = 2_500_000;
  for (let from = 1; from <= contacts; from += CHUNK) {
    const to = Math.min(contacts, from + CHUNK - 1);
    await sql
      .raw(
        `insert into contacts (id, region_code, unit_id, received_at, source, external_id, channel, result, receipt_date,
         service_day, in_phone_hours, responded_at, feedback_at, new_problem, assessed_at, assessed_by, status, closed_reason)
       select gen_random_uuid(), u.region_code, u.id, t.at, 'import', 'b' || g,
         case when g % 5 = 4 then 'digital' else 'phone' end,
         case when g % 5 = 4 then 'registered' else (array['answered','callback','callback','abandoned','refused'])[g % 5 + 1] end,
         (t.at at time zone 'Europe/Stockholm')::date, (t.at at time zone 'Europe/Stockholm')::date, g % 7 <> 0,
         case when g % 5 in (3, 4) then null else t.at + make_interval(mins => (g % 600)::int) end,
         case when g % 5 in (3, 4) then null else t.at + make_interval(mins => (g % 600)::int) end,
         g % 3 = 0,
         case when g % 3 = 0 then t.at + make_interval(days => (g % 5)::int) end,
         case when g % 3 = 0 then 'lakare' end, 'closed', 'imported'
       from generate_series(${from}::bigint, ${to}::bigint) g
       join units u on u.id = (g % ${UNITS}) + 1
       cross join lateral (select timestamptz '2026-01-01 07:00:00+00'
         + make_interval(days => ((g / ${UNITS}) % 365)::int, mins => ((g * 104729) % 540)::int) as at) t`,
      )
      .execute(db);
    if (to < contacts) {
      process.stderr.write(`  ${to} contacts generated (${Math.round(performance.now() - started)} ms)\n`);
    }
  }
  const loadMs = performance.now() - started;
  process.stderr.write(`${contacts} contacts generated in ${Math.round(loadMs)} ms\n`);

  started = performance.now();
  for (const code of codes) {
    await db.transaction().execute((trx) => rebuildRollups(trx, code, "2026-01-01", "2026-12-31"));
  }
  await sql`analyze`.execute(db);
  process.stderr.write(`rollups built in ${Math.round(performance.now() - started)} ms\n`);
}

async function measure(db: Kysely<Database>, codes: string[], contacts: number) {
  const ctx = { db, clock: systemClock, logger: silentLogger, keyring: developmentKeyring() };
  const actor: Actor = {
    kind: "user",
    userId: 0,
    username: "bench",
    displayName: "bench",
    role: "system_admin",
    regionCode: null,
    unitIds: [],
    unitHsaIds: [],
  };
  const month = (i: number) => `2026-${String((i % 12) + 1).padStart(2, "0")}`;
  const lastDay = (m: string) => new Date(Date.UTC(2026, Number(m.slice(5)), 0)).toISOString().slice(0, 10);
  const latencies: number[] = [];
  for (let i = 0; i < QUERIES + 10; i++) {
    const code = codes[(i * 7) % REGIONS] as string;
    const m = month(i * 5);
    const t0 = performance.now();
    const result = await accessibilityFor(ctx, actor, {
      regionCode: code,
      from: `${m}-01`,
      to: lastDay(m),
      by: "month",
    });
    if (i >= 10) latencies.push(performance.now() - t0);
    if (result.rows.length === 0) throw new Error("no rows");
  }

  // The same region-month answer by a GROUP BY over the raw contacts (the same definitions in SQL).
  const raw: number[] = [];
  for (let i = 0; i < 3; i++) {
    const code = codes[i] as string;
    const m = month(i + 2);
    const t0 = performance.now();
    const source = `(select c.*, 1 as sign from contacts c where c.region_code = '${code}'
         and (c.receipt_date between '${m}-01' and '${lastDay(m)}' or c.service_day between '${m}-01' and '${lastDay(m)}')) raw`;
    await sql
      .raw(
        `select unit_id, sum(offered), sum(answered_same_day), sum(contacts), sum(responded_same_day), sum(within3)
         from (${dayContributionsSql(source)}) x where day between '${m}-01' and '${lastDay(m)}' group by unit_id`,
      )
      .execute(db);
    raw.push(performance.now() - t0);
  }
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    bench: "stats",
    p95Ms: round1(percentile(latencies, 95)),
    rawScanMs: round1(raw.reduce((a, b) => a + b, 0) / raw.length),
    contacts,
  };
}
