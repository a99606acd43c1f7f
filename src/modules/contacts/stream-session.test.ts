import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestContext,
  seedExampleRegion,
  seedUser,
  settableClock,
  TEST_PASSWORD,
  testConfig,
} from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import { buildApp } from "../../app.ts";
import type { ServiceContext } from "../../lib/context.ts";

// Issue 12, item 8: an open worklist stream ends when its session ends — signed out, the account disabled,
// the session run out (sliding or absolute), or removed by another server process — instead of streaming
// contact changes to someone who may no longer read them. Over real HTTP; the session re-check interval is
// injected short, and the waits are generous upper bounds, not timings.

const KRAMFORS = "SE2321000000-E0001";
const clock = settableClock("2026-03-02T07:30:00Z");
let ctx: ServiceContext;
let database: TestDatabase;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ({ ctx, database } = await createTestContext(clock));
  await seedExampleRegion(ctx);
  for (const username of ["nurse.a", "nurse.b", "nurse.c", "nurse.d", "nurse.e"]) {
    await seedUser(ctx, { username, role: "staff", regionCode: "22", unitHsaIds: [KRAMFORS] });
  }
  await seedUser(ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  app = await buildApp({ ctx, config: { ...testConfig, SESSION_MAX_HOURS: 24 }, streamSessionRecheckMs: 25 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function signIn(username: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** Opens the stream and returns a promise of everything it sent, settled when the server ends it. */
async function openStream(cookie: string) {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/worklist/stream?unit=${KRAMFORS}`, {
    headers: { cookie },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(": connected")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended before it connected");
    text += decoder.decode(value);
  }
  let ended = false;
  const finished = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        return text;
      }
      text += decoder.decode(value);
    }
  })();
  return {
    finished,
    isEnded: () => ended,
    abort: () => abort.abort(),
  };
}

/** Resolves when the stream has ended; fails after a generous bound (the stream stayed open). */
async function endsWithin<T>(finished: Promise<T>, boundMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the stream was still open")), boundMs);
  });
  try {
    return await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("the worklist stream ends with its session", () => {
  it("ends when the user signs out", async () => {
    const s = await signIn("nurse.a");
    const stream = await openStream(s.cookie);
    const out = await fetch(`${base}/api/auth/logout`, {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(await endsWithin(stream.finished)).toContain("event: session-ended");
  });

  it("ends when an admin disables the account", async () => {
    const s = await signIn("nurse.b");
    const admin = await signIn("admin.22");
    const stream = await openStream(s.cookie);
    const disabled = await fetch(`${base}/api/users/nurse.b/disable`, {
      method: "POST",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
    });
    expect(disabled.status).toBe(204);
    expect(await endsWithin(stream.finished)).toContain("event: session-ended");
  });

  it("ends at a re-check once the session has run out", async () => {
    const s = await signIn("nurse.c");
    const stream = await openStream(s.cookie);
    // Still open after several re-checks while the session is valid.
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.isEnded()).toBe(false);
    // Past the sliding lifetime (12 h in the test configuration) without a request.
    clock.set("2026-03-02T20:00:00Z");
    try {
      expect(await endsWithin(stream.finished)).toContain("event: session-ended");
    } finally {
      clock.set("2026-03-02T07:30:00Z");
    }
  });

  it("ends at a re-check when another process removed the session (sign-out elsewhere)", async () => {
    const s = await signIn("nurse.d");
    const stream = await openStream(s.cookie);
    const user = await ctx.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "nurse.d")
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    expect(await endsWithin(stream.finished)).toContain("event: session-ended");
  });

  it("leaves another user's stream open", async () => {
    const a = await signIn("nurse.e");
    const other = await signIn("nurse.a");
    const stream = await openStream(a.cookie);
    await fetch(`${base}/api/auth/logout`, {
      method: "POST",
      headers: { cookie: other.cookie, "x-csrf-token": other.csrfToken },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.isEnded()).toBe(false);
    stream.abort();
    await stream.finished.catch(() => null);
  });
});
