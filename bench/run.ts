// `npm run bench -- NAME [NAME …]`: runs the named benchmarks (all when none is named), prints each
// one's JSON line last, and records it in bench/results/NAME.json with the machine it ran on.
// Benchmarks that need PostgreSQL read DATABASE_URL, defaulting to the local server.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

type Bench = () => Promise<Record<string, unknown>>;

const benches: Record<string, Bench> = {
  reimbursement: async () => {
    const { benchReimbursementFileMode } = await import("./reimbursement-file.ts");
    const file = await benchReimbursementFileMode();
    const { benchReimbursementDbMode } = await import("./reimbursement-db.ts");
    const database = await benchReimbursementDbMode(
      process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    );
    return {
      bench: "reimbursement",
      units: file.units,
      fileModeMs: file.fileModeMs,
      dbModeMs: database.dbModeMs,
    };
  },
  import: async () => {
    const { benchImport } = await import("./import.ts");
    return benchImport(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
  },
  stats: async () => {
    const { benchStats } = await import("./stats.ts");
    return benchStats(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
  },
  intake: async () => {
    const { benchIntakeRecorded } = await import("./intake.ts");
    return benchIntakeRecorded();
  },
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = requested.length > 0 ? requested : Object.keys(benches);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark: ${unknown.join(", ")}. Known: ${Object.keys(benches).join(", ")}\n`,
  );
  process.exit(2);
}

mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
for (const name of names) {
  const bench = benches[name] as Bench;
  process.stderr.write(`== bench ${name}\n`);
  const result = await bench();
  const record = {
    ...result,
    recordedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
  };
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
