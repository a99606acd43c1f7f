import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { Clock } from "./context.ts";

export async function readSetting<T>(db: Kysely<Database>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value as T | undefined;
}

/** Stores a setting; `clock` is the injected one, so updated_at follows the time the caller runs in. */
export async function writeSetting(
  db: Kysely<Database>,
  key: string,
  value: unknown,
  clock: Clock,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto("settings")
    .values({ key, value: json })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: json, updated_at: new Date(clock.now().epochMilliseconds) }),
    )
    .execute();
}
