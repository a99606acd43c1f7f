/**
 * The contact simulator (issue 3 "Demo"): synthetic residents contacting the demo region's units through the
 * real intake services (web form, phone-system webhook, staff registration), at N contacts per minute
 * weighted by weekday and hour, with a few units taking a concentrated share so they overflow. Identity
 * numbers are Skatteverket's published test numbers (never assigned to anyone) and phone numbers are in the
 * 070-1740xxx range reserved for fiction, so nothing here can reach a real person.
 *
 * Planning is pure and seeded (demo/prng.ts): the contacts of a given minute depend only on the seed, the
 * region's units and that minute, so a run is reproducible and a live day and a replay agree.
 */
import { readFileSync } from "node:fs";
import { Temporal } from "temporal-polyfill";
import type { UnitType } from "../src/db/schema.ts";
import { AppError } from "../src/errors.ts";
import type { Actor } from "../src/lib/actor.ts";
import type { ServiceContext } from "../src/lib/context.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { acceptWebContact, registerStaffContact } from "../src/modules/contacts/intake.service.ts";
import { handleTelephonyEvent, signTelephonyRequest } from "../src/modules/contacts/telephony.service.ts";
import { findTelephonySystemById } from "../src/modules/contacts/telephony-systems.repository.ts";
import { registerTelephonySystem } from "../src/modules/contacts/telephony-systems.service.ts";
import { createRng, type Rng } from "./prng.ts";

const STOCKHOLM = "Europe/Stockholm";
export const SIMULATOR_SEED = "vardnav-simulator";

const identityData = JSON.parse(
  readFileSync(new URL("./data/test-identity-numbers.json", import.meta.url), "utf8"),
) as { personnummer: string[]; samordningsnummer: string[] };

/** Contacts per hour of the day relative to the day's average (mornings peak, as in primary care). */
const HOUR_WEIGHT: readonly number[] = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.1, 0.4, 1.6, 2.6, 2.2, 1.8, 1.5, 1.0, 1.4, 1.3, 1.1, 0.9, 0.6, 0.4, 0.35,
  0.3, 0.25, 0.15, 0.08,
];
/** Monday is the heaviest day, the weekend light (ISO weekday 1–7). */
const WEEKDAY_WEIGHT: readonly number[] = [1.35, 1.1, 1.0, 1.0, 0.9, 0.25, 0.3];
/** How much more load a "hot" unit draws than an ordinary one. */
const HOT_UNIT_FACTOR = 10;

const DESCRIPTIONS: readonly string[] = [
  "Hosta och feber sedan fyra dagar.",
  "Behöver förnya mitt blodtrycksrecept.",
  "Ont i halsen, svårt att svälja.",
  "Utslag på armarna som kliar.",
  "Ryggont efter lyft på jobbet.",
  "Yrsel när jag reser mig upp.",
  "Frågor om provsvar från förra veckan.",
  "Barnet har öronvärk sedan i natt.",
  "Sveda när jag kissar.",
  "Vill boka uppföljning av diabetes.",
  "Huvudvärk som inte går över med värktabletter.",
  "Sår på foten som inte läker.",
  "Sover dåligt och känner mig nedstämd.",
  "Magont och diarré sedan två dagar.",
  "Behöver sjukintyg för förra veckan.",
  "Svullen ankel efter en stukning.",
];

export interface SimUnit {
  hsaId: string;
  type: UnitType;
}

export type PlannedSource = "web" | "telephony" | "staff";
export type PlannedPhoneEvent = "answered" | "callback_booked" | "abandoned" | "refused";

export interface PlannedContact {
  /** When the contact arrives (whole milliseconds). */
  at: Temporal.Instant;
  unitHsaId: string;
  source: PlannedSource;
  /** Telephony: the phone system's event for the call. */
  phoneEvent: PlannedPhoneEvent | null;
  /** Staff: a walk-in or a letter. */
  staffChannel: "visit" | "letter" | null;
  /** Unique per planned contact: the call id and the idempotency key. */
  key: string;
  identityNumber: string;
  phone: string;
  description: string;
  newProblem: boolean;
  preferredWindow: "morning" | "afternoon" | "any";
}

/** The load weight of the minute starting at `at` (weekday × hour, Stockholm time). */
export function loadWeight(at: Temporal.Instant): number {
  const local = at.toZonedDateTimeISO(STOCKHOLM);
  return (HOUR_WEIGHT[local.hour] ?? 0) * (WEEKDAY_WEIGHT[local.dayOfWeek - 1] ?? 0);
}

/** Units residents contact (not the backup team), in a stable order. */
export function residentUnits(units: readonly SimUnit[]): SimUnit[] {
  return units.filter((u) => u.type !== "backup").sort((a, b) => a.hsaId.localeCompare(b.hsaId));
}

/** The units that get a concentrated share of the load (about one in eight, at least one), by seed. */
export function hotUnitsOf(units: readonly SimUnit[], seed: string): string[] {
  const candidates = residentUnits(units);
  const count = Math.max(1, Math.round(candidates.length / 8));
  return createRng(seed)
    .fork("hot-units")
    .shuffle(candidates)
    .slice(0, count)
    .map((u) => u.hsaId)
    .sort();
}

/** A phone number in 070-1740000…070-1740999, the range Swedish authorities reserve for fiction. */
export function fictionalPhone(rng: Rng): string {
  return `070-1740${String(rng.int(0, 999)).padStart(3, "0")}`;
}

export function testIdentityNumber(rng: Rng): string {
  return rng.chance(0.1) ? rng.pick(identityData.samordningsnummer) : rng.pick(identityData.personnummer);
}

function planMinute(
  seed: string,
  minuteStart: Temporal.Instant,
  units: readonly SimUnit[],
  hot: ReadonlySet<string>,
  ratePerMinute: number,
): PlannedContact[] {
  const minute = Math.floor(minuteStart.epochMilliseconds / 60_000);
  const rng = createRng(seed).fork(`minute:${minute}`);
  const expected = ratePerMinute * loadWeight(minuteStart);
  const whole = Math.floor(expected);
  const count = whole + (rng.chance(expected - whole) ? 1 : 0);
  const weighted = units.map((u) => [u.hsaId, hot.has(u.hsaId) ? HOT_UNIT_FACTOR : 1] as const);
  const planned: PlannedContact[] = [];
  for (let i = 0; i < count; i++) {
    const at = Temporal.Instant.fromEpochMilliseconds(minute * 60_000 + rng.int(0, 59_999));
    const source = rng.weighted<PlannedSource>([
      ["web", 55],
      ["telephony", 37],
      ["staff", 8],
    ]);
    planned.push({
      at,
      unitHsaId: rng.weighted(weighted),
      source,
      phoneEvent:
        source === "telephony"
          ? rng.weighted<PlannedPhoneEvent>([
              ["callback_booked", 50],
              ["answered", 30],
              ["abandoned", 13],
              ["refused", 7],
            ])
          : null,
      staffChannel: source === "staff" ? (rng.chance(0.7) ? "visit" : "letter") : null,
      key: `sim-${minute}-${i}`,
      identityNumber: testIdentityNumber(rng),
      phone: fictionalPhone(rng),
      description: rng.pick(DESCRIPTIONS),
      newProblem: rng.chance(0.4),
      preferredWindow: rng.weighted<PlannedContact["preferredWindow"]>([
        ["any", 60],
        ["morning", 25],
        ["afternoon", 15],
      ]),
    });
  }
  return planned.sort((a, b) => Temporal.Instant.compare(a.at, b.at));
}

export interface PlanOptions {
  seed: string;
  units: readonly SimUnit[];
  /** Inclusive start, exclusive end; arrivals are planned per whole minute and clipped to the window. */
  from: Temporal.Instant;
  to: Temporal.Instant;
  /** Contacts per minute at an average weekday hour (weight 1). */
  ratePerMinute: number;
  /** Defaults to hotUnitsOf(units, seed). */
  hotUnits?: readonly string[];
}

/** Every contact arriving in [from, to), in time order; the same options always give the same list. */
export function planArrivals(options: PlanOptions): PlannedContact[] {
  const units = residentUnits(options.units);
  if (units.length === 0 || options.ratePerMinute <= 0) return [];
  const hot = new Set(options.hotUnits ?? hotUnitsOf(options.units, options.seed));
  const planned: PlannedContact[] = [];
  const first = Math.floor(options.from.epochMilliseconds / 60_000);
  const last = Math.ceil(options.to.epochMilliseconds / 60_000);
  for (let minute = first; minute < last; minute++) {
    for (const contact of planMinute(
      options.seed,
      Temporal.Instant.fromEpochMilliseconds(minute * 60_000),
      units,
      hot,
      options.ratePerMinute,
    )) {
      if (
        Temporal.Instant.compare(contact.at, options.from) >= 0 &&
        Temporal.Instant.compare(contact.at, options.to) < 0
      ) {
        planned.push(contact);
      }
    }
  }
  return planned;
}

// ---------------------------------------------------------------------------------------------------
// Submitting planned contacts through the real intake services

export interface SimulatorEnvironment {
  regionCode: string;
  units: SimUnit[];
  telephony: { systemId: string; secret: string };
  /** A staff account per unit (or the region admin) to register walk-ins as; null when the region has none. */
  staffActorFor(unitHsaId: string): Actor | null;
}

export interface SubmitResult {
  contactId: string | null;
  overflowed: boolean;
  /** The intake actually used: a walk-in at a unit without staff accounts comes in through the web form. */
  source: PlannedSource;
}

function telephonySystemId(regionCode: string): string {
  return `demo-simulator-${regionCode}`;
}

/** Loads the region's units and accounts, and registers the simulator's phone system once. */
export async function prepareSimulator(
  ctx: ServiceContext,
  regionCode: string,
): Promise<SimulatorEnvironment> {
  const region = await ctx.db
    .selectFrom("regions")
    .select(["code", "is_demo"])
    .where("code", "=", regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError("not_found", `No region ${regionCode}.`, { regionCode });
  if (!region.is_demo) {
    // Synthetic contacts in a real region would corrupt its statistics and worklists.
    throw new AppError(
      "forbidden",
      `Region ${regionCode} is not a demo region; the simulator only runs in demo regions.`,
      { regionCode },
    );
  }
  const units = (
    await ctx.db
      .selectFrom("units")
      .select(["id", "hsa_id", "type"])
      .where("region_code", "=", regionCode)
      .execute()
  ).map((u) => ({ id: u.id, hsaId: u.hsa_id, type: u.type }));
  const systemId = telephonySystemId(regionCode);
  const existing = await findTelephonySystemById(ctx.db, ctx.keyring, systemId);
  const secret =
    existing?.secret ??
    (
      await registerTelephonySystem(
        ctx,
        systemActor("demo-simulator"),
        { id: systemId, regionCode, name: "Demo: simulerad telefoni (ingen riktig växel)" },
        "demo simulate",
      )
    ).secret;

  const users = await ctx.db
    .selectFrom("users")
    .leftJoin("user_units", "user_units.user_id", "users.id")
    .leftJoin("units", "units.id", "user_units.unit_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.role",
      "units.id as unit_id",
      "units.hsa_id",
    ])
    .where("users.region_code", "=", regionCode)
    .where("users.disabled_at", "is", null)
    .where("users.role", "in", ["staff", "region_admin"])
    .orderBy("users.id")
    .execute();
  const actors = new Map<number, Actor>();
  for (const row of users) {
    const actor = actors.get(row.id) ?? {
      kind: "user" as const,
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionCode,
      unitIds: [],
      unitHsaIds: [],
    };
    if (row.unit_id !== null && row.hsa_id !== null) {
      actor.unitIds.push(row.unit_id);
      actor.unitHsaIds.push(row.hsa_id);
    }
    actors.set(row.id, actor);
  }
  const admin = [...actors.values()].find((a) => a.role === "region_admin") ?? null;
  const staffByUnit = new Map<string, Actor>();
  for (const actor of actors.values()) {
    if (actor.role !== "staff") continue;
    for (const hsaId of actor.unitHsaIds) if (!staffByUnit.has(hsaId)) staffByUnit.set(hsaId, actor);
  }
  return {
    regionCode,
    units,
    telephony: { systemId, secret },
    staffActorFor: (hsaId) => staffByUnit.get(hsaId) ?? admin,
  };
}

/** Sends one planned contact through the intake service its source uses; ctx.clock is the arrival time. */
export async function submitPlannedContact(
  ctx: ServiceContext,
  env: SimulatorEnvironment,
  planned: PlannedContact,
): Promise<SubmitResult> {
  if (planned.source === "telephony" && planned.phoneEvent) {
    const body = JSON.stringify({
      callId: planned.key,
      unitHsaId: planned.unitHsaId,
      event: planned.phoneEvent,
      at: ctx.clock.now().toString(),
    });
    const idempotencyKey = `${planned.key}:${planned.phoneEvent}`;
    const timestamp = String(Math.floor(ctx.clock.now().epochMilliseconds / 1000));
    const result = await handleTelephonyEvent(
      ctx,
      {
        systemId: env.telephony.systemId,
        timestamp,
        idempotencyKey,
        signature: signTelephonyRequest(env.telephony.secret, timestamp, idempotencyKey, body),
      },
      body,
    );
    const row = await ctx.db
      .selectFrom("contacts")
      .select("overflowed")
      .where("id", "=", result.body.contactId)
      .executeTakeFirst();
    return { contactId: result.body.contactId, overflowed: row?.overflowed ?? false, source: "telephony" };
  }
  if (planned.source === "staff" && planned.staffChannel) {
    const actor = env.staffActorFor(planned.unitHsaId);
    if (actor) {
      const contact = await registerStaffContact(
        ctx,
        actor,
        {
          unitHsaId: planned.unitHsaId,
          channel: planned.staffChannel,
          identityNumber: planned.identityNumber,
          phone: planned.phone,
          description: planned.description,
          newProblem: planned.newProblem,
        },
        "demo simulate",
      );
      return { contactId: contact.id, overflowed: contact.overflowed, source: "staff" };
    }
  }
  const receipt = await acceptWebContact(ctx, {
    unitHsaId: planned.unitHsaId,
    identityNumber: planned.identityNumber,
    phone: planned.phone,
    description: planned.description,
    newProblem: planned.newProblem,
    preferredWindow: planned.preferredWindow,
  });
  return { contactId: receipt.contactId, overflowed: receipt.overflowed, source: "web" };
}

export interface SimulationSummary {
  region: string;
  ratePerMinute: number;
  submitted: number;
  bySource: Record<PlannedSource, number>;
  overflowed: number;
  failed: number;
}

export interface SimulationOptions {
  regionCode: string;
  ratePerMinute: number;
  /** Stop after this many seconds; run until aborted when absent. */
  durationSeconds?: number | undefined;
  seed?: string;
  signal?: AbortSignal;
  onContact?: (planned: PlannedContact, result: SubmitResult) => void;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs the simulator in real time from now: plans each coming minute and submits its contacts when they are
 * due (with the service context's clock). A failed submission is logged and counted, never fatal.
 */
export async function runSimulation(
  ctx: ServiceContext,
  options: SimulationOptions,
): Promise<SimulationSummary> {
  const env = await prepareSimulator(ctx, options.regionCode);
  const seed = options.seed ?? `${SIMULATOR_SEED}:${options.regionCode}`;
  const summary: SimulationSummary = {
    region: options.regionCode,
    ratePerMinute: options.ratePerMinute,
    submitted: 0,
    bySource: { web: 0, telephony: 0, staff: 0 },
    overflowed: 0,
    failed: 0,
  };
  const startMs = ctx.clock.now().epochMilliseconds;
  const endMs =
    options.durationSeconds === undefined
      ? Number.POSITIVE_INFINITY
      : startMs + options.durationSeconds * 1000;
  let windowStart = startMs;
  while (!options.signal?.aborted && windowStart < endMs) {
    const windowEnd = Math.min(endMs, (Math.floor(windowStart / 60_000) + 1) * 60_000);
    const planned = planArrivals({
      seed,
      units: env.units,
      from: Temporal.Instant.fromEpochMilliseconds(windowStart),
      to: Temporal.Instant.fromEpochMilliseconds(windowEnd),
      ratePerMinute: options.ratePerMinute,
    });
    for (const contact of planned) {
      await sleep(contact.at.epochMilliseconds - ctx.clock.now().epochMilliseconds, options.signal);
      if (options.signal?.aborted) break;
      try {
        const result = await submitPlannedContact(ctx, env, contact);
        summary.submitted += 1;
        summary.bySource[result.source] += 1;
        if (result.overflowed) summary.overflowed += 1;
        options.onContact?.(contact, result);
      } catch (error) {
        summary.failed += 1;
        ctx.logger.warn(
          { err: error, unit: contact.unitHsaId, source: contact.source },
          "simulated contact failed",
        );
      }
    }
    await sleep(windowEnd - ctx.clock.now().epochMilliseconds, options.signal);
    windowStart = windowEnd;
  }
  return summary;
}
