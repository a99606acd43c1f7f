import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { copyFrom } from "../../db/pg-copy.ts";
import type { Database } from "../../db/schema.ts";
import { STAGE_COLUMNS, type StageBatch, type StagedContact } from "./imports.repository.ts";

// The PostgreSQL bulk path of imports: each batch is staged with `COPY import_stage FROM STDIN` instead
// of a json_populate_recordset insert. COPY must run on the connection that holds the batch's transaction
// (the staging table is a temp table), so the import gets a Kysely instance over one dedicated client,
// and the COPY is sent on that same client between Kysely's statements.

const INT8_OID = 20;
const DATE_OID = 1082;

const ORDER: (keyof StagedContact)[] = [
  "line",
  "external_id",
  "unit_id",
  "region_code",
  "channel",
  "result",
  "received_at",
  "receipt_date",
  "service_day",
  "in_phone_hours",
  "responded_at",
  "feedback_at",
  "new_problem",
  "assessed_at",
  "assessed_by",
  "patient_chosen_wait",
];

/** CSV for COPY: an unquoted empty field is NULL; text is always quoted, so "" stays an empty string. */
function csvField(value: StagedContact[keyof StagedContact]): string {
  if (value === null) return "";
  if (typeof value === "string") return `"${value.replaceAll('"', '""')}"`;
  return String(value);
}

export function stagedCsv(rows: readonly StagedContact[]): string {
  let out = "";
  for (const row of rows) out += `${ORDER.map((k) => csvField(row[k])).join(",")}\n`;
  return out;
}

/** One connection of the import: a Kysely over it and the COPY stage that runs on it. */
export interface ImportLane {
  db: Kysely<Database>;
  stage: StageBatch;
}

export interface CopyImportDatabase extends ImportLane {
  /** `connections` lanes, the first of them `db`/`stage`: batches in flight on separate connections. */
  lanes: ImportLane[];
  close(): Promise<void>;
}

async function openLane(connectionString: string): Promise<ImportLane & { client: pg.Client }> {
  const client = new pg.Client({
    connectionString,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === INT8_OID) return (v: string) => BigInt(v);
        if (oid === DATE_OID) return (v: string) => v;
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  // A "pool" that always hands out the one client, so every statement (and the COPY) shares it.
  const single = Object.assign(client, { release() {} });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => single, end: async () => {} } as never }),
  });
  const stage: StageBatch = async (trx: Transaction<Database>, rows: readonly StagedContact[]) => {
    await sql.raw(`create temp table import_stage (${STAGE_COLUMNS}) on commit drop`).execute(trx);
    await copyFrom(client, "copy import_stage from stdin (format csv)", [stagedCsv(rows)]);
  };
  return { db, stage, client };
}

/** Default lanes: the database merges one batch while the next is staged and a third is parsed. */
export const DEFAULT_IMPORT_CONNECTIONS = 3;

export async function openCopyImportDatabase(
  connectionString: string,
  connections = DEFAULT_IMPORT_CONNECTIONS,
): Promise<CopyImportDatabase> {
  const lanes: (ImportLane & { client: pg.Client })[] = [];
  try {
    for (let i = 0; i < Math.max(1, connections); i++) lanes.push(await openLane(connectionString));
  } catch (error) {
    await Promise.all(lanes.map((l) => l.client.end().catch(() => {})));
    throw error;
  }
  const first = lanes[0] as ImportLane;
  return {
    db: first.db,
    stage: first.stage,
    lanes: lanes.map(({ db, stage }) => ({ db, stage })),
    async close() {
      for (const lane of lanes) {
        await lane.db.destroy();
        await lane.client.end();
      }
    },
  };
}
