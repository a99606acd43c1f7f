import { type Kysely, sql } from "kysely";

// Messages delivered (or given up) before Vårdnav redacted status tokens on delivery still hold the
// resident's status link in full: redact them now. The pattern is the one of
// domain/notifications/status-token-redaction.ts, written out because a migration never changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update outbox_messages
       set body = regexp_replace(body, '(/(api/contacts|kontakt)/status/)[A-Za-z0-9_-]+', '\\1[redacted]', 'g')
     where status in ('sent', 'failed')`.execute(db);
}
