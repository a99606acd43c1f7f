// The public side: a resident's status page by token, and the unit search of the contact form.

import { Temporal } from "temporal-polyfill";
import { kommunByCode } from "../../data/reference.ts";
import {
  type ContactOutcomeCode,
  outcomeTextSv,
  residentStateOf,
} from "../../domain/contacts/intake-plan.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { findResidentUnits } from "../regions/regions.repository.ts";
import { isoOrNull, promiseOf, slotEndFor, toInstant } from "./contact-work.ts";
import { findContact, findContactIdByStatusHash, findEventsOf, findUnitById } from "./contacts.repository.ts";
import type { ContactStatusView } from "./contacts.schemas.ts";
import { statusTokenHash } from "./personal-data.ts";

// ---------------------------------------------------------------------------------------------------
// Public

/** Kinds the resident sees on the status page (no notes, no staff names, no internal bookkeeping). */
const RESIDENT_EVENT_KINDS = new Set([
  "created",
  "claimed",
  "attempt",
  "response",
  "feedback",
  "assessment",
  "transfer",
  "not_reached",
  "callback_moved",
]);

/** `GET /api/contacts/status/:token`: the resident's own view through the unguessable link. */
export async function getContactStatus(ctx: ServiceContext, token: string): Promise<ContactStatusView> {
  const notFound = () => new AppError("not_found", "No contact has this status link.");
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound();
  const contactId = await findContactIdByStatusHash(ctx.db, statusTokenHash(token));
  const contact = contactId ? await findContact(ctx.db, contactId) : undefined;
  if (!contact) throw notFound();
  const unit = await findUnitById(ctx.db, contact.unit_id);
  if (!unit) throw notFound();
  const events = await findEventsOf(ctx.db, [contact.id]);
  const details = (contact.outcome_details ?? {}) as Record<string, unknown>;
  const visitAt = typeof details.visitAt === "string" ? details.visitAt : null;
  const slotEnd = slotEndFor(contact, unit);
  return {
    unitName: unit.name,
    receivedAt: contact.received_at.toISOString(),
    serviceDay: contact.service_day,
    slotStart: isoOrNull(contact.slot_start),
    slotEnd: isoOrNull(slotEnd),
    deadline: isoOrNull(contact.deadline),
    overflowed: contact.overflowed,
    promise: promiseOf(contact, unit),
    state: residentStateOf({
      open: contact.status === "open",
      claimed: contact.claimed_by !== null,
      respondedAt: contact.responded_at ? toInstant(contact.responded_at) : null,
    }),
    outcome: contact.outcome,
    outcomeText: contact.outcome
      ? outcomeTextSv(contact.outcome as ContactOutcomeCode, {
          visitAt: visitAt ? Temporal.Instant.from(visitAt) : null,
          referredUnitName: typeof details.referredUnitName === "string" ? details.referredUnitName : null,
        })
      : null,
    bookedVisitAt: visitAt ? Temporal.Instant.from(visitAt).toString() : null,
    events: events
      .filter((e) => RESIDENT_EVENT_KINDS.has(e.kind))
      .map((e) => ({ at: e.at.toISOString(), kind: e.kind })),
  };
}

export interface PublicUnit {
  hsaId: string;
  name: string;
  kommunName: string;
  regionCode: string;
}

/** `GET /api/public/units`: units a resident can contact, matched on unit or kommun name. */
export async function searchPublicUnits(
  ctx: ServiceContext,
  query: { q?: string | undefined; region?: string | undefined },
): Promise<{ units: PublicUnit[] }> {
  const rows = await findResidentUnits(ctx.db, query.region);
  const needle = query.q?.trim().toLocaleLowerCase("sv") ?? "";
  const units = rows
    .map((r) => ({
      hsaId: r.hsa_id,
      name: r.name,
      kommunName: kommunByCode(r.kommun_code)?.name ?? r.kommun_code,
      regionCode: r.region_code,
    }))
    .filter(
      (u) =>
        needle === "" ||
        u.name.toLocaleLowerCase("sv").includes(needle) ||
        u.kommunName.toLocaleLowerCase("sv").includes(needle),
    )
    .slice(0, 50);
  return { units };
}
