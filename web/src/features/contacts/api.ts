import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "../../api/client.ts";

// The public side of the contacts API (CONTRACTS.md "Contacts HTTP API"): no session, rate limited.

export interface PublicUnit {
  hsaId: string;
  name: string;
  kommunName: string;
  regionCode: string;
}

export const CALLBACK_WINDOWS = ["morning", "afternoon", "any"] as const;
export type CallbackWindow = (typeof CALLBACK_WINDOWS)[number];

export interface NewWebContact {
  unitHsaId: string;
  identityNumber: string;
  phone: string;
  description: string;
  newProblem: boolean;
  preferredWindow: CallbackWindow;
}

/** What the resident is promised: a callback slot, or (overflow) feedback before the deadline. */
export interface ContactPromise {
  receivedAt: string;
  serviceDay: string;
  slotStart: string | null;
  slotEnd: string | null;
  deadline: string;
  overflowed: boolean;
  /** The server's Swedish wording of the promise. */
  promise: string;
}

export interface ContactReceipt extends ContactPromise {
  contactId: string;
  statusToken: string;
  statusPath: string;
  unitName: string;
}

export const OUTCOMES = [
  "advice",
  "booked_visit",
  "digital_visit",
  "referred_unit",
  "referred_1177",
  "referred_emergency",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ContactState = "waiting" | "claimed" | "responded" | "closed";

export interface ContactStatus extends ContactPromise {
  unitName: string;
  state: ContactState;
  outcome: string | null;
  /** The server's Swedish wording of the outcome. */
  outcomeText: string | null;
  bookedVisitAt: string | null;
  events: { at: string; kind: string }[];
}

export function publicUnitsQuery(text: string) {
  return queryOptions({
    queryKey: ["public", "units", text],
    queryFn: ({ signal }) =>
      apiRequest<{ units: PublicUnit[] }>(`/api/public/units?q=${encodeURIComponent(text)}`, { signal }),
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
