import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { systemActor } from "../../src/modules/audit/audit.service.ts";
import { importRegionFile } from "../../src/modules/regions/regions.service.ts";
import {
  createTestApp,
  exampleRegionFile,
  loginAs,
  type Session,
  seedUser,
  type TestApp,
} from "../support/app.ts";
import { EXAMPLE_MODEL } from "../support/reimbursement.ts";
import { addRollupDay } from "../support/rollups.ts";

// The world the access matrix and the HTTP fuzz run in: region 22 (the example region) and a second
// region 24, one account per role in region 22 (staff and unit manager of unit A), a system admin, and
// objects of each scope. "own" is unit A of region 22, "otherUnit" unit B of region 22, "otherRegion" a
// unit of region 24.

export const ROLE_NAMES = [
  "anonymous",
  "staff",
  "unit_manager",
  "region_admin",
  "committee",
  "auditor",
  "system_admin",
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const UNIT_A = "SE2321000000-E0001";
export const UNIT_B = "SE2321000000-E0002";
export const UNIT_24 = "SE2321000000-V0001";
export const UNIT_24B = "SE2321000000-V0002";

export interface World {
  t: TestApp;
  sessions: Record<Exclude<RoleName, "anonymous">, Session>;
}

/** Region 24: one health centre in Umeå, same shape as the example's units. */
function region24File(): Record<string, unknown> {
  const example = exampleRegionFile() as { units: Record<string, unknown>[] };
  const unit = { ...(example.units[0] as Record<string, unknown>) };
  return {
    region: { code: "24", name: "Region Västerbotten (test)" },
    units: [
      {
        ...unit,
        hsaId: UNIT_24,
        name: "Umeå hälsocentral (test)",
        kommun: "2480",
        location: { lat: 63.83, lon: 20.26 },
      },
      {
        ...unit,
        hsaId: UNIT_24B,
        name: "Vindeln hälsocentral (test)",
        kommun: "2404",
        location: { lat: 64.2, lon: 19.72 },
      },
      {
        ...unit,
        hsaId: "SE2321000000-V0099",
        name: "Stödteam 24 (test)",
        type: "backup",
        kommun: "2480",
        location: { lat: 63.83, lon: 20.26 },
      },
    ],
  };
}

export async function createWorld(): Promise<World> {
  const t = await createTestApp();
  const actor = systemActor("test");
  await importRegionFile(t.ctx, actor, exampleRegionFile(), { purpose: "test seed" });
  await importRegionFile(t.ctx, actor, region24File(), { purpose: "test seed" });
  // A published month (January) with figures in both regions, for the public routes.
  for (const unit of [UNIT_A, UNIT_24])
    await addRollupDay(t.ctx.db, unit, "2026-01-15", { offered: 60, answeredSameDay: 50, contacts: 60 });
  const accounts: [Exclude<RoleName, "anonymous">, string | null, string[]][] = [
    ["staff", "22", [UNIT_A]],
    ["unit_manager", "22", [UNIT_A]],
    ["region_admin", "22", []],
    ["committee", "22", []],
    ["auditor", "22", []],
    ["system_admin", null, []],
  ];
  const sessions = {} as World["sessions"];
  for (const [role, regionCode, unitHsaIds] of accounts) {
    await seedUser(t.ctx, { username: `m.${role}`, role, regionCode, unitHsaIds });
    sessions[role] = await loginAs(t.app, `m.${role}`);
  }
  return { t, sessions };
}

export type Answer = Pick<LightMyRequestResponse, "statusCode" | "body" | "headers" | "json">;

/**
 * A request as a role: the session cookie and, for writes, its CSRF token. An event stream never ends, so
 * its answer is taken once the head is written and the stream is closed (its body is not read).
 */
export async function inject(
  app: FastifyInstance,
  session: Session | null,
  options: {
    method: string;
    url: string;
    payload?: unknown;
    contentType?: string;
    headers?: Record<string, string>;
  },
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (session) {
    headers.cookie = session.cookie;
    if (options.method !== "GET") headers["x-csrf-token"] = session.csrfToken;
  }
  if (options.payload !== undefined)
    headers["content-type"] =
      options.contentType ?? (typeof options.payload === "string" ? "text/csv" : "application/json");
  const payload =
    options.payload === undefined
      ? undefined
      : typeof options.payload === "string"
        ? options.payload
        : JSON.stringify(options.payload);
  const request = {
    method: options.method as InjectOptions["method"],
    url: options.url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
  if (!options.url.startsWith("/api/worklist/stream")) return app.inject(request);
  const streamed = await app.inject({ ...request, payloadAsStream: true });
  const isEventStream = String(streamed.headers["content-type"] ?? "").includes("text/event-stream");
  const stream = streamed.stream();
  let body = "";
  if (isEventStream) stream.destroy();
  else for await (const chunk of stream) body += String(chunk);
  const answer: Answer = {
    statusCode: streamed.statusCode,
    body,
    headers: streamed.headers,
    json: () => JSON.parse(body),
  };
  return answer;
}

/** A new contact at the unit through the resident form; its id. */
export async function newContact(app: FastifyInstance, unitHsaId: string): Promise<string> {
  const response = await inject(app, null, {
    method: "POST",
    url: "/api/contacts",
    payload: {
      unitHsaId,
      identityNumber: "19121212-1212",
      phone: "070-1234567",
      description: "Matris",
      newProblem: true,
      preferredWindow: "any",
    },
  });
  if (response.statusCode !== 201) throw new Error(`contact: ${response.statusCode} ${response.body}`);
  return response.json().contactId;
}

/** The example reimbursement model as region `region`'s, stored by the system admin; its row id. */
export async function newModel(world: World, region: string, suffix: string): Promise<number> {
  const response = await inject(world.t.app, world.sessions.system_admin, {
    method: "POST",
    url: `/api/reimbursement/models?region=${region}`,
    payload: { ...EXAMPLE_MODEL, id: `${EXAMPLE_MODEL.id}-${suffix}` },
  });
  if (response.statusCode !== 201) throw new Error(`model: ${response.statusCode} ${response.body}`);
  return response.json().id;
}
