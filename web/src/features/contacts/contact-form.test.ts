import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../i18n/en.ts";
import { sv } from "../../i18n/sv.ts";
import type { ContactPromise } from "./api.ts";
import {
  EMPTY_CONTACT_FORM,
  errorKeyOf,
  fieldsOfServerIssues,
  phoneProblem,
  promiseText,
  toNewWebContact,
  validateContactForm,
} from "./contact-form.ts";

// A separate i18next instance with the app's real messages: the app's own instance touches the DOM.
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { sv: { translation: sv }, en: { translation: en } },
    lng: "sv",
    interpolation: { escapeValue: false },
  });
});

const filled = {
  ...EMPTY_CONTACT_FORM,
  unitHsaId: "SE2321000000-E0001",
  identityNumber: " 19121212-1212 ",
  phone: " 070-123 45 67 ",
  description: "  Ont i halsen sedan tre dagar  ",
  newProblem: "yes" as const,
};

describe("validateContactForm", () => {
  it("finds nothing wrong in a filled form and sends it trimmed", () => {
    expect(validateContactForm(filled)).toEqual({});
    expect(toNewWebContact(filled)).toEqual({
      unitHsaId: "SE2321000000-E0001",
      identityNumber: "19121212-1212",
      phone: "070-123 45 67",
      description: "Ont i halsen sedan tre dagar",
      newProblem: true,
      preferredWindow: "any",
    });
  });

  it("names every missing field of an empty form", () => {
    expect(validateContactForm(EMPTY_CONTACT_FORM)).toEqual({
      unit: "required",
      identityNumber: "required",
      phone: "required",
      description: "required",
      newProblem: "required",
    });
  });

  it("tells a wrong check digit from a malformed number, and limits the description", () => {
    expect(validateContactForm({ ...filled, identityNumber: "19121212-1213" })).toEqual({
      identityNumber: "checksum",
    });
    expect(validateContactForm({ ...filled, identityNumber: "1912-1212" })).toEqual({
      identityNumber: "format",
    });
    expect(validateContactForm({ ...filled, description: "x".repeat(1001) })).toEqual({
      description: "tooLong",
    });
    expect(validateContactForm({ ...filled, newProblem: "no" })).toEqual({});
  });
});

describe("phoneProblem", () => {
  it.each([
    ["070-123 45 67", null],
    ["+46 70 123 45 67", null],
    ["0612 (123) 45", null],
    ["", "required"],
    ["123", "format"],
    ["070-ABC", "format"],
    ["+46 70 123 45 67 89 01 23", "format"],
  ])("%s → %s", (input, expected) => {
    expect(phoneProblem(input)).toBe(expected);
  });
});

describe("fieldsOfServerIssues", () => {
  it("maps the server's issue paths to the form's fields and ignores the rest", () => {
    expect(
      fieldsOfServerIssues({
        issues: [
          { path: "body.identityNumber", message: "bad check digit" },
          { path: "body.unitHsaId", message: "no such unit" },
          { path: "querystring.x", message: "?" },
        ],
      }),
    ).toEqual({ identityNumber: "rejected", unit: "rejected" });
    expect(fieldsOfServerIssues(null)).toEqual({});
    expect(fieldsOfServerIssues({ issues: "no" })).toEqual({});
  });
});

describe("errorKeyOf", () => {
  it("has a message for every problem a field can have, and falls back for the rest", () => {
    expect(errorKeyOf("identityNumber", "checksum")).toBe("contact.errors.identityNumber.checksum");
    expect(errorKeyOf("unit", "checksum")).toBe("contact.errors.unit.rejected");
    expect(i18n.t(errorKeyOf("phone", "format"))).toContain("telefonnumret");
  });
});

describe("promiseText", () => {
  // Monday 2 March 2026 (winter time, UTC+1): 09:15Z is 10:15 in Stockholm.
  const base: ContactPromise = {
    receivedAt: "2026-03-02T08:40:00Z",
    serviceDay: "2026-03-02",
    slotStart: "2026-03-02T09:15:00Z",
    slotEnd: "2026-03-02T09:30:00Z",
    deadline: "2026-03-02T16:00:00Z",
    overflowed: false,
    promise: "",
  };

  it.each([
    ["a slot today", base, "sv", "Vi ringer dig mellan kl 10:15 och 10:30"],
    [
      "overflow",
      { ...base, slotStart: null, slotEnd: null, overflowed: true },
      "sv",
      "Återkoppling senast kl 17:00",
    ],
    [
      "after hours: the next open day is named",
      {
        ...base,
        receivedAt: "2026-03-02T18:00:00Z",
        serviceDay: "2026-03-03",
        slotStart: "2026-03-03T07:00:00Z",
        slotEnd: "2026-03-03T07:15:00Z",
      },
      "sv",
      "Vi ringer dig tisdag 3 mars mellan kl 08:00 och 08:15",
    ],
    ["English", base, "en", "We will call you between 10:15 and 10:30"],
    // Summer time (UTC+2) after the last Sunday of March.
    [
      "summer time",
      {
        ...base,
        receivedAt: "2026-04-01T08:00:00Z",
        serviceDay: "2026-04-01",
        slotStart: null,
        slotEnd: null,
        deadline: "2026-04-01T15:00:00Z",
      },
      "sv",
      "Återkoppling senast kl 17:00",
    ],
  ] as const)("%s", (_name, promise, language, expected) => {
    expect(promiseText(promise, i18n.getFixedT(language), language)).toBe(expected);
  });
});
