import type { TFunction } from "i18next";
import type { CallbackWindow, ContactPromise, NewWebContact } from "./api.ts";
import { identityNumberForSending, identityNumberProblem } from "./identity-number.ts";
import { formatDay, formatTime, stockholmDate } from "./time.ts";

/** The form's own state: radio groups hold strings, and nothing is chosen until the resident chooses. */
export interface ContactFormValues {
  unitHsaId: string | null;
  identityNumber: string;
  phone: string;
  description: string;
  newProblem: "" | "yes" | "no";
  preferredWindow: CallbackWindow;
}

export const EMPTY_CONTACT_FORM: ContactFormValues = {
  unitHsaId: null,
  identityNumber: "",
  phone: "",
  description: "",
  newProblem: "",
  preferredWindow: "any",
};

/** The fields in the order the form shows them: the error summary lists problems in this order. */
export const CONTACT_FIELDS = ["unit", "identityNumber", "phone", "description", "newProblem"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export type FieldProblem = "required" | "format" | "checksum" | "date" | "tooLong" | "rejected";
export type ContactFormErrors = Partial<Record<ContactField, FieldProblem>>;

const ERROR_KEYS = {
  unit: { required: "contact.errors.unit.required", rejected: "contact.errors.unit.rejected" },
  identityNumber: {
    required: "contact.errors.identityNumber.required",
    format: "contact.errors.identityNumber.format",
    checksum: "contact.errors.identityNumber.checksum",
    date: "contact.errors.identityNumber.date",
    rejected: "contact.errors.identityNumber.rejected",
  },
  phone: {
    required: "contact.errors.phone.required",
    format: "contact.errors.phone.format",
    rejected: "contact.errors.phone.rejected",
  },
  description: {
    required: "contact.errors.description.required",
    tooLong: "contact.errors.description.tooLong",
    rejected: "contact.errors.description.rejected",
  },
  newProblem: {
    required: "contact.errors.newProblem.required",
    rejected: "contact.errors.newProblem.rejected",
  },
} as const;
type ErrorKeys = typeof ERROR_KEYS;
export type ContactErrorKey = { [F in ContactField]: ErrorKeys[F][keyof ErrorKeys[F]] }[ContactField];

/** The message key for a field's problem; a problem a field cannot have reads as "check this field". */
export function errorKeyOf(field: ContactField, problem: FieldProblem): ContactErrorKey {
  const keys: Partial<Record<FieldProblem, ContactErrorKey>> = ERROR_KEYS[field];
  return keys[problem] ?? ERROR_KEYS[field].rejected;
}

/** The server's limit (webContactSchema in src/modules/contacts/contacts.schemas.ts: description 1–1000 characters). */
export const DESCRIPTION_MAX = 1000;

/** Digits, spaces, dashes and brackets, an optional leading +; 7 to 15 digits (E.164 allows 15). */
export function phoneProblem(input: string): FieldProblem | null {
  const value = input.trim();
  if (value === "") return "required";
  if (!/^\+?[\d\s\-()]+$/.test(value)) return "format";
  const digits = value.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15 ? null : "format";
}

export function identityFieldProblem(input: string): FieldProblem | null {
  const problem = identityNumberProblem(input);
  return problem === "empty" ? "required" : problem;
}

export function descriptionProblem(input: string): FieldProblem | null {
  const value = input.trim();
  if (value === "") return "required";
  return value.length > DESCRIPTION_MAX ? "tooLong" : null;
}

export function validateContactForm(values: ContactFormValues): ContactFormErrors {
  const errors: ContactFormErrors = {};
  if (values.unitHsaId === null) errors.unit = "required";
  const identity = identityFieldProblem(values.identityNumber);
  if (identity) errors.identityNumber = identity;
  const phone = phoneProblem(values.phone);
  if (phone) errors.phone = phone;
  const description = descriptionProblem(values.description);
  if (description) errors.description = description;
  if (values.newProblem === "") errors.newProblem = "required";
  return errors;
}

/** The request body; call only after validateContactForm found nothing. */
export function toNewWebContact(values: ContactFormValues): NewWebContact {
  return {
    unitHsaId: values.unitHsaId ?? "",
    identityNumber: identityNumberForSending(values.identityNumber),
    phone: values.phone.trim(),
    description: values.description.trim(),
    newProblem: values.newProblem === "yes",
    preferredWindow: values.preferredWindow,
  };
}

const FIELD_OF_BODY_KEY: Record<string, ContactField> = {
  unitHsaId: "unit",
  identityNumber: "identityNumber",
  phone: "phone",
  description: "description",
  newProblem: "newProblem",
};

/**
 * The form fields a 400 answer names (`details.issues[].path`, e.g. "body.identityNumber"), so the
 * server's verdict shows at the field like the browser's own check does.
 */
export function fieldsOfServerIssues(details: unknown): ContactFormErrors {
  const errors: ContactFormErrors = {};
  if (typeof details !== "object" || details === null) return errors;
  const issues = (details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return errors;
  for (const issue of issues) {
    const path = typeof issue?.path === "string" ? issue.path : "";
    const key = path.replace(/^body\./, "").split(/[.[]/)[0] ?? "";
    const field = FIELD_OF_BODY_KEY[key];
    if (field) errors[field] = "rejected";
  }
  return errors;
}

/**
 * The promise in the reader's language: the callback window, or feedback before closing time when the
 * day's slots were full. The day is named when it is not the day the contact arrived (after hours).
 */
export function promiseText(p: ContactPromise, t: TFunction, language: string): string {
  const otherDay = stockholmDate(p.receivedAt) !== p.serviceDay ? formatDay(p.serviceDay, language) : null;
  if (p.slotStart !== null && p.slotEnd !== null) {
    const values = { start: formatTime(p.slotStart, language), end: formatTime(p.slotEnd, language) };
    return otherDay === null
      ? t("contact.promise.slot", values)
      : t("contact.promise.slotOnDay", { ...values, day: otherDay });
  }
  // Without a deadline there is nothing to word in the reader's language: the server's text stands.
  if (p.deadline === null) return p.promise;
  const time = formatTime(p.deadline, language);
  return otherDay === null
    ? t("contact.promise.deadline", { time })
    : t("contact.promise.deadlineOnDay", { time, day: otherDay });
}
