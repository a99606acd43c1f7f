import { z } from "zod";
import {
  CALLBACK_WINDOWS,
  CHANNELS,
  CONTACT_OUTCOMES,
  CONTACT_SOURCES,
  CONTACT_STATUSES,
  FEEDBACK_OUTCOMES,
} from "../../domain/contacts/value-sets.ts";
import { PROFESSION_CODES } from "../../domain/statistics/index.ts";

// Request and response shapes of the contacts API (docs/API.md). The services parse
// their input with the same schemas, so the simulator and the demo loader are held to the HTTP rules.

export const webContactSchema = z.object({
  unitHsaId: z.string().min(1).max(64),
  identityNumber: z.string().min(10).max(13),
  phone: z.string().min(6).max(24),
  description: z.string().trim().min(1).max(1000),
  newProblem: z.boolean(),
  preferredWindow: z.enum(CALLBACK_WINDOWS),
  /**
   * Honeypot: hidden from people (and assistive technology) in the web form, so only robots fill it. A
   * filled one gets an ordinary-looking receipt, and nothing is stored or sent (intake-abuse.service.ts).
   */
  website: z.string().max(500).optional(),
});
export type WebContactInput = z.input<typeof webContactSchema>;

export const receiptSchema = z.object({
  contactId: z.string(),
  statusToken: z.string(),
  statusPath: z.string(),
  unitName: z.string(),
  receivedAt: z.string(),
  serviceDay: z.string(),
  slotStart: z.string().nullable(),
  slotEnd: z.string().nullable(),
  deadline: z.string(),
  overflowed: z.boolean(),
  promise: z.string(),
});
export type ContactReceipt = z.infer<typeof receiptSchema>;

export const staffContactSchema = z.object({
  unitHsaId: z.string().min(1).max(64),
  channel: z.enum(["visit", "letter"]),
  identityNumber: z.string().min(10).max(13),
  phone: z.string().min(6).max(24).nullish(),
  description: z.string().trim().min(1).max(1000),
  newProblem: z.boolean(),
});
export type StaffContactInput = z.input<typeof staffContactSchema>;
export type StaffContactBody = z.output<typeof staffContactSchema>;

export const telephonyEventSchema = z.object({
  callId: z.string().min(1).max(200),
  unitHsaId: z.string().min(1).max(64),
  event: z.enum(["offered", "answered", "callback_booked", "abandoned", "refused"]),
  at: z.iso.datetime({ offset: true }),
});
export type TelephonyEvent = z.infer<typeof telephonyEventSchema>;

export const feedbackSchema = z.object({
  outcome: z.enum(FEEDBACK_OUTCOMES),
  visitAt: z.iso.datetime({ offset: true }).optional(),
  referredUnitHsaId: z.string().min(1).max(64).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export const attemptSchema = z.object({ reached: z.boolean().default(false) });
export const noteSchema = z.object({ text: z.string().trim().min(1).max(2000) });
export const assessmentSchema = z.object({
  profession: z.enum(PROFESSION_CODES),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const transferSchema = z.object({
  toUnitHsaId: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(1000),
});

const iso = z.string();
export const worklistContactSchema = z.object({
  id: z.string(),
  source: z.enum(CONTACT_SOURCES),
  channel: z.enum(CHANNELS),
  receivedAt: iso,
  serviceDay: z.string(),
  slotStart: iso.nullable(),
  slotEnd: iso.nullable(),
  deadline: iso.nullable(),
  overflowed: z.boolean(),
  atRisk: z.boolean(),
  missed: z.boolean(),
  status: z.enum(CONTACT_STATUSES),
  claimedBy: z.object({ userId: z.number(), displayName: z.string() }).nullable(),
  attempts: z.number(),
  newProblem: z.boolean(),
  assessmentDeadline: z.string().nullable(),
  assessedAt: iso.nullable(),
  assessedBy: z.string().nullable(),
  respondedAt: iso.nullable(),
  feedbackAt: iso.nullable(),
  outcome: z.enum(CONTACT_OUTCOMES).nullable(),
  outcomeDetails: z.record(z.string(), z.unknown()).nullable(),
  identityNumber: z.string().nullable(),
  age: z.number().nullable(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  callbackWindow: z.string().nullable(),
  transferredFrom: z.string().nullable(),
  notes: z.array(z.object({ at: iso, author: z.string(), text: z.string() })),
  unitHsaId: z.string(),
  unitName: z.string(),
});
export type WorklistContact = z.infer<typeof worklistContactSchema>;

export const contactListSchema = z.object({ contacts: z.array(worklistContactSchema) });

export type ContactList = z.infer<typeof contactListSchema>;

export const worklistSchema = z.object({
  unit: z.object({ hsaId: z.string(), name: z.string() }),
  /** The service day shown: today, or on a closed day (weekend, holiday) the next open day. */
  date: z.string(),
  /** Today's Stockholm date. */
  today: z.string(),
  /** True when today is closed and the list shows the contacts waiting for the next open day (`date`). */
  waitingForNextOpenDay: z.boolean(),
  counters: z.object({
    received: z.number(),
    open: z.number(),
    answered: z.number(),
    overflow: z.number(),
    atRisk: z.number(),
    missed: z.number(),
  }),
  contacts: z.array(worklistContactSchema),
});

export const statusSchema = z.object({
  unitName: z.string(),
  receivedAt: z.string(),
  serviceDay: z.string(),
  slotStart: z.string().nullable(),
  slotEnd: z.string().nullable(),
  deadline: z.string().nullable(),
  overflowed: z.boolean(),
  promise: z.string(),
  state: z.enum(["waiting", "claimed", "responded", "closed"]),
  outcome: z.string().nullable(),
  outcomeText: z.string().nullable(),
  bookedVisitAt: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), kind: z.string() })),
});
export type ContactStatusView = z.infer<typeof statusSchema>;
export type ContactState = ContactStatusView["state"];

export const publicUnitsSchema = z.object({
  units: z.array(
    z.object({
      hsaId: z.string(),
      name: z.string(),
      kommunName: z.string(),
      regionCode: z.string(),
    }),
  ),
});
export type PublicUnit = z.infer<typeof publicUnitsSchema>["units"][number];

export const telephonyResultSchema = z.object({ contactId: z.string(), result: z.string() });

export const telephonySystemSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  name: z.string(),
  secret: z.string(),
});
export type Worklist = z.infer<typeof worklistSchema>;
export type WorklistCounters = Worklist["counters"];
export type PublicUnitList = z.infer<typeof publicUnitsSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const intakeAbuseQuery = z.object({
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const abuseCounts = z.object({
  /** Web-form submissions with the honeypot filled: answered as usual, nothing stored or sent. */
  honeypot: z.number().int(),
  /** Receipts held back: the phone number had had the day's allowance. */
  phoneLimit: z.number().int(),
  /** Receipts held back: the identity number had had the day's allowance. */
  identityLimit: z.number().int(),
});

export const intakeAbuseReportSchema = z.object({
  regionCode: z.string(),
  from: z.string(),
  to: z.string(),
  /** Days with anything held back, newest first (days without are left out). */
  days: z.array(abuseCounts.extend({ day: z.string() })),
  totals: abuseCounts,
});
export type IntakeAbuseReport = z.infer<typeof intakeAbuseReportSchema>;
