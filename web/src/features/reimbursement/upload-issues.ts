import type { ValidationIssue } from "../../../../src/errors.ts";
import { isApiError } from "../../api/client.ts";

/** One problem the server found in an uploaded model, located by its JSON path (e.g. `components[2].key`). */
export type Issue = ValidationIssue & { input?: string };

/** The issues of a validation error (`details.issues`), or none when the error is of another kind. */
export function validationIssues(error: unknown): Issue[] {
  if (!isApiError(error) || typeof error.details !== "object" || error.details === null) return [];
  const issues = (error.details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (issue): issue is Issue =>
      typeof issue === "object" &&
      issue !== null &&
      typeof (issue as Issue).path === "string" &&
      typeof (issue as Issue).message === "string",
  );
}
