import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  checkIdLine,
  formatIdCheckLine,
  type IdentityKind,
  luhnCheckDigit,
  parseIdentityNumber,
} from "./index.ts";

// Skatteverket's published test numbers, copied from personnummer/meta (see SOURCE.md there).
const VECTORS = new URL("../../../../shared/data/personnummer/", import.meta.url);
const readVectors = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, VECTORS), "utf8")) as T;

interface ListEntry {
  long_format: string;
  short_format: string;
  separated_format: string;
  separated_long: string;
  valid: boolean;
  type: "ssn" | "con";
  isMale: boolean;
  isFemale: boolean;
}
interface InterimEntry {
  long_format: string;
  short_format: string;
  separated_format: string;
  separated_long: string;
}
interface OrgEntry {
  short_format: string;
  separated_format: string;
}
type StructuredCase = {
  integer: { valid: number[]; invalid: number[] };
  string: { valid: string[]; invalid: string[] };
};

const allPins = readVectors<string[]>("allPins.json");
const allCoords = readVectors<string[]>("allCoords.json");
const list = readVectors<ListEntry[]>("list.json");
const interim = readVectors<InterimEntry[]>("interim.json");
const orgNumbers = readVectors<OrgEntry[]>("orgnumber.json");
const structured = readVectors<{ ssn: StructuredCase; con: StructuredCase }>("structured.json");

/** After every birth date in the vectors (the newest is from 2023); fixed so the suite never ages. */
const REF = Temporal.PlainDate.from("2026-03-15");
const KIND_OF_TYPE: Record<ListEntry["type"], IdentityKind> = {
  ssn: "personnummer",
  con: "samordningsnummer",
};

/** The 10-digit written form Skatteverket would use on REF: `+` once the person has turned 100. */
function shortForm(twelve: string): string {
  const birthKey = Number(twelve.slice(0, 8));
  const refKey = Number(REF.toString().replaceAll("-", ""));
  const separator = birthKey + 1_000_000 <= refKey ? "+" : "-";
  return `${twelve.slice(2, 8)}${separator}${twelve.slice(8)}`;
}

/** Every number the parser does not accept as `kind`, with why: the test shows them all at once. */
function misfits(numbers: readonly string[], kind: IdentityKind): string[] {
  return numbers.flatMap((n) => {
    const r = parseIdentityNumber(n, REF);
    if (!r.ok) return [`${n}: ${r.reason}`];
    if (r.kind !== kind) return [`${n}: ${r.kind}`];
    if (r.normalized !== n) return [`${n}: normalized to ${r.normalized}`];
    return [];
  });
}

describe("Skatteverket's test numbers (data/personnummer)", () => {
  it("accepts every personnummer in allPins.json as a personnummer with its birth date", () => {
    expect(allPins).toHaveLength(41_129);
    expect(misfits(allPins, "personnummer")).toEqual([]);
    const dateless = allPins.filter((n) => {
      const r = parseIdentityNumber(n, REF);
      return !r.ok || r.birthDate?.toString().replaceAll("-", "") !== n.slice(0, 8);
    });
    expect(dateless).toEqual([]);
  });

  it("accepts every samordningsnummer in allCoords.json, including the 194 with an incomplete date", () => {
    expect(allCoords).toHaveLength(2_264);
    expect(misfits(allCoords, "samordningsnummer")).toEqual([]);
    const withoutDate = allCoords.filter((n) => {
      const r = parseIdentityNumber(n, REF);
      return r.ok && r.birthDate === null;
    });
    // Month 00 (132), day 60 (41, of which 3 also month 00), a day past the month's end (24).
    expect(withoutDate).toHaveLength(194);
  });

  it("gives the known birth date of a samordningsnummer as the day - 60", () => {
    const r = parseIdentityNumber("191401682396", REF);
    expect(r.ok && r.birthDate?.toString()).toBe("1914-01-08");
  });

  it("reads every vector's 10-digit form (with - or +) back to the same 12 digits", () => {
    const wrong = [...allPins, ...allCoords].flatMap((n) => {
      const short = shortForm(n);
      const r = parseIdentityNumber(short, REF);
      return r.ok && r.normalized === n ? [] : [`${short}: ${r.ok ? r.normalized : r.reason}`];
    });
    expect(wrong).toEqual([]);
  });

  const listForms = list.flatMap((e) =>
    (["long_format", "short_format", "separated_format", "separated_long"] as const).map((form) => ({
      form,
      input: e[form],
      entry: e,
    })),
  );

  it.each(listForms.filter((c) => c.entry.valid))(
    "list.json: accepts valid $input ($form) with kind and sex",
    ({ input, form, entry }) => {
      const r = parseIdentityNumber(input, REF);
      expect(r).toMatchObject({
        ok: true,
        kind: KIND_OF_TYPE[entry.type],
        sex: entry.isMale ? "male" : "female",
      });
      // Without a separator a 10-digit number means "under 100": 0905271474 is born in 2009, not 1909.
      const expected =
        form === "short_format" && shortForm(entry.long_format).includes("+")
          ? `${Number(entry.long_format.slice(0, 4)) + 100}${entry.long_format.slice(4)}`
          : entry.long_format;
      expect(r.ok && r.normalized).toBe(expected);
    },
  );

  it.each(listForms.filter((c) => !c.entry.valid))(
    "list.json: rejects invalid $input ($form)",
    ({ input }) => {
      expect(parseIdentityNumber(input, REF).ok).toBe(false);
    },
  );

  it.each(
    (["ssn", "con"] as const).flatMap((type) => [
      ...structured[type].string.valid.map((input) => ({ type, input, valid: true })),
      ...structured[type].integer.valid.map((n) => ({ type, input: String(n), valid: true })),
      ...structured[type].string.invalid.map((input) => ({ type, input, valid: false })),
      ...structured[type].integer.invalid.map((n) => ({ type, input: String(n), valid: false })),
    ]),
  )("structured.json: $type $input is valid: $valid", ({ type, input, valid }) => {
    const r = parseIdentityNumber(input, REF);
    expect(r.ok).toBe(valid);
    if (r.ok) expect(r.kind).toBe(KIND_OF_TYPE[type]);
  });

  it.each(interim.flatMap((e) => [e.long_format, e.short_format, e.separated_format, e.separated_long]))(
    "interim.json: rejects the interim number %s",
    (input) => {
      expect(parseIdentityNumber(input, REF)).toEqual({
        ok: false,
        reason: "interim number (a letter in the birth number), not a personnummer or samordningsnummer",
      });
    },
  );

  it.each(orgNumbers.flatMap((e) => [e.short_format, e.separated_format]))(
    "orgnumber.json: rejects the organisationsnummer %s as an identity number",
    (input) => {
      expect(parseIdentityNumber(input, REF)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/month/),
      });
    },
  );
});

describe("parseIdentityNumber, hand-written cases (reference date 2026-03-15)", () => {
  it.each([
    // [input, kind, normalized, birth date, sex]
    ["20000229-2399", "personnummer", "200002292399", "2000-02-29", "male"],
    ["000229-2399", "personnummer", "200002292399", "2000-02-29", "male"],
    ["090527+1474", "personnummer", "190905271474", "1909-05-27", "male"],
    ["090527-1474", "personnummer", "200905271474", "2009-05-27", "male"],
    ["0905271474", "personnummer", "200905271474", "2009-05-27", "male"],
    ["19090527+1474", "personnummer", "190905271474", "1909-05-27", "male"],
    ["20090527+1474", "personnummer", "200905271474", "2009-05-27", "male"],
    ["19090527-1474", "personnummer", "190905271474", "1909-05-27", "male"],
    ["  090527+1474\t", "personnummer", "190905271474", "1909-05-27", "male"],
    ["460823-9986", "personnummer", "194608239986", "1946-08-23", "female"],
    // Born on the reference date: this century; the day after: the previous one.
    ["260315-0018", "personnummer", "202603150018", "2026-03-15", "male"],
    ["260316-0017", "personnummer", "192603160017", "1926-03-16", "male"],
    ["2603160017", "personnummer", "192603160017", "1926-03-16", "male"],
    ["260316+0017", "personnummer", "182603160017", "1826-03-16", "male"],
    ["751231-5677", "personnummer", "197512315677", "1975-12-31", "male"],
    // Samordningsnummer: day + 60; month 00 and day 60 for an unknown part; 29–31 February.
    ["730288-9931", "samordningsnummer", "197302889931", "1973-02-28", "male"],
    ["20210791-9967", "samordningsnummer", "202107919967", "2021-07-31", "female"],
    ["193100602394", "samordningsnummer", "193100602394", null, "male"],
    ["191500722390", "samordningsnummer", "191500722390", null, "male"],
    ["191711602399", "samordningsnummer", "191711602399", null, "male"],
    ["193002902397", "samordningsnummer", "193002902397", null, "male"],
    ["195102892386", "samordningsnummer", "195102892386", null, "female"],
    ["730290-9986", "samordningsnummer", "197302909986", null, "female"],
    // Month 00 / day 60 this year cannot be in the future: the unknown part may be earlier.
    ["260060-9982", "samordningsnummer", "202600609982", null, "female"],
    ["20260060-0023", "samordningsnummer", "202600600023", null, "female"],
  ] as const)("accepts %j as %s %s (born %s, %s)", (input, kind, normalized, birthDate, sex) => {
    const r = parseIdentityNumber(input, REF);
    expect(r.ok ? { ...r, birthDate: r.birthDate?.toString() ?? null } : r).toEqual({
      ok: true,
      kind,
      normalized,
      birthDate,
      sex,
    });
  });

  it.each([
    ["19000229-2399", "no such date: 1900-02-29"],
    ["000229+2399", "no such date: 1900-02-29"],
    ["070229-2384", "no such date: 2007-02-29"],
    ["19090527-1475", "bad check digit"],
    ["090527+1470", "bad check digit"],
    ["20260315-0019", "bad check digit"],
    ["20260316-0017", "birth date in the future: 2026-03-16"],
    ["20261275-9981", "birth date in the future: 2026-12-15"],
    ["21000101-0016", "birth date in the future: 2100-01-01"],
    ["130013-0018", "no such month: 00"],
    ["800500-1238", "no such day: 00"],
    ["150916-0006", "birth number 000 is not used"],
    ["801375-1238", "no such month: 13 in a samordningsnummer"],
    ["800532-1230", "no such day: 32 (a samordningsnummer has day 60–91, the day of birth + 60)"],
    ["800192-1231", "no such day: 92 in a samordningsnummer (day 60–91)"],
    ["", "empty"],
    ["   ", "empty"],
    ["19O90527-1474", "contains characters other than digits and one - or + separator"],
    ["abc", "contains characters other than digits and one - or + separator"],
    ["19090527 1474", "contains characters other than digits and one - or + separator"],
    ["090527–1474", "contains characters other than digits and one - or + separator"],
    ["090527147", "wrong length: 9 digits, expected 10 or 12"],
    ["19090527147", "wrong length: 11 digits, expected 10 or 12"],
    ["1909052714744", "wrong length: 13 digits, expected 10 or 12"],
    ["090527-147", "wrong length: 9 digits, expected 10 or 12"],
    [
      "0905-271474",
      "misplaced separator: expected YYMMDD-NNNC, YYYYMMDD-NNNC or + for someone aged 100 or more",
    ],
    [
      "090527--1474",
      "misplaced separator: expected YYMMDD-NNNC, YYYYMMDD-NNNC or + for someone aged 100 or more",
    ],
    [
      "-0905271474",
      "misplaced separator: expected YYMMDD-NNNC, YYYYMMDD-NNNC or + for someone aged 100 or more",
    ],
  ])("rejects %j: %s", (input, reason) => {
    expect(parseIdentityNumber(input, REF)).toEqual({ ok: false, reason });
  });

  it("takes the century of a 10-digit number from the reference date", () => {
    const on = (date: string) => {
      const r = parseIdentityNumber("000229-2399", Temporal.PlainDate.from(date));
      return r.ok ? r.normalized : r.reason;
    };
    expect(on("2026-03-15")).toBe("200002292399");
    // Before 29 February 2000 the same number would be someone born in 1900: no such date.
    expect(on("2000-02-28")).toBe("no such date: 1900-02-29");
  });
});

describe("parseIdentityNumber, properties", () => {
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  const birthArb = fc
    .integer({ min: 0, max: REF.since(Temporal.PlainDate.from("1890-01-01")).days })
    .map((back) => REF.subtract({ days: back }));
  const serialArb = fc.integer({ min: 1, max: 999 });
  const numberOf = (d: Temporal.PlainDate, serial: number, dayOffset: number) => {
    const nine = `${pad(d.year % 100, 2)}${pad(d.month, 2)}${pad(d.day + dayOffset, 2)}${pad(serial, 3)}`;
    return `${pad(d.year, 4).slice(0, 2)}${nine}${luhnCheckDigit(nine)}`;
  };

  it("accepts any past date with any birth number, in every written form, with its birth date", () => {
    fc.assert(
      fc.property(birthArb, serialArb, fc.boolean(), (date, serial, samordning) => {
        const twelve = numberOf(date, serial, samordning ? 60 : 0);
        for (const input of [twelve, `${twelve.slice(0, 8)}-${twelve.slice(8)}`, shortForm(twelve)]) {
          const r = parseIdentityNumber(input, REF);
          expect(r).toMatchObject({
            ok: true,
            kind: samordning ? "samordningsnummer" : "personnummer",
            normalized: twelve,
            sex: serial % 2 === 1 ? "male" : "female",
          });
          expect(r.ok && r.birthDate?.equals(date)).toBe(true);
        }
      }),
    );
  });

  it("rejects every other check digit", () => {
    fc.assert(
      fc.property(birthArb, serialArb, fc.integer({ min: 1, max: 9 }), (date, serial, shift) => {
        const twelve = numberOf(date, serial, 0);
        const wrong = `${twelve.slice(0, 11)}${(Number(twelve[11]) + shift) % 10}`;
        expect(parseIdentityNumber(wrong, REF)).toEqual({ ok: false, reason: "bad check digit" });
      }),
    );
  });

  it("never accepts a birth date after the reference date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40_000 }), serialArb, (ahead, serial) => {
        const twelve = numberOf(REF.add({ days: ahead }), serial, 0);
        expect(parseIdentityNumber(twelve, REF)).toMatchObject({
          ok: false,
          reason: /^birth date in the future/,
        });
      }),
    );
  });
});

describe("formatIdCheckLine", () => {
  it.each([
    ["19090527+1474", "19090527+1474\tvalid\tpersonnummer"],
    ["730288-9931", "730288-9931\tvalid\tsamordningsnummer"],
    ["19090527-1475", "19090527-1475\tinvalid\t-"],
    ["  090527+1474 ", "  090527+1474 \tvalid\tpersonnummer"],
    ["090527+1474\r\n", "090527+1474\tvalid\tpersonnummer"],
    ["090527+1474\r", "090527+1474\tvalid\tpersonnummer"],
    ["hello", "hello\tinvalid\t-"],
  ])("%j → %j", (input, line) => {
    expect(formatIdCheckLine(input, REF)).toBe(line);
  });

  it("checkIdLine gives the same verdict as a structured entry", () => {
    expect(checkIdLine("090527+1474\n", REF)).toEqual({
      input: "090527+1474",
      valid: true,
      kind: "personnummer",
    });
    expect(checkIdLine("x", REF)).toEqual({ input: "x", valid: false, kind: null });
  });
});
