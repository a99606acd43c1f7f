// Benchmark: resident intake (`POST /api/contacts`) through HTTP on PostgreSQL, next to the same
// database's plain single-row insert rate with the same durability (one committed insert per transaction)
// at the same concurrency, measured in the same run. Also the p99 latency at a paced 500 contacts/s.
//
// The real server (`bin/vardnav serve`) runs as its own process on a database of its own, seeded with one
// synthetic region of 40 health centres (intake takes a per-unit slot lock, so load on a single unit is
// not what a region sees). Targets (issue 3): throughput ≥ half the plain insert rate; p99 < 50 ms at
// 500 contacts/s. Run alone with `node bench/intake.ts`; DATABASE_URL names the PostgreSQL server.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

    server = await startVardnavServer(databaseUrl);
    const port = server.port;
    for (let i = 0; i < WARM_UP_REQUESTS; i += CONCURRENCY) {
      await Promise.all(Array.from({ length: CONCURRENCY }, () => postContact(port)));
    }
    const cpuBefore = processCpuMs(server.child.pid);
    const intake = await closedLoop(MEASURE_MS, () => postContact(port));
    const serverCpuMsPerContact = (processCpuMs(server.child.pid) - cpuBefore) / intake.count;
    process.stderr.write(
      `intake: ${round(intake.perSecond)}/s, p50 ${round(percentile(intake.latencies, 50))} ms, p99 ${round(percentile(intake.latencies, 99))} ms, server CPU ${round(serverCpuMsPerContact, 2)} ms/contact, load ${round(loadavg()[0] ?? 0, 1)}\n`,
    );
    const paced = await pacedLoop(port, PACED_RATE, PACED_MS);
    process.stderr.write(
      `paced ${PACED_RATE}/s (achieved ${round(paced.achievedPerSecond)}/s): p50 ${round(percentile(paced.latencies, 50))} ms, p99 ${round(percentile(paced.latencies, 99))} ms\n`,
    );
    const ratio = intake.perSecond / baseline.perSecond;
    return {
      bench: "intake",
      contactsPerSecond: round(intake.perSecond),
      p99Ms: round(percentile(intake.latencies, 99)),
      baselineInsertsPerSecond: round(baseline.perSecond),
      ratio: round(ratio, 3),
      details: {
        concurrency: CONCURRENCY,
        units: UNITS,
        measureSeconds: MEASURE_MS / 1000,
        intakeP50Ms: round(percentile(intake.latencies, 50)),
        // CPU the server process spent per contact (user + system), and the load of the machine: on a
        // shared machine the intake is limited by the CPU the server gets, the baseline is not.
        serverCpuMsPerContact: round(serverCpuMsPerContact, 2),
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
        cpus: cpus().length,
        baselineP50Ms: round(percentile(baseline.latencies, 50)),
        baselineP99Ms: round(percentile(baseline.latencies, 99)),
        paced: {
          targetPerSecond: PACED_RATE,
          achievedPerSecond: round(paced.achievedPerSecond),
          p50Ms: round(percentile(paced.latencies, 50)),
          p99Ms: round(percentile(paced.latencies, 99)),
        },
        targets: { ratioAtLeast: 0.5, pacedP99BelowMs: 50 },
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
