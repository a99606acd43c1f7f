import { queryOptions } from "@tanstack/react-query";
import type {
  ContactReceipt,
  ContactStatusView as ContactStatus,
  WebContactInput as NewWebContact,
  PublicUnitList,
} from "../../../../src/modules/contacts/contacts.schemas.ts";
import { apiRequest } from "../../api/client.ts";

// The public side of the contacts API (docs/API.md; shapes in src/modules/contacts/contacts.schemas.ts):
// no session, rate limited.

export {
  CALLBACK_WINDOWS,
  type CallbackWindow,
  FEEDBACK_OUTCOMES as OUTCOMES,
  type FeedbackOutcome as Outcome,
} from "../../../../src/domain/contacts/value-sets.ts";
export type {
  ContactReceipt,
  ContactState,
  ContactStatusView as ContactStatus,
  PublicUnit,
  WebContactInput as NewWebContact,
} from "../../../../src/modules/contacts/contacts.schemas.ts";

/**
 * What the resident is promised: a callback slot, or (overflow) feedback before the deadline. A receipt
 * always has a deadline; a status may not (a contact imported from a file).
 */
export type ContactPromise = Pick<
  ContactStatus,
  "receivedAt" | "serviceDay" | "slotStart" | "slotEnd" | "deadline" | "overflowed" | "promise"
>;

export function publicUnitsQuery(text: string) {
  return queryOptions({
    queryKey: ["public", "units", text],
    queryFn: ({ signal }) =>
      apiRequest<PublicUnitList>(`/api/public/units?q=${encodeURIComponent(text)}`, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function submitContact(contact: NewWebContact): Promise<ContactReceipt> {
  return apiRequest<ContactReceipt>("/api/contacts", { method: "POST", body: contact });
}

/** The status page refreshes itself now and then: the resident may keep it open while waiting. */
export const STATUS_REFRESH_MS = 30_000;

export function contactStatusQuery(token: string) {
  return queryOptions({
    queryKey: ["public", "contact-status", token],
    queryFn: ({ signal }) =>
      apiRequest<ContactStatus>(`/api/contacts/status/${encodeURIComponent(token)}`, { signal }),
    refetchInterval: STATUS_REFRESH_MS,
    staleTime: 0,
  });
}
