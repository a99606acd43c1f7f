import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isLuhnValid, isValidOrgNumber, luhnCheckDigit } from "./index.ts";

const VECTORS = new URL("../../../../shared/data/personnummer/", import.meta.url);
const orgNumbers = JSON.parse(readFileSync(new URL("orgnumber.json", VECTORS), "utf8")) as {
  short_format: string;
  separated_format: string;
  comment: string;
}[];

describe("isValidOrgNumber", () => {
  // orgnumber.json lists AP-fonder: valid organisationsnummer ("valid": false there means "as a personnummer").
  it.each(orgNumbers.flatMap((e) => [e.short_format, e.separated_format]))(
    "accepts %s from orgnumber.json",
    (s) => {
      expect(isValidOrgNumber(s)).toBe(true);
    },
  );

  it.each([
    ["232100-0008", true], // a region (as in the example region files)
    ["2321000008", true],
    ["556000-1231", true], // an aktiebolag
    ["16556000-1231", true], // Skatteverket's 12-digit form
    ["165560001231", true],
    ["232100-0009", false], // check digit
    ["556000-1232", false],
    ["900101-1239", false], // a personnummer (third digit 0): not an organisation
    ["19900101-1239", false],
    ["730288-9931", false], // a samordningsnummer (third digit 0)
    ["17556000-1231", false], // only 16 prefixes the 12-digit form
    ["556000+1231", false],
    ["556000 1231", false],
    [" 556000-1231", false], // callers trim; a region file should not carry stray spaces
    ["55600-01231", false],
    ["556000-123", false],
    ["", false],
    ["ABCDEF-GHIJ", false],
  ])("%j is valid: %s", (s, valid) => {
    expect(isValidOrgNumber(s)).toBe(valid);
  });
});

describe("Luhn", () => {
  it.each([
    ["9001011239", true],
    ["9001011238", false],
    ["2321000008", true],
    ["0", true],
    ["", false],
    ["12a4", false],
  ])("isLuhnValid(%j) is %s", (s, valid) => {
    expect(isLuhnValid(s)).toBe(valid);
  });

  it.each([
    ["900101123", 9],
    ["232100000", 8],
    ["811218987", 6],
  ])("luhnCheckDigit(%j) is %i", (payload, digit) => {
    expect(luhnCheckDigit(payload)).toBe(digit);
  });
});
