import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// SITHS sign-in through the region's OpenID Connect provider (docs/SECURITY.md "SITHS sign-in"): an account
// may carry the person's HSA-id, which the provider's ID token names, and may then have no password at all
// (password sign-in to such an account fails like a wrong password). HSA-ids are kept in upper case, as
// the catalogue writes them, and matched in upper case.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    alter table users add column hsa_id text unique check (hsa_id ~ '^[A-Z0-9][A-Z0-9-]{2,63}$');
    alter table users alter column password_hash drop not null;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `delete from users where password_hash is null;
     alter table users alter column password_hash set not null;
     alter table users drop column hsa_id;`,
  );
}
