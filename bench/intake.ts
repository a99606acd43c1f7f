// Benchmark: resident intake (`POST /api/contacts`) through HTTP on PostgreSQL, next to two baselines on
// the same database at the same concurrency, measured in the same run: the plain single-row insert (one
// committed insert per transaction), and `sameWritesPerSecond`, the very rows an intake writes (contact,
// index, history, both rollup upserts, outbox receipt, audit entry, and through the trigger the slot
// occupancy) from a minimal `pg` client as one committed statement each: the floor of the work. Also the
// p99 latency of an open-loop run paced at 500 contacts/s, and a profile (CPU per contact of the server
// processes and of PostgreSQL, transactions per contact, what active backends wait on).
//
// The real server (`bin/vardnav serve`) runs as its own process on a database of its own, seeded with one
// synthetic region of 40 health centres (intake takes a per-unit slot lock, so load on a single unit is
// not what a region sees). Targets (issue 3): throughput ≥ half the plain insert rate; p99 < 50 ms at
// 500 contacts/s. Run alone with `node bench/intake.ts`; DATABASE_URL names the PostgreSQL server.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { kyselyForPostgres } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { silentLogger, systemClock } from "../src/lib/context.ts";
import { developmentKeyring } from "../src/lib/sealing.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { type RunningServer, startVardnavServer } from "../test/support/server-process.ts";

const CONCURRENCY = 16;
const UNITS = 40;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 10_000);
const WARM_UP_REQUESTS = 300;
const PACED_RATE = 500;
const PACED_MS = Number(process.env.BENCH_PACED_MS ?? 10_000);
const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** Server processes for the recorded run (`vardnav serve --workers N`); BENCH_COMPARE_WORKERS adds runs. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const COMPARE_WORKERS = (process.env.BENCH_COMPARE_WORKERS ?? "2")
  .split(",")
  .filter((w) => w.trim() !== "")
  .map(Number)
  .filter((w) => w !== WORKERS);

const weekdays = (window: [string, string][]) => ({
  mon: window,
  tue: window,
  wed: window,
  thu: window,
  fri: window,
  sat: window,
  sun: window,
});

/** A region file with UNITS health centres open every day around the clock, so every run gets slots. */
function benchRegion() {
  return {
    region: { code: "22", name: "Benchmark region (synthetic)" },
    units: Array.from({ length: UNITS }, (_, i) => ({
      hsaId: `SE2321000000-B${String(i).padStart(4, "0")}`,
      name: `Bänkhälsocentral ${i}`,
      type: "halsocentral",
      ownership: "regional",
      provider: { name: "Region Bänk", orgNr: "232100-0008" },
      kommun: "2281",
      location: { lat: 62.39, lon: 17.3 },
      phoneHours: weekdays([["00:00", "23:59"]]),
      openingHours: weekdays([["00:00", "23:59"]]),
      closedDates: [],
      openDates: [],
      callbackCapacity: { slotMinutes: 15, callsPerSlot: 4 },
    })),
  };
}

/** User + system CPU time of a process in ms, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // Fields 14 and 15 of stat (utime, stime) in clock ticks; after the ") " split they are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Pids whose parent is `pid` (the cluster's workers under the primary). */
function childrenOf(pid: number | undefined): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

function cpuOf(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) {
    const start = before.get(pid);
    if (start !== undefined && Number.isFinite(ms) && Number.isFinite(start)) total += ms - start;
  }
  return total;
}

/**
 * Watches PostgreSQL while a loop runs: backend pids (for their CPU), committed transactions, and every
 * 50 ms what the active backends of the database wait on (pg_stat_activity): lock waits show there.
 */
async function watchPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backends = async () =>
    (
      await client.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      )
    ).rows.map((r) => r.pid);
  const commits = async () =>
    Number(
      (
        await client.query<{ n: string }>(
          "select xact_commit as n from pg_stat_database where datname = current_database()",
        )
      ).rows[0]?.n,
    );
  await client.query("select pg_stat_clear_snapshot()");
  const startPids = await backends();
  const cpuBefore = cpuOf(startPids);
  const commitsBefore = await commits();
  const waits = new Map<string, number>();
  let samples = 0;
  let stop = false;
  const sampling = (async () => {
    while (!stop) {
      const rows = await client.query<{ wait: string | null; n: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'cpu') as wait, count(*) as n from pg_stat_activity
          where datname = current_database() and state = 'active' and pid <> pg_backend_pid() group by 1`,
      );
      samples += 1;
      for (const row of rows.rows)
        waits.set(row.wait ?? "cpu", (waits.get(row.wait ?? "cpu") ?? 0) + Number(row.n));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async finish(contacts: number) {
      stop = true;
      await sampling;
      const cpuAfter = cpuOf(startPids);
      // Statistics reach pg_stat_database within a second of the commits.
      await new Promise((r) => setTimeout(r, 1200));
      await client.query("select pg_stat_clear_snapshot()");
      const commitsAfter = await commits();
      await client.end();
      const activeSamples = [...waits.values()].reduce((a, b) => a + b, 0);
      return {
        postgresCpuMsPerContact: round(cpuDelta(cpuBefore, cpuAfter) / contacts, 2),
        transactionsPerContact: round((commitsAfter - commitsBefore) / contacts, 2),
        // Mean active backends per sample, by what they were doing ('cpu' = not waiting).
        activeBackends: round(activeSamples / Math.max(1, samples), 2),
        waits: Object.fromEntries(
          [...waits.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([wait, n]) => [wait, round(n / Math.max(1, samples), 2)]),
        ),
      };
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function round(value: number, places = 1): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let sequence = 0;

/** One intake; resolves with its latency in ms, rejects on anything but 201. */
function postContact(port: number): Promise<number> {
  const n = sequence++;
  const body = JSON.stringify({
    unitHsaId: `SE2321000000-B${String(n % UNITS).padStart(4, "0")}`,
    identityNumber: "19121212-1212",
    phone: `070-${String(1_000_000 + (n % 1_000_000)).slice(1)}`,
    description: "Benchmark: halsont och feber sedan två dagar",
    newProblem: n % 3 === 0,
    preferredWindow: "any",
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/contacts",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 201) resolve(performance.now() - started);
          else reject(new Error(`intake answered ${res.statusCode}`));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Closed loop: CONCURRENCY workers, each sending the next request when its previous one is answered. */
async function closedLoop(durationMs: number, once: () => Promise<number>) {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) latencies.push(await once());
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, latencies, count: latencies.length };
}

/** Open loop at a fixed rate: requests leave on schedule whether or not earlier ones are answered. */
async function pacedLoop(port: number, rate: number, durationMs: number) {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const total = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(postContact(port).then((ms) => void latencies.push(ms)));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { achievedPerSecond: total / seconds, latencies };
}

// The rows of one intake (intake_contact, migration 0034), without choosing anything: the contact in the
// current 15-minute slot (so the occupancy trigger writes too), its index and history rows, the day and
// hour rollup upserts, the receipt and the pending audit entry.
const SAME_WRITES_SQL = `
  with c as (
    insert into contacts (id, region_code, unit_id, received_at, source, channel, result, receipt_date,
                          service_day, in_phone_hours, deadline, slot_start, overflowed, new_problem,
                          identity_encrypted, identity_hash, phone_encrypted, description, callback_window)
    values ($1, '22', $2, now(), 'web', 'digital', 'registered', (now() at time zone 'Europe/Stockholm')::date,
            (now() at time zone 'Europe/Stockholm')::date, true, now() + interval '8 hours',
            date_bin('15 minutes', now(), timestamptz '2026-01-01'), false, $9 = 1, $3, $4, $5, $6, 'any')),
  i as (
    insert into contact_index (contact_id, region_code, unit_id, received_at, external_id, status_token_hash)
    values ($1, '22', $2, now(), null, $7)),
  e as (
    insert into contact_events (region_code, contact_id, at, kind, actor, actor_user_id, data)
    values ('22', $1, now(), 'created', 'resident', null, $8::jsonb)),
  d as (
    insert into stats_unit_day as s (region_code, unit_id, day, eligible, contacts)
    values ('22', $2, (now() at time zone 'Europe/Stockholm')::date, $9, 1)
    on conflict (region_code, unit_id, day)
    do update set eligible = s.eligible + excluded.eligible, contacts = s.contacts + excluded.contacts),
  h as (
    insert into stats_unit_hour as h (region_code, unit_id, day, hour, contacts, unanswered)
    values ('22', $2, (now() at time zone 'Europe/Stockholm')::date,
            extract(hour from now() at time zone 'Europe/Stockholm'), 1, 1)
    on conflict (region_code, unit_id, day, hour)
    do update set contacts = h.contacts + 1, unanswered = h.unanswered + 1),
  o as (
    insert into outbox_messages (region_code, contact_id, kind, channel, recipient_encrypted, body,
                                 next_attempt_at, created_at)
    values ('22', $1, 'receipt', 'sms', $10, $11, now(), now())),
  a as (insert into audit_pending (entry) values ($12::jsonb))
  select 1`;

interface ServerRun {
  workers: number;
  contactsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuMsPerContact: number;
  postgresCpuMsPerContact: number;
  transactionsPerContact: number;
  activeBackends: number;
  waits: Record<string, number>;
  loadAverage1m: number;
  paced: { targetPerSecond: number; achievedPerSecond: number; p50Ms: number; p99Ms: number };
}

/** Warm-up, the closed loop with its profile, then the paced open loop, against a running server. */
async function serverRun(server: RunningServer, databaseUrl: string, workers: number): Promise<ServerRun> {
  const port = server.port;
  for (let i = 0; i < WARM_UP_REQUESTS; i += CONCURRENCY) {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => postContact(port)));
  }
  const serverPids = [server.child.pid ?? -1, ...childrenOf(server.child.pid)];
  const cpuBefore = cpuOf(serverPids);
  const watch = await watchPostgres(databaseUrl);
  const intake = await closedLoop(MEASURE_MS, () => postContact(port));
  const serverCpuMsPerContact = cpuDelta(cpuBefore, cpuOf(serverPids)) / intake.count;
  const profile = await watch.finish(intake.count);
  const load = round(loadavg()[0] ?? 0, 2);
  process.stderr.write(
    `intake (${workers} worker(s)): ${round(intake.perSecond)}/s, p50 ${round(percentile(intake.latencies, 50))} ms, p99 ${round(percentile(intake.latencies, 99))} ms, server CPU ${round(serverCpuMsPerContact, 2)} ms/contact, ${JSON.stringify(profile)}, load ${load}\n`,
  );
  const paced = await pacedLoop(port, PACED_RATE, PACED_MS);
  process.stderr.write(
    `paced ${PACED_RATE}/s (achieved ${round(paced.achievedPerSecond)}/s): p50 ${round(percentile(paced.latencies, 50))} ms, p99 ${round(percentile(paced.latencies, 99))} ms\n`,
  );
  return {
    workers,
    contactsPerSecond: round(intake.perSecond),
    p50Ms: round(percentile(intake.latencies, 50)),
    p99Ms: round(percentile(intake.latencies, 99)),
    serverCpuMsPerContact: round(serverCpuMsPerContact, 2),
    ...profile,
    loadAverage1m: load,
    paced: {
      targetPerSecond: PACED_RATE,
      achievedPerSecond: round(paced.achievedPerSecond),
      p50Ms: round(percentile(paced.latencies, 50)),
      p99Ms: round(percentile(paced.latencies, 99)),
    },
  };
}

export async function benchIntake(): Promise<Record<string, unknown>> {
  const database = `vardnav_bench_${randomBytes(5).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: SERVER_URL });
  await adminClient.connect();
  await adminClient.query(`create database ${database}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  let server: RunningServer | null = null;
  try {
    const db = kyselyForPostgres(databaseUrl, 2);
    await migrateToLatest(db as never);
    await importRegionFile(
      { db, clock: systemClock, logger: silentLogger, keyring: developmentKeyring() },
      systemActor("bench"),
      benchRegion(),
      {
        purpose: "bench intake",
      },
    );
    await db
      .insertInto("settings")
      .values({ key: "initialized_at", value: JSON.stringify(new Date().toISOString()) })
      .execute();
    await db.destroy();

    // Baseline: the same database, plain one-row inserts, each its own committed transaction.
    const baselinePool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
    await baselinePool.query(
      "create table bench_plain_inserts (id uuid primary key, region_code text not null, received_at timestamptz not null, body text not null)",
    );
    const plainInsert = async () => {
      const started = performance.now();
      await baselinePool.query(
        "insert into bench_plain_inserts (id, region_code, received_at, body) values ($1, '22', now(), $2)",
        [randomUUID(), "Benchmark: halsont och feber sedan två dagar"],
      );
      return performance.now() - started;
    };
    await closedLoop(1000, plainInsert);
    const baseline = await closedLoop(MEASURE_MS, plainInsert);
    await baselinePool.end();
    process.stderr.write(`plain inserts: ${round(baseline.perSecond)}/s\n`);

    // The floor of the work: the rows one intake writes, as one committed statement per contact.
    const samePool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
    const unitIds = (await samePool.query<{ id: number }>("select id from units order by id")).rows.map(
      (r) => r.id,
    );
    let sameSequence = 0;
    const sameWrites = async () => {
      const n = sameSequence++;
      const unitId = unitIds[n % unitIds.length] as number;
      const id = randomUUID();
      const started = performance.now();
      await samePool.query(SAME_WRITES_SQL, [
        id,
        unitId,
        randomBytes(48).toString("base64"),
        randomBytes(32).toString("hex"),
        randomBytes(40).toString("base64"),
        "Benchmark: halsont och feber sedan två dagar",
        randomBytes(32).toString("hex"),
        JSON.stringify({ source: "web", slotStart: null, overflowed: false }),
        n % 3 === 0 ? 1 : 0,
        randomBytes(80).toString("base64"),
        "Bänkhälsocentral har tagit emot din kontakt. Vi ringer dig mellan kl 10:15 och 10:30. Följ din kontakt här: /kontakt/status/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        JSON.stringify({
          at: new Date().toISOString(),
          region_code: "22",
          actor_user_id: null,
          actor_username: "public-intake",
          actor_role: "system",
          action: "contact.create",
          entity_type: "contact",
          entity_id: id,
          purpose: "POST /api/contacts (resident web form)",
          details: { unitHsaId: "SE2321000000-B0000", source: "web" },
        }),
      ]);
      return performance.now() - started;
    };
    await closedLoop(1000, sameWrites);
    const sameClientCpu = process.cpuUsage();
    const sameWatch = await watchPostgres(databaseUrl);
    const same = await closedLoop(MEASURE_MS, sameWrites);
    const sameCpu = process.cpuUsage(sameClientCpu);
    const sameProfile = {
      clientCpuMsPerContact: round((sameCpu.user + sameCpu.system) / 1000 / same.count, 2),
      ...(await sameWatch.finish(same.count)),
    };
    // The floor's receipts and audit entries are not real (random recipients): left in place, the server's
    // dispatcher and audit appender would work through them during its own measurement.
    await samePool.query("delete from outbox_messages");
    await samePool.query("delete from audit_pending");
    await samePool.end();
    process.stderr.write(
      `same writes, one statement each: ${round(same.perSecond)}/s, ${JSON.stringify(sameProfile)}\n`,
    );

    const runs: Record<string, ServerRun> = {};
    for (const workers of [WORKERS, ...COMPARE_WORKERS]) {
      server = await startVardnavServer(databaseUrl, { workers });
      runs[workers] = await serverRun(server, databaseUrl, workers);
      server.child.kill("SIGTERM");
      await server.exited;
      server = null;
    }
    const main = runs[WORKERS] as ServerRun;
    return {
      bench: "intake",
      contactsPerSecond: main.contactsPerSecond,
      p99Ms: main.p99Ms,
      baselineInsertsPerSecond: round(baseline.perSecond),
      sameWritesPerSecond: round(same.perSecond),
      ratio: round(main.contactsPerSecond / baseline.perSecond, 3),
      ratioSameWrites: round(main.contactsPerSecond / same.perSecond, 3),
      pacedP99Ms: main.paced.p99Ms,
      pacedAchievedPerSecond: main.paced.achievedPerSecond,
      details: {
        workers: WORKERS,
        concurrency: CONCURRENCY,
        units: UNITS,
        measureSeconds: MEASURE_MS / 1000,
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
        cpus: cpus().length,
        baselineP50Ms: round(percentile(baseline.latencies, 50)),
        baselineP99Ms: round(percentile(baseline.latencies, 99)),
        sameWritesP50Ms: round(percentile(same.latencies, 50)),
        sameWritesP99Ms: round(percentile(same.latencies, 99)),
        sameWritesProfile: sameProfile,
        runs,
        targets: { ratioSameWritesAtLeast: 0.5, pacedAchievedAtLeast: 495, pacedP99BelowMs: 50 },
      },
    };
  } finally {
    if (server) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
    agent.destroy();
    await adminClient.query(`drop database if exists ${database} with (force)`);
    await adminClient.end();
  }
}

/** The summary line (FORMATS of the issue) without the details, which go to bench/results/intake-details.json. */
export async function benchIntakeRecorded(): Promise<Record<string, unknown>> {
  const { details, ...line } = await benchIntake();
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(
    new URL("./results/intake-details.json", import.meta.url),
    `${JSON.stringify({ ...line, details, recordedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return line;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const line = await benchIntakeRecorded();
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
