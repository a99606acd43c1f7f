import { type Kysely, sql } from "kysely";

// One sealing scheme for all personal data and secrets (lib/sealing.ts). SQL cannot open the values of
// the two older schemes (contacts' `v1:` under a key from VARDNAV_SECRET or from `settings`, the outbox's
// `v1:` under `notifications.recipient_key`) nor seal the phone systems' secrets kept in clear, so this
// only marks the database: the next start (or `vardnav secrets rotate`) re-seals every such row in the
// application and then removes the marker and the old keys from `settings` (modules/sealing).
// The key is modules/sealing's RESEAL_PENDING_SETTING, written out because a migration never changes.
const RESEAL_PENDING_SETTING = "sealing.reseal_pending";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into settings (key, value) values (${RESEAL_PENDING_SETTING}, 'true'::jsonb)
    on conflict (key) do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from settings where key = ${RESEAL_PENDING_SETTING}`.execute(db);
}
