import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  formatIdentityNumber,
  identityNumberForSending,
  identityNumberProblem,
  luhnValid,
} from "./identity-number.ts";

describe("identityNumberProblem", () => {
  it.each([
    ["19121212-1212", null],
    ["191212121212", null],
    ["121212-1212", null],
    ["121212+1212", null],
    ["1912 1212 1212", null],
    // Samordningsnummer: day + 60, and Skatteverket's month 00 / day 60 for unknown parts.
    ["19140168-2396", null],
    ["", "empty"],
    ["   ", "empty"],
    ["19121212-121", "format"],
    ["1912121212123", "format"],
    ["19121212-12a2", "format"],
    ["19121212/1212", "format"],
    ["19121212-1213", "checksum"],
  ] as const)("%s → %s", (input, expected) => {
    expect(identityNumberProblem(input)).toBe(expected);
  });

  it("accepts a samordningsnummer with month 00 and day 60 when its check digit is right", () => {
    // 000060 with birth number 238 and the Luhn digit for 0000602 38? computed here, not guessed.
    const payload = "000060238";
    const digit = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) => luhnValid(`${payload}${d}`));
    expect(identityNumberProblem(`1900${payload.slice(2, 6)}-${payload.slice(6)}${digit}`)).toBeNull();
  });

  it.each([["121312121"], ["121232121"], ["121200121"], ["120012121"], ["121292121"]])(
    "rejects the impossible month or day in %s even with a valid check digit",
    (payload) => {
      const digit = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) => luhnValid(`${payload}${d}`));
      expect(identityNumberProblem(`${payload.slice(0, 6)}-${payload.slice(6)}${digit}`)).toBe("date");
    },
  );

  it("rejects birth number 000 even with a valid check digit", () => {
    const payload = "121212000";
    const digit = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) => luhnValid(`${payload}${d}`));
    expect(identityNumberProblem(`${payload.slice(0, 6)}-${payload.slice(6)}${digit}`)).toBe("format");
  });
});

// Skatteverket's published test numbers (the same ones the server's validator is tested with): the quick
// check in the browser must never stop a resident whose number the server accepts.
const VECTORS = new URL("../../../../../shared/data/personnummer/", import.meta.url);
const readVectors = (name: string): string[] => JSON.parse(readFileSync(new URL(name, VECTORS), "utf8"));

describe("identityNumberProblem on Skatteverket's test numbers", () => {
  it.each([["allPins.json"], ["allCoords.json"]])("accepts every number in %s", (file) => {
    const rejected = readVectors(file).filter((n) => identityNumberProblem(n) !== null);
    expect(rejected).toEqual([]);
  });

  it("accepts them also in the short form with a separator", () => {
    const numbers = readVectors("allCoords.json");
    const rejected = numbers
      .map((n) => `${n.slice(2, 8)}-${n.slice(8)}`)
      .filter((n) => identityNumberProblem(n) !== null);
    expect(rejected).toEqual([]);
  });
});

describe("identityNumberForSending", () => {
  it("drops spaces and keeps the separator the resident typed", () => {
    expect(identityNumberForSending(" 19121212 -1212 ")).toBe("19121212-1212");
    expect(identityNumberForSending("121212+1212")).toBe("121212+1212");
  });
});

describe("formatIdentityNumber", () => {
  it.each([
    ["191212121212", "19121212-1212"],
    ["19701063-2391", "19701063-2391"],
    ["121212-1212", "121212-1212"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(formatIdentityNumber(input)).toBe(expected);
  });
});
