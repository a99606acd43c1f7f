import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../../../test/support/app.ts";

// Issue 11, item 8: on a weekend or a holiday the worklist shows the contacts waiting for the next open day
// instead of an empty page. Kramfors (the example) has phone and opening hours Monday to Friday only.
const KRAMFORS = "SE2321000000-E0001";
const clock = settableClock("2026-04-11T08:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "nurse.a", role: "staff", regionCode: "22", unitHsaIds: [KRAMFORS] });
});
afterAll(() => t.close());

async function worklist(query = "") {
  const session = await loginAs(t.app, "nurse.a");
  const response = await t.app.inject({
    method: "GET",
    url: `/api/worklist?unit=${KRAMFORS}${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    date: string;
    today: string;
    waitingForNextOpenDay: boolean;
    contacts: { id: string; serviceDay: string }[];
    counters: { received: number };
  };
}

async function webContact(description: string): Promise<string> {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/contacts",
    payload: {
      unitHsaId: KRAMFORS,
      identityNumber: "19121212-1212",
      phone: "070-123 45 67",
      description,
      newProblem: false,
      preferredWindow: "any",
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().contactId;
}

describe("the worklist on a closed day", () => {
  it("on a Saturday shows the contacts waiting for Monday", async () => {
    clock.set("2026-04-11T08:00:00Z"); // Saturday 11 April, 10:00 in Stockholm
    const id = await webContact("Lördagskontakt");
    const list = await worklist();
    expect(list).toMatchObject({ date: "2026-04-13", today: "2026-04-11", waitingForNextOpenDay: true });
    expect(list.contacts.map((c) => c.id)).toContain(id);
    expect(list.contacts.every((c) => c.serviceDay === "2026-04-13")).toBe(true);
    expect(list.counters.received).toBe(list.contacts.length);
  });

  it("on a holiday shows the next open day: långfredag waits for the Tuesday after Easter", async () => {
    clock.set("2026-04-03T09:00:00Z"); // långfredag, 11:00; then Saturday, Sunday and annandag påsk
    const id = await webContact("Kontakt på långfredagen");
    const list = await worklist();
    expect(list).toMatchObject({ date: "2026-04-07", today: "2026-04-03", waitingForNextOpenDay: true });
    expect(list.contacts.map((c) => c.id)).toEqual([id]);
  });

  it("on an open day shows today, and an asked date as asked", async () => {
    clock.set("2026-04-14T08:00:00Z"); // Tuesday
    const list = await worklist();
    expect(list).toMatchObject({ date: "2026-04-14", today: "2026-04-14", waitingForNextOpenDay: false });
    // A past Saturday asked for explicitly: its own service day, on which nothing was served.
    const asked = await worklist("&date=2026-04-11");
    expect(asked).toMatchObject({ date: "2026-04-11", waitingForNextOpenDay: false, contacts: [] });
  });
});
