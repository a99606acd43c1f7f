import { describe, expect, it } from "vitest";
import { validateGapSearch, validateRegisterSearch, validateUnitSearch } from "./search.ts";

describe("transfer page search parameters", () => {
  it("keeps what is valid and drops the rest", () => {
    expect(validateRegisterSearch({ region: "22", status: "in_effect", year: "2026" })).toEqual({
      region: "22",
      status: "in_effect",
      year: 2026,
    });
    expect(validateRegisterSearch({ region: "2", status: "open", year: "26" })).toEqual({});
    expect(validateGapSearch({ region: "24", year: 2025 })).toEqual({ region: "24", year: 2025 });
    expect(validateUnitSearch({ unit: "SE2321000222-E0001", year: "1999" })).toEqual({
      unit: "SE2321000222-E0001",
    });
    expect(validateUnitSearch({ unit: "<script>" })).toEqual({});
  });
});
