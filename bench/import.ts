// Benchmark `import`: a contacts CSV (vardnav-contacts-v1, default 1 000 000 rows, IMPORT_BENCH_ROWS to
// change) is generated into bench/tmp/, then in the same run (1) copied with a plain `COPY … FROM STDIN`
// into a bare table of eleven text columns (the baseline: the fastest PostgreSQL can take the file) and
// (2) imported into a fresh Vårdnav database with importContacts — parsing, validation, the calendar
// (service day, phone hours) per row, staged batches merged set-based into contacts and contact_index,
// rollups by delta. Prints rows per second of both and their ratio.

import { once } from "node:events";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { generateDemoRegionFiles } from "../demo/regions.ts";
import { kyselyForPostgres } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { copyFrom } from "../src/db/pg-copy.ts";
import { silentLogger, systemClock } from "../src/lib/context.ts";
import { developmentKeyring } from "../src/lib/sealing.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { openCopyImportDatabase } from "../src/modules/statistics/copy-staging.ts";
import { importContacts } from "../src/modules/statistics/imports.service.ts";

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

export async function benchImport(databaseUrl: string) {
  const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
  const dir = new URL("./tmp/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`contacts-import-${rows}.csv`, dir).pathname;
  const region = generateDemoRegionFiles().find((f) => f.region.code === "24");
  if (region === undefined) throw new Error("no demo region 24");
  const units = region.units.filter((u) => u.type !== "backup").map((u) => u.hsaId);
  process.stderr.write(`generating ${rows} rows into ${file}\n`);
  await writeCsv(file, rows, units);

  const url = await freshDatabase(databaseUrl, "vardnav_bench_import");
  const db = kyselyForPostgres(url, 4);
  try {
    await migrateToLatest(db as never);
    const ctx = { db, clock: systemClock, logger: silentLogger, keyring: developmentKeyring() };
    await importRegionFile(ctx, systemActor("bench"), region, { purpose: "bench" });

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

    // The CLI's PostgreSQL path: batches staged with COPY on a dedicated connection.
    const copy = await openCopyImportDatabase(url);
    started = performance.now();
    const { summary } = await importContacts(
      { ...ctx, db: copy.db },
      createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>,
      {
        format: "vardnav-contacts-v1",
        stage: copy.stage,
        onProgress: (s) => {
          if (s.read % 100_000 < 5000) process.stderr.write(`  imported ${s.read}\n`);
        },
      },
    );
    const importMs = performance.now() - started;
    await copy.close();
    if (summary.imported !== rows)
      throw new Error(`import took ${JSON.stringify(summary)}, expected ${rows}`);
    process.stderr.write(`import: ${rows} rows in ${Math.round(importMs)} ms\n`);
    const rowsPerSecond = Math.round((rows / importMs) * 1000);
    const baselineRowsPerSecond = Math.round((rows / baselineMs) * 1000);
    return {
      bench: "import",
      rows,
      rowsPerSecond,
      baselineRowsPerSecond,
      ratio: Math.round((rowsPerSecond / baselineRowsPerSecond) * 1000) / 1000,
    };
  } finally {
    await db.destroy();
  }
}
