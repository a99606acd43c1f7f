// The one error type of Vårdnav. Services throw it; src/http/error-handler.ts turns it into
// `{ "error": { "code", "message", "details" } }` with the status from HTTP_STATUS_BY_CODE, and the CLI
// prints the message. Anything else that escapes is an internal error and is never shown in detail.

export const HTTP_STATUS_BY_CODE = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  account_disabled: 403,
  csrf_failed: 403,
  password_change_required: 403,
  not_found: 404,
  period_not_published: 404,
  conflict: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  data_dir_locked: 503,
  invalid_configuration: 500,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS_BY_CODE;

/** Every error code, for the error response schema (src/http/responses.ts). */
export const ERROR_CODES = Object.keys(HTTP_STATUS_BY_CODE) as [ErrorCode, ...ErrorCode[]];

/** One problem in a validated input, located by its path (e.g. `units[3].phoneHours.mon[0]`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details ?? null;
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Renders zod-style issue paths as `a.b[2].c`, the form users see in every validation message. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

export function validationError(message: string, issues: ValidationIssue[]): AppError {
  return new AppError("validation_failed", message, { issues });
}

/** Converts a zod error into the AppError every edge returns for bad input. */
export function fromZodIssues(
  message: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): AppError {
  return validationError(
    message,
    issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
  );
}
