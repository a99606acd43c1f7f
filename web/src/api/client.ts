// The one way the web app talks to the API: same-origin JSON with the session cookie, the CSRF token on
// every write, and every failure turned into an ApiError carrying the server's error code.

import type { ErrorResponse } from "../../../src/http/responses.ts";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Codes the client itself produces when there is no server answer to read. */
export type ClientErrorCode = "network_error" | "unexpected_response";

export class ApiError extends Error {
  readonly status: number;
  /** The server's error code (see src/errors.ts), or a ClientErrorCode. */
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// Kept in memory only: the login and /api/auth/me answers hand it over, so a reload fetches it again.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for the rare request that cannot go through apiRequest (an upload with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (UNSAFE_METHODS.has(method) && csrfToken !== null) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "The server could not be reached.");
  }

  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, "unexpected_response", "The server sent an answer that is not JSON.");
  }
}

/**
 * Sends a file as the raw request body (e.g. a CSV upload), with the CSRF token; the answer is read as
 * apiRequest reads it. The browser streams the file, so large uploads are not copied into memory here.
 */
export async function apiUpload<T>(path: string, body: Blob | string, contentType: string): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": contentType };
  if (csrfToken !== null) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body });
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached.");
  }
  if (!response.ok) throw await errorFrom(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, "unexpected_response", "The server sent an answer that is not JSON.");
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details ?? null);
  }
  return new ApiError(response.status, "unexpected_response", `The server answered ${response.status}.`);
}

type ErrorBody = ErrorResponse;

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
