import { readFileSync } from "node:fs";
import { insertStaffAlert } from "../../src/modules/notifications/alerts.repository.ts";
import { exampleRegionFile, seedUser, TEST_PASSWORD } from "../support/app.ts";
import { E1, EXAMPLE_MODEL, exampleCsvs } from "../support/reimbursement.ts";
import { inject, newContact, newModel, UNIT_24, UNIT_24B, UNIT_A, UNIT_B, type World } from "./fixture.ts";

// How the access matrix (access-matrix.ts) asks each route: a request that passes the route's schema,
// aimed at an object of the cell's scope. Writes get fresh objects (a new contact, user, transfer id) so
// that every cell is asked the same question, whoever asked before. A schema-valid request matters: the
// schema is checked before the service authorises, so an invalid one would answer 400 to every role.

export type TargetScope = "own" | "otherUnit" | "otherRegion";

export interface Target {
  scope: TargetScope;
  /** The region of the cell: 22 for own and otherUnit, 24 for otherRegion. */
  region: "22" | "24";
  /** Unit A (own), unit B (other unit, region 22) or the unit of region 24. */
  unit: string;
}

export function targetOf(scope: TargetScope): Target {
  return scope === "own"
    ? { scope, region: "22", unit: UNIT_A }
    : scope === "otherUnit"
      ? { scope, region: "22", unit: UNIT_B }
      : { scope, region: "24", unit: UNIT_24 };
}

export interface MatrixRequest {
  method: string;
  url: string;
  payload?: unknown;
  contentType?: string;
  /** Headers of their own (the signed phone webhook); the role's session is sent as well. */
  headers?: Record<string, string>;
}

type Build = (world: World, target: Target) => Promise<MatrixRequest> | MatrixRequest;

const EXAMPLES = new URL("../../../shared/examples/", import.meta.url);
const example = (name: string) => readFileSync(new URL(name, EXAMPLES), "utf8");
const TRANSFER = JSON.parse(example("transfers-v1.json")).transfers[0] as Record<string, unknown>;

let sequence = 0;
const fresh = (prefix: string) => `${prefix}-${++sequence}`;

/**
 * Objects made once per world and region by the system admin (models, runs, transfers, imports). Per
 * world: the access matrix and the fuzz each build one, and may run in one worker (isolate: false).
 */
const madeInWorld = new WeakMap<World, Map<string, Promise<string>>>();
function once(world: World, key: string, make: () => Promise<string>): Promise<string> {
  let made = madeInWorld.get(world);
  if (!made) {
    made = new Map();
    madeInWorld.set(world, made);
  }
  let object = made.get(key);
  if (!object) {
    object = make();
    made.set(key, object);
  }
  return object;
}

async function asSystemAdmin(world: World, request: MatrixRequest, expected: number) {
  const response = await inject(world.t.app, world.sessions.system_admin, request);
  if (response.statusCode !== expected)
    throw new Error(`fixture ${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const modelOf = (world: World, region: string) =>
  once(world, `model-${region}`, async () => String(await newModel(world, region, `m${region}`)));

/** The example month's inputs; region 24's units take unit E1's rows. */
const inputsOf = (world: World, region: string) =>
  once(world, `inputs-${region}`, async () => {
    for (const [kind, text] of Object.entries(exampleCsvs())) {
      const body =
        region === "22"
          ? text
          : text
              .split("\r\n")
              .flatMap((line, i) =>
                i === 0
                  ? [line]
                  : line.startsWith(E1)
                    ? [line.replace(E1, UNIT_24), line.replace(E1, UNIT_24B)]
                    : [],
              )
              .join("\r\n");
      await asSystemAdmin(
        world,
        {
          method: "POST",
          url: `/api/reimbursement/imports/${kind}?region=${region}`,
          payload: body,
          contentType: "text/csv",
        },
        200,
      );
    }
    return region;
  });

const runOf = (world: World, region: string) =>
  once(world, `run-${region}`, async () => {
    await modelOf(world, region);
    await inputsOf(world, region);
    const run = await asSystemAdmin(
      world,
      { method: "POST", url: "/api/reimbursement/runs", payload: { region, month: "2026-03" } },
      201,
    );
    // Approved, so a unit manager may read their unit's specification of it.
    await asSystemAdmin(
      world,
      { method: "POST", url: `/api/reimbursement/runs/${run.id}/approve`, payload: {} },
      200,
    );
    return String(run.id);
  });

const transferOf = (world: World, region: string) =>
  once(world, `transfer-${region}`, async () => {
    const id = `matris-${region}`;
    await asSystemAdmin(world, transferCreate(region, id), 201);
    return id;
  });

const importOf = (world: World, region: string, unit: string) =>
  once(world, `import-${region}`, async () => {
    const started = await asSystemAdmin(world, contactImport(region, unit), 202);
    return String(started.importId);
  });

function transferCreate(region: string, id: string): MatrixRequest {
  return {
    method: "POST",
    url: `/api/transfers?region=${region}`,
    payload: { ...TRANSFER, id, units: null },
  };
}

function contactImport(region: string, unit: string): MatrixRequest {
  const csv = example("contacts-v1.csv")
    .split("\n")
    .slice(0, 2)
    .map((line, i) => (i === 0 ? line : line.replace(UNIT_A, unit).replace("tq-1001", fresh("matris"))))
    .join("\n");
  return {
    method: "POST",
    url: `/api/imports/contacts?region=${region}`,
    payload: `${csv}\n`,
    contentType: "text/csv",
  };
}

async function alertAt(world: World, unit: string): Promise<string> {
  const contactId = await newContact(world.t.app, unit);
  const row = await world.t.ctx.db
    .selectFrom("units")
    .select(["id", "region_code"])
    .where("hsa_id", "=", unit)
    .executeTakeFirstOrThrow();
  await world.t.ctx.db.transaction().execute((trx) =>
    insertStaffAlert(trx, {
      regionCode: row.region_code,
      unitId: row.id,
      contactId,
      kind: "at_risk",
      message: "Matris",
      deadline: null,
      suggestedUnitId: null,
      createdAt: new Date("2026-03-02T07:30:00Z"),
    }),
  );
  const alert = await world.t.ctx.db
    .selectFrom("staff_alerts")
    .select("id")
    .where("contact_id", "=", contactId)
    .executeTakeFirstOrThrow();
  return String(alert.id);
}

/** A contact action on a fresh contact of the target's unit. */
const onContact =
  (action: string, payload?: unknown): Build =>
  async (world, target) => ({
    method: "POST",
    url: `/api/contacts/${await newContact(world.t.app, target.unit)}/${action}`,
    payload: payload ?? {},
  });

const get =
  (url: (target: Target) => string): Build =>
  (_world, target) => ({ method: "GET", url: url(target) });

const csv = (lines: string[]) => `${lines.join("\n")}\n`;

/** One builder per "METHOD /path" of the OpenAPI document (path parameters as `{name}`). */
export const REQUESTS: Record<string, Build> = {
  "GET /api/health": get(() => "/api/health"),
  "GET /api/meta": get(() => "/api/meta"),
  "POST /api/system/backup": () => ({ method: "POST", url: "/api/system/backup" }),
  "POST /api/auth/login": () => ({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: "m.staff", password: "correct-horse-battery" },
  }),
  "GET /api/auth/me": get(() => "/api/auth/me"),
  // Signing out with the matrix's own session would end it: a session made for this cell signs out.
  "POST /api/auth/logout": () => ({ method: "POST", url: "/api/auth/logout" }),
  "POST /api/auth/password": () => ({
    method: "POST",
    url: "/api/auth/password",
    payload: { currentPassword: TEST_PASSWORD, newPassword: "aaaaaaaaaaaa" },
  }),
  "GET /api/auth/oidc/login": get(() => "/api/auth/oidc/login"),
  "GET /api/auth/oidc/callback": get(() => "/api/auth/oidc/callback?code=c&state=s"),
  "GET /api/users": get(() => "/api/users"),
  "POST /api/users": (_w, target) => ({
    method: "POST",
    url: "/api/users",
    payload: {
      username: fresh("m.new"),
      displayName: "Ny",
      password: "en-lång-lösenfras-för-matrisen",
      role: "staff",
      regionCode: target.region,
      unitHsaIds: [target.unit],
    },
  }),
  "POST /api/users/{username}/disable": async (world, target) => {
    const username = fresh("m.gone");
    await seedUser(world.t.ctx, {
      username,
      role: "staff",
      regionCode: target.region,
      unitHsaIds: [target.unit],
    });
    return { method: "POST", url: `/api/users/${username}/disable`, payload: {} };
  },
  "GET /api/regions": get(() => "/api/regions"),
  "POST /api/regions/import": (_w, target) => ({
    method: "POST",
    url: "/api/regions/import",
    payload:
      target.region === "22"
        ? exampleRegionFile()
        : { region: { code: "24", name: "Region Västerbotten (test)" }, units: [] },
  }),
  "GET /api/regions/{code}/units": get((t) => `/api/regions/${t.region}/units`),
  "GET /api/units/{hsaId}/staff": get((t) => `/api/units/${t.unit}/staff`),
  "GET /api/audit": get((t) => `/api/audit?regionCode=${t.region}`),
  "GET /api/audit/verify": get(() => "/api/audit/verify"),
  "GET /api/public/units": get((t) => `/api/public/units?region=${t.region}`),
  "POST /api/contacts": (_w, target) => ({
    method: "POST",
    url: "/api/contacts",
    payload: {
      unitHsaId: target.unit,
      identityNumber: "19121212-1212",
      phone: "070-1234567",
      description: "Matris",
      newProblem: false,
      preferredWindow: "any",
    },
  }),
  "GET /api/contacts/status/{token}": async (world, target) => {
    const receipt = await inject(world.t.app, null, {
      method: "POST",
      url: "/api/contacts",
      payload: {
        unitHsaId: target.unit,
        identityNumber: "19121212-1212",
        phone: "070-1234567",
        description: "Matris",
        newProblem: false,
        preferredWindow: "any",
      },
    });
    return { method: "GET", url: `/api/contacts/status/${receipt.json().statusToken}` };
  },
  // Unsigned: a session does not stand in for the phone system's signature.
  "POST /api/telephony/events": (_w, target) => ({
    method: "POST",
    url: "/api/telephony/events",
    payload: { callId: fresh("call"), unitHsaId: target.unit, event: "offered", at: "2026-03-02T07:30:00Z" },
    headers: { "idempotency-key": fresh("key") },
  }),
  "POST /api/telephony/systems": (_w, target) => ({
    method: "POST",
    url: "/api/telephony/systems",
    payload: { id: fresh("matris-tel"), regionCode: target.region, name: "Matrisväxel" },
  }),
  "GET /api/worklist": get((t) => `/api/worklist?unit=${t.unit}`),
  "GET /api/worklist/stream": get((t) => `/api/worklist/stream?unit=${t.unit}`),
  "POST /api/worklist/contacts": (_w, target) => ({
    method: "POST",
    url: "/api/worklist/contacts",
    payload: {
      unitHsaId: target.unit,
      channel: "visit",
      identityNumber: "19121212-1212",
      description: "Matris",
      newProblem: false,
    },
  }),
  "GET /api/worklist/three-day": get((t) => `/api/worklist/three-day?unit=${t.unit}`),
  "GET /api/contacts/intake-abuse": get((t) => `/api/contacts/intake-abuse?region=${t.region}`),
  "GET /api/worklist/overflow": get((t) => `/api/worklist/overflow?region=${t.region}`),
  "POST /api/contacts/{id}/claim": onContact("claim"),
  "POST /api/contacts/{id}/release": onContact("release"),
  "POST /api/contacts/{id}/attempts": onContact("attempts", { reached: false }),
  "POST /api/contacts/{id}/response": onContact("response"),
  "POST /api/contacts/{id}/feedback": onContact("feedback", { outcome: "advice" }),
  "POST /api/contacts/{id}/notes": onContact("notes", { text: "Matris" }),
  "POST /api/contacts/{id}/assessment": onContact("assessment", { profession: "lakare" }),
  "POST /api/contacts/{id}/transfer": async (world, target) => ({
    method: "POST",
    url: `/api/contacts/${await newContact(world.t.app, target.unit)}/transfer`,
    payload: { toUnitHsaId: target.region === "22" ? "SE5560001230-E0003" : UNIT_24B, reason: "Matris" },
  }),
  "GET /api/reimbursement/models": get((t) => `/api/reimbursement/models?region=${t.region}`),
  "POST /api/reimbursement/models": (_w, target) => ({
    method: "POST",
    url: `/api/reimbursement/models?region=${target.region}`,
    payload: { ...EXAMPLE_MODEL, id: fresh("matris-modell") },
  }),
  "GET /api/reimbursement/models/{id}": async (world, t) => ({
    method: "GET",
    url: `/api/reimbursement/models/${await modelOf(world, t.region)}`,
  }),
  "PUT /api/reimbursement/models/{id}": async (world, t) => ({
    method: "PUT",
    url: `/api/reimbursement/models/${await modelOf(world, t.region)}`,
    payload: { ...EXAMPLE_MODEL, id: `${EXAMPLE_MODEL.id}-m${t.region}` },
  }),
  // After the fixture's run of the same month: a second run is a new draft, so every cell can make one.
  "POST /api/reimbursement/runs": async (w, t) => {
    await runOf(w, t.region);
    return {
      method: "POST",
      url: "/api/reimbursement/runs",
      payload: { region: t.region, month: "2026-03" },
    };
  },
  "GET /api/reimbursement/runs": get((t) => `/api/reimbursement/runs?region=${t.region}`),
  "GET /api/reimbursement/runs/{id}": async (w, t) => ({
    method: "GET",
    url: `/api/reimbursement/runs/${await runOf(w, t.region)}`,
  }),
  "GET /api/reimbursement/runs/{id}/verify": async (w, t) => ({
    method: "GET",
    url: `/api/reimbursement/runs/${await runOf(w, t.region)}/verify`,
  }),
  // A draft of April per cell (March's run is approved): the first approval of a region's April is 200,
  // later ones 409 (one approved run per region and month), which is still past the access check.
  "POST /api/reimbursement/runs/{id}/approve": async (w, t) => {
    await runOf(w, t.region);
    const draft = await asSystemAdmin(
      w,
      { method: "POST", url: "/api/reimbursement/runs", payload: { region: t.region, month: "2026-04" } },
      201,
    );
    return { method: "POST", url: `/api/reimbursement/runs/${draft.id}/approve`, payload: {} };
  },
  "GET /api/reimbursement/runs/{id}/units/{hsaId}/specification.pdf": async (w, t) => ({
    method: "GET",
    url: `/api/reimbursement/runs/${await runOf(w, t.region)}/units/${t.unit}/specification.pdf`,
  }),
  "GET /api/reimbursement/runs/{id}/export.xlsx": async (w, t) => ({
    method: "GET",
    url: `/api/reimbursement/runs/${await runOf(w, t.region)}/export.xlsx`,
  }),
  "GET /api/reimbursement/year-summary": get(
    (t) => `/api/reimbursement/year-summary?region=${t.region}&year=2026`,
  ),
  "GET /api/reimbursement/budget": get((t) => `/api/reimbursement/budget?region=${t.region}&year=2026`),
  "POST /api/reimbursement/scenarios": async (w, t) => {
    const id = Number(await modelOf(w, t.region));
    await inputsOf(w, t.region);
    return {
      method: "POST",
      url: "/api/reimbursement/scenarios",
      payload: { region: t.region, month: "2026-03", modelA: id, modelB: id },
    };
  },
  "GET /api/reimbursement/scenarios.csv": async (w, t) => {
    const id = await modelOf(w, t.region);
    return {
      method: "GET",
      url: `/api/reimbursement/scenarios.csv?region=${t.region}&month=2026-03&modelA=${id}&modelB=${id}`,
    };
  },
  "GET /api/reimbursement/unit-reports": get(
    (t) => `/api/reimbursement/unit-reports?unit=${t.unit}&month=2026-03`,
  ),
  "PUT /api/reimbursement/unit-reports": (_w, t) => ({
    method: "PUT",
    url: `/api/reimbursement/unit-reports?unit=${t.unit}&month=2026-05`,
    payload: { multimorbidIdentified: 1, homeVisits: 2 },
  }),
  "POST /api/reimbursement/imports/{kind}": (_w, t) => ({
    method: "POST",
    url: `/api/reimbursement/imports/listing?region=${t.region}`,
    payload: csv(["unit_hsa_id,month,age,sex,count", `${t.unit},2026-03,30,female,10`]),
    contentType: "text/csv",
  }),
  "GET /api/alerts": get((t) => `/api/alerts?region=${t.region}&unit=${t.unit}`),
  "POST /api/alerts/{id}/ack": async (w, t) => ({
    method: "POST",
    url: `/api/alerts/${await alertAt(w, t.unit)}/ack`,
    payload: {},
  }),
  "GET /api/stats/accessibility": get(
    (t) => `/api/stats/accessibility?region=${t.region}&from=2026-01-01&to=2026-03-31&unit=${t.unit}`,
  ),
  "GET /api/stats/heatmap": get(
    (t) => `/api/stats/heatmap?region=${t.region}&from=2026-01-01&to=2026-03-31&unit=${t.unit}`,
  ),
  "GET /api/stats/reference-values": get(() => "/api/stats/reference-values"),
  "PUT /api/stats/reference-values/{year}": () => ({
    method: "PUT",
    url: "/api/stats/reference-values/2026",
    payload: { nationalPhoneRate: 0.875, goal: 1 },
  }),
  "POST /api/imports/contacts": (_w, t) => contactImport(t.region, t.unit),
  "GET /api/imports/{id}": async (w, t) => ({
    method: "GET",
    url: `/api/imports/${await importOf(w, t.region, t.unit)}`,
  }),
  "GET /api/forecast": get((t) => `/api/forecast?region=${t.region}&date=2026-03-03&unit=${t.unit}`),
  "PUT /api/forecast/handle-minutes/{hsaId}": (_w, t) => ({
    method: "PUT",
    url: `/api/forecast/handle-minutes/${t.unit}`,
    payload: { handleMinutes: 7 },
  }),
  "POST /api/staffing/imports": (_w, t) => ({
    method: "POST",
    url: `/api/staffing/imports?region=${t.region}`,
    payload: csv([
      "unit_hsa_id,month,profession,employment,fte,agency_cost_sek",
      `${t.unit},2026-03,specialist_allmanmedicin,employed,3.80,`,
    ]),
    contentType: "text/csv",
  }),
  "GET /api/staffing/stats": get((t) => `/api/staffing/stats?region=${t.region}&from=2026-01&to=2026-03`),
  "GET /api/staffing/what-if": get(
    (t) => `/api/staffing/what-if?region=${t.region}&month=2026-03&unit=${t.unit}&additionalGpFte=1`,
  ),
  "GET /api/staffing/goal": get((t) => `/api/staffing/goal?region=${t.region}`),
  "PUT /api/staffing/goal": (_w, t) => ({
    method: "PUT",
    url: `/api/staffing/goal?region=${t.region}`,
    payload: { goalListedPerGp: 1100 },
  }),
  "GET /api/staffing/form": get((t) => `/api/staffing/form?unit=${t.unit}&month=2026-03`),
  "PUT /api/staffing/form": (_w, t) => ({
    method: "PUT",
    url: "/api/staffing/form",
    payload: {
      unitHsaId: t.unit,
      month: "2026-03",
      rows: [
        { profession: "specialist_allmanmedicin", employment: "employed", fte: "2.00", agencyCostSek: null },
      ],
    },
  }),
  "GET /api/grants": get((t) => `/api/grants?region=${t.region}`),
  "GET /api/grants/effect": get((t) => `/api/grants/effect?region=${t.region}&component=riktad-bemanning`),
  "GET /api/listing/overview": get((t) => `/api/listing/overview?region=${t.region}&from=2026-01&to=2026-03`),
  "GET /api/listing/flows": get((t) => `/api/listing/flows?region=${t.region}&from=2026-01&to=2026-03`),
  "POST /api/listing/changes": (_w, t) => ({
    method: "POST",
    url: `/api/listing/changes?region=${t.region}`,
    payload: csv(["month,from_unit_hsa_id,to_unit_hsa_id,count", `2026-03,,${t.unit},21`]),
    contentType: "text/csv",
  }),
  "GET /api/structure/units": get((t) => `/api/structure/units?region=${t.region}`),
  "POST /api/structure/scenario": (_w, t) => ({
    method: "POST",
    url: "/api/structure/scenario",
    payload: { region: t.region, change: { kind: "close", unitHsaId: t.unit } },
  }),
  "GET /api/transfers": get((t) => `/api/transfers?region=${t.region}`),
  "POST /api/transfers": (_w, t) => transferCreate(t.region, fresh("matris-ny")),
  "PUT /api/transfers/{id}": async (w, t) => ({
    method: "PUT",
    url: `/api/transfers/${await transferOf(w, t.region)}?region=${t.region}`,
    payload: { ...TRANSFER, units: null, id: undefined },
  }),
  "GET /api/transfers/{id}/history": async (w, t) => ({
    method: "GET",
    url: `/api/transfers/${await transferOf(w, t.region)}/history?region=${t.region}`,
  }),
  "POST /api/transfers/import": (_w, t) => ({
    method: "POST",
    url: "/api/transfers/import",
    payload: { region: t.region, transfers: [{ ...TRANSFER, id: fresh("matris-import"), units: null }] },
  }),
  "POST /api/transfers/volumes/import": async (w, t) => ({
    method: "POST",
    url: `/api/transfers/volumes/import?region=${t.region}`,
    payload: csv([
      "transfer_id,unit_hsa_id,month,volume",
      `${await transferOf(w, t.region)},${t.unit},2026-03,5`,
    ]),
    contentType: "text/csv",
  }),
  "PUT /api/transfers/volumes": async (w, t) => ({
    method: "PUT",
    url: "/api/transfers/volumes",
    payload: { transferId: await transferOf(w, t.region), unitHsaId: t.unit, month: "2026-03", volume: 5 },
  }),
  "GET /api/transfers/units": get((t) => `/api/transfers/units?region=${t.region}`),
  "GET /api/transfers/units/{hsaId}": get((t) => `/api/transfers/units/${t.unit}?year=2026`),
  "GET /api/transfers/gap": get((t) => `/api/transfers/gap?region=${t.region}&year=2026`),
  "GET /api/transfers/gap.xlsx": get((t) => `/api/transfers/gap.xlsx?region=${t.region}&year=2026`),
  "GET /api/transfers/gap/years": get((t) => `/api/transfers/gap/years?region=${t.region}`),
  "GET /api/public/accessibility": get((t) => `/api/public/accessibility?region=${t.region}&month=2026-01`),
  "GET /api/public/accessibility/months": get((t) => `/api/public/accessibility/months?region=${t.region}`),
  "GET /api/public/regions": get(() => "/api/public/regions"),
  "GET /api/public/catalog": get(() => "/api/public/catalog"),
  "GET /api/committee/promises": get((t) => `/api/committee/promises?region=${t.region}`),
  "GET /api/committee/dashboard": get((t) => `/api/committee/dashboard?region=${t.region}`),
  "GET /api/committee/kommun-map": get((t) => `/api/committee/kommun-map?region=${t.region}&period=2026Q1`),
  "GET /api/geo/kommuner": get((t) => `/api/geo/kommuner?region=${t.region}`),
  "GET /api/reports/quarterly": get((t) => `/api/reports/quarterly?region=${t.region}&quarter=2026Q1`),
};
