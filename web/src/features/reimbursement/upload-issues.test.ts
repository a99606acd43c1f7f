import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.ts";
import { validationIssues } from "./upload-issues.ts";

describe("validationIssues", () => {
  it("reads the issues of a validation error, keeping their JSON paths", () => {
    const error = new ApiError(400, "validation_failed", "The model is not valid.", {
      issues: [
        { path: "components[0].key", message: "not a pool key", input: "model" },
        { path: "validFrom", message: 'not a month (a string "YYYY-MM")' },
      ],
    });
    expect(validationIssues(error)).toEqual([
      { path: "components[0].key", message: "not a pool key", input: "model" },
      { path: "validFrom", message: 'not a month (a string "YYYY-MM")' },
    ]);
  });

  it("skips malformed entries and answers [] for errors without issues", () => {
    const malformed = new ApiError(400, "validation_failed", "x", {
      issues: [{ path: 3, message: "m" }, null, { path: "a", message: "b" }],
    });
    expect(validationIssues(malformed)).toEqual([{ path: "a", message: "b" }]);
    expect(validationIssues(new ApiError(409, "conflict", "locked", { id: 1 }))).toEqual([]);
    expect(validationIssues(new ApiError(500, "internal", "x"))).toEqual([]);
    expect(validationIssues(new Error("not an API error"))).toEqual([]);
  });
});
