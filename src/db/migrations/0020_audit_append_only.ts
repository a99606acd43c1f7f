import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// The access log becomes append-only in the database itself: a trigger refuses UPDATE, DELETE and
// TRUNCATE for every user that does not own the table's triggers (removing them needs the table owner
// and shows in PostgreSQL's own log). Rows written from now on are chained with an HMAC keyed from
// VARDNAV_SECRET (mac_scheme 'hmac-sha256'); the rows before this migration keep their plain SHA-256
// links ('sha256') and verify as they did, but once a keyed row exists no plain row may follow it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    alter table audit_log add column mac_scheme text not null default 'sha256'
      check (mac_scheme in ('sha256', 'hmac-sha256'));

    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;

    create trigger audit_log_no_update_delete before update or delete on audit_log
      for each row execute function audit_log_append_only();

    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
    `,
  );
}
