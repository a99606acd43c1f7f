// Benchmark `import`: a contacts CSV (vardnav-contacts-v1, default 1 000 000 rows, IMPORT_BENCH_ROWS to
// change) is generated into bench/tmp/, then in the same run (1) copied with a plain `COPY … FROM STDIN`
// into a bare table of eleven text columns (the baseline: the fastest PostgreSQL can take the file) and
// (2) imported into a fresh Vårdnav database with importContacts — parsing, validation, the calendar
// (service day, phone hours) per row, staged batches merged set-based into contacts and contact_index,
// rollups by delta. Prints rows per second of both and their ratio.

import { once } from "node:events";
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  writeSync,
} from "node:fs";
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import pg from "pg";
import { generateDemoRegionFiles } from "../demo/regions.ts";
import { kyselyForPostgres } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { copyFrom, copyTo } from "../src/db/pg-copy.ts";
import type { Database } from "../src/db/schema.ts";
import { createContactFileReader } from "../src/domain/imports/index.ts";
import { silentLogger, systemClock } from "../src/lib/context.ts";
import { developmentKeyring } from "../src/lib/sealing.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importRegionFile, unitCalendarOf } from "../src/modules/regions/regions.service.ts";
import {
  DEFAULT_IMPORT_CONNECTIONS,
  openCopyImportDatabase,
  stagedCsv,
} from "../src/modules/statistics/copy-staging.ts";
import { findUnitCalendars, type StagedContact } from "../src/modules/statistics/imports.repository.ts";
import { importContacts } from "../src/modules/statistics/imports.service.ts";
import { withContactIndexesRebuilt } from "../src/modules/statistics/index-rebuild.ts";
import { UnitCalendarCache } from "../src/modules/statistics/unit-calendar-cache.ts";

const HEADER =
  "contact_id,unit_hsa_id,channel,received_at,result,responded_at,feedback_at,new_problem,assessed_at,assessed_by,patient_chosen_wait";
const RESULTS = ["answered", "callback", "callback", "abandoned", "refused"] as const;

/** A deterministic file: contacts spread over a year and the units of the Västerbotten demo region. */
async function writeCsv(path: string, rows: number, units: readonly string[]): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  const start = Date.parse("2026-01-05T06:30:00Z");
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const unit = units[i % units.length] as string;
    const day = Math.floor(i / (rows / 360));
    const at = start + day * 86_400_000 + ((i * 7919) % 600) * 60_000;
    const received = new Date(at).toISOString();
    const channel = i % 5 === 4 ? "digital" : "phone";
    const result = channel === "phone" ? RESULTS[i % RESULTS.length] : "registered";
    const responded =
      result === "refused" || result === "abandoned"
        ? ""
        : new Date(at + ((i % 9) + 1) * 1_800_000).toISOString();
    const newProblem = i % 3 === 0;
    const assessed = newProblem ? new Date(at + (i % 4) * 86_400_000 + 3_600_000).toISOString() : "";
    lines.push(
      `b${i},${unit},${channel},${received},${result},${responded},${responded},${newProblem},${assessed},${newProblem ? "lakare" : ""},false`,
    );
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
      lines = [];
    }
  }
  if (lines.length > 0) out.write(`${lines.join("\n")}\n`);
  out.end();
  await once(out, "finish");
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

/** Dumps contacts and contact_index to files, empties both, and times COPYing the dumps back in. */
async function copyIntoSameTables(url: string, csvFile: string, rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dumps: [string, string][] = [
      ["contacts", `${csvFile}.contacts.copy`],
      ["contact_index", `${csvFile}.contact_index.copy`],
    ];
    for (const [table, path] of dumps) {
      const fd = openSync(path, "w");
      try {
        const n = await copyTo(client, `copy (select * from ${table}) to stdout`, (chunk) =>
          writeSync(fd, chunk),
        );
        if (n !== rows) throw new Error(`${table} holds ${n} rows, expected ${rows}`);
      } finally {
        closeSync(fd);
      }
    }
    await client.query("truncate contacts, contact_index");
    await client.query("checkpoint");
    const started = performance.now();
    for (const [table, path] of dumps) {
      await copyFrom(client, `copy ${table} from stdin`, createReadStream(path, { highWaterMark: 1 << 20 }));
    }
    const ms = performance.now() - started;
    process.stderr.write(`same tables COPY: ${rows} rows in ${Math.round(ms)} ms\n`);
    for (const [, path] of dumps) rmSync(path, { force: true });
    return ms;
  } finally {
    await client.end();
  }
}

/**
 * The JavaScript side alone, for the profile: the file read, parsed, validated and placed on the calendar
 * and written as the staging CSV, with no database work. Rows per second.
 */
async function parseOnly(db: Kysely<Database>, file: string): Promise<number> {
  const units = await findUnitCalendars(db, undefined);
  const byHsa = new Map(units.map((u) => [u.hsa_id, u.id]));
  const cache = new UnitCalendarCache(units.map((u) => [u.id, unitCalendarOf(u)]));
  const reader = createContactFileReader();
  let rows = 0;
  let bytes = 0;
  const started = performance.now();
  const handle = (items: ReturnType<typeof reader.push>) => {
    const staged: StagedContact[] = [];
    for (const item of items) {
      if (item.kind !== "row") continue;
      const r = item.row;
      const unitId = byHsa.get(r.unitHsaId) ?? 0;
      const placed = cache.place(unitId, r.channel, r.receivedAt);
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      staged.push({
        line: item.line,
        external_id: r.contactId,
        unit_id: unitId,
        region_code: "24",
        channel: r.channel,
        result: r.result,
        received_at: new Date(r.receivedAt).toISOString(),
        receipt_date: placed.receiptDate,
        service_day: placed.serviceDay ?? placed.receiptDate,
        in_phone_hours: placed.inHours,
        responded_at: iso(r.respondedAt),
        feedback_at: iso(r.feedbackAt),
        new_problem: r.newProblem,
        assessed_at: iso(r.assessedAt),
        assessed_by: r.assessedBy,
        patient_chosen_wait: r.patientChosenWait,
      });
      rows += 1;
    }
    bytes += stagedCsv(staged).length;
  };
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    handle(reader.push(chunk as string));
  }
  handle(reader.end());
  const ms = performance.now() - started;
  process.stderr.write(`parse only: ${rows} rows in ${Math.round(ms)} ms (${bytes} staging bytes)\n`);
  return Math.round((rows / ms) * 1000);
}

export async function benchImport(databaseUrl: string) {
  const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
  const dir = new URL("./tmp/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`contacts-import-${rows}.csv`, dir).pathname;
  const region = generateDemoRegionFiles().find((f) => f.region.code === "24");
  if (region === undefined) throw new Error("no demo region 24");
  const units = region.units.filter((u) => u.type !== "backup").map((u) => u.hsaId);
  // The file is deterministic, so IMPORT_BENCH_REUSE_FILE=1 keeps one from an earlier run (large sizes).
  if (process.env.IMPORT_BENCH_REUSE_FILE === "1" && existsSync(file)) {
    process.stderr.write(`reusing ${file}\n`);
  } else {
    process.stderr.write(`generating ${rows} rows into ${file}\n`);
    await writeCsv(file, rows, units);
  }

  const url = await freshDatabase(databaseUrl, "vardnav_bench_import");
  const db = kyselyForPostgres(url, 4);
  try {
    await migrateToLatest(db as never);
    const ctx = { db, clock: systemClock, logger: silentLogger, keyring: developmentKeyring() };
    await importRegionFile(ctx, systemActor("bench"), region, { purpose: "bench" });

    const parseRowsPerSecond = await parseOnly(db, file);
    if (process.env.IMPORT_BENCH_PARSE_ONLY === "1")
      return { bench: "import-parse", rows, parseRowsPerSecond };

    // Baseline: the same file, plain COPY into a bare table.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `create table bare_contacts (${HEADER.split(",")
        .map((c) => `${c} text`)
        .join(", ")})`,
    );
    let started = performance.now();
    const copied = await copyFrom(
      client,
      "copy bare_contacts from stdin (format csv, header true)",
      createReadStream(file, { highWaterMark: 1 << 20 }),
    );
    const baselineMs = performance.now() - started;
    await client.end();
    if (copied !== rows) throw new Error(`COPY took ${copied} rows, expected ${rows}`);
    process.stderr.write(`baseline COPY: ${rows} rows in ${Math.round(baselineMs)} ms\n`);

    // The CLI's PostgreSQL path: batches staged with COPY, several in flight on their own connections.
    const connections = Number(process.env.IMPORT_BENCH_CONNECTIONS ?? DEFAULT_IMPORT_CONNECTIONS);
    const rebuildIndexes = process.env.IMPORT_BENCH_REBUILD_INDEXES === "1";
    const copy = await openCopyImportDatabase(url, connections);
    started = performance.now();
    const run = () =>
      importContacts(
        { ...ctx, db: copy.db },
        createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>,
        {
          format: "vardnav-contacts-v1",
          lanes: copy.lanes,
          onProgress: (s) => {
            if (s.imported % 100_000 < 5000) process.stderr.write(`  imported ${s.imported}\n`);
          },
        },
      );
    const { summary } = rebuildIndexes
      ? await withContactIndexesRebuilt(copy.db, run, (m) => process.stderr.write(`  ${m}\n`))
      : await run();
    const importMs = performance.now() - started;
    await copy.close();
    if (summary.imported !== rows)
      throw new Error(`import took ${JSON.stringify(summary)}, expected ${rows}`);
    process.stderr.write(`import: ${rows} rows in ${Math.round(importMs)} ms\n`);
    const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);

    // Second baseline: the imported rows, already in the tables' shape, COPYed back into the emptied
    // contacts and contact_index (same partitions, primary keys and indexes): what PostgreSQL needs to
    // take these rows into these tables with no parsing, placing, merging or rollups at all.
    const sameTablesMs =
      process.env.IMPORT_BENCH_SAME_TABLES === "0" ? null : await copyIntoSameTables(url, file, rows);
    const rowsPerSecond = Math.round((rows / importMs) * 1000);
    const baselineRowsPerSecond = Math.round((rows / baselineMs) * 1000);
    const sameTablesRowsPerSecond = sameTablesMs === null ? null : Math.round((rows / sameTablesMs) * 1000);
    return {
      bench: "import",
      rows,
      rowsPerSecond,
      baselineRowsPerSecond,
      sameTablesRowsPerSecond,
      ratio: Math.round((rowsPerSecond / baselineRowsPerSecond) * 1000) / 1000,
      ratioSameTables:
        sameTablesRowsPerSecond === null
          ? null
          : Math.round((rowsPerSecond / sameTablesRowsPerSecond) * 1000) / 1000,
      parseRowsPerSecond,
      connections,
      rebuildIndexes,
      maxRssMiB,
    };
  } finally {
    await db.destroy();
  }
}
