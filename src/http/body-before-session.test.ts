import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  type Session,
  seedExampleRegion,
  seedUser,
  type TestApp,
} from "../../test/support/app.ts";

// Bodies before sign-in (issue 12, item 1): a write without a session gets 401 before its body is read,
// the large limit holds on the import routes only, 1 MiB everywhere else.
let t: TestApp;
let admin: Session;
const FIVE_MB = "a,b\n".repeat((5 * 1024 * 1024) / 4);
const TWO_MIB = "x".repeat(2 * 1024 * 1024);

beforeAll(async () => {
  t = await createTestApp();
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  admin = await loginAs(t.app, "admin.22");
});
afterAll(() => t.close());

describe("a write without a session", () => {
  it.each([
    ["/api/imports/contacts?region=22", "text/csv", FIVE_MB],
    ["/api/imports/contacts?region=22", "multipart/form-data; boundary=x", FIVE_MB],
    ["/api/reimbursement/imports/listing?region=22", "text/csv", FIVE_MB],
    ["/api/regions/import", "application/json", JSON.stringify({ pad: FIVE_MB })],
    ["/api/reimbursement/models?region=22", "application/octet-stream", FIVE_MB],
  ])("POST %s (%s, 5 MB) → 401 unauthenticated", async (url, contentType, payload) => {
    const response = await t.app.inject({
      method: "POST",
      url,
      headers: { "content-type": contentType },
      payload,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("unauthenticated");
  });

  it("public writes stay open: the resident form still answers (400 for an empty form, not 401)", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/contacts", payload: {} });
    expect(response.statusCode).toBe(400);
  });
});

describe("body limits when signed in", () => {
  const signedIn = (url: string, contentType: string, payload: string, method: "POST" | "PUT" = "POST") =>
    t.app.inject({
      method,
      url,
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken, "content-type": contentType },
      payload,
    });

  it.each([
    ["POST", "/api/reimbursement/models?region=22", "text/csv"],
    ["PUT", "/api/stats/reference-values/2026", "text/csv"],
    ["POST", "/api/transfers?region=22", "text/plain"],
    ["PUT", "/api/staffing/goal?region=22", "text/csv"],
  ] as const)("%s %s takes at most 1 MiB (%s)", async (method, url, contentType) => {
    const response = await signedIn(url, contentType, TWO_MIB, method);
    expect(response.statusCode).toBe(413);
  });

  it("an import route takes more than 1 MiB", async () => {
    const response = await signedIn("/api/reimbursement/imports/listing?region=22", "text/csv", TWO_MIB);
    expect(response.statusCode).not.toBe(413);
  });
});
