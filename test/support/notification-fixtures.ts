import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { applyContactRollupDelta } from "../../src/modules/statistics/rollups.repository.ts";

/**
 * Inserts an open contact straight into `contacts` and `contact_index` (as the intake service would) so the
 * notification and sweep tests do not depend on the intake rules.
 */
export async function insertOpenContact(
  db: Kysely<Database>,
  contact: {
    unitHsaId: string;
    receivedAt: string;
    deadline: string;
    serviceDay: string;
    respondedAt?: string | null;
    status?: "open" | "closed";
  },
): Promise<string> {
  const unit = await db
    .selectFrom("units")
    .select(["id", "region_code"])
    .where("hsa_id", "=", contact.unitHsaId)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("contact_index")
      .values({
        contact_id: id,
        region_code: unit.region_code,
        unit_id: unit.id,
        received_at: contact.receivedAt,
        external_id: null,
        status_token_hash: null,
      })
      .execute();
    const row = await trx
      .insertInto("contacts")
      .values({
        id,
        region_code: unit.region_code,
        unit_id: unit.id,
        received_at: contact.receivedAt,
        source: "web",
        external_id: null,
        channel: "digital",
        result: "registered",
        receipt_date: contact.serviceDay,
        service_day: contact.serviceDay,
        in_phone_hours: true,
        deadline: contact.deadline,
        slot_start: null,
        overflowed: true,
        responded_at: contact.respondedAt ?? null,
        feedback_at: null,
        assessed_at: null,
        assessed_by: null,
        status: contact.status ?? "open",
        closed_reason: contact.status === "closed" ? "feedback" : null,
        outcome: null,
        outcome_details: null,
        at_risk_at: null,
        missed_at: null,
        claimed_by: null,
        claimed_at: null,
        transferred_from_unit_id: null,
        identity_encrypted: null,
        identity_hash: null,
        phone_encrypted: null,
        description: null,
        callback_window: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await applyContactRollupDelta(trx, null, row);
  });
  return id;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A real HTTP server on a free local port that answers with the next scripted status (last one repeats). */
export async function startScriptedHttpServer(
  statuses: { status: number; body: string }[],
): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? {
        status: 200,
        body: "{}",
      };
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/a1/sms`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
