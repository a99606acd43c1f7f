import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// The timestamped phone-system signature (FORMATS.md "Phone-system webhook signature"). Systems registered
// before it may keep sending the older unversioned signature until the region switches it off; systems
// registered from now on sign with `v1=` only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    alter table telephony_systems add column unversioned_signature boolean not null default false;
    update telephony_systems set unversioned_signature = true;
    alter table telephony_systems add column secret_rotated_at timestamptz;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `alter table telephony_systems drop column secret_rotated_at;
     alter table telephony_systems drop column unversioned_signature;`,
  );
}
