/**
 * The demo regions: Region Västernorrland (22) and Region Västerbotten (24) as region files in the exact
 * shape of FORMATS.md ("Region file (JSON)"), with their listing and staffing. Pure and deterministic: the
 * same seed gives the same data on every machine (see prng.ts). Everything here is synthetic: the kommuner
 * and place names are real geography, the units, providers, organisationsnummer, HSA-ids, hours and
 * figures are made up, and the UI labels them as demo data.
 *
 * What the seed decides: which units are private and whose, hours, closed dates, map jitter, listing
 * shares and staffing. What it does not: the set of units, their names, types, kommuner and HSA-ids, so
 * other demo parts (grants to Kramfors and Sollefteå, accounts) can name units by HSA-id or name.
 */
import { type Kommun, kommunByCode, regionName } from "../src/data/reference.ts";
import { createRng, type Rng } from "./prng.ts";

export const DEMO_SEED = 2026;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** ["HH:MM", "HH:MM"], start inclusive, end exclusive. */
export type TimeWindow = [start: string, end: string];
export type WeeklyHours = Record<Weekday, TimeWindow[]>;
export type UnitType = "halsocentral" | "sjukstuga" | "filial" | "backup";
export type Ownership = "regional" | "private";

export interface RegionFileUnit {
  hsaId: string;
  name: string;
  type: UnitType;
  ownership: Ownership;
  provider: { name: string; orgNr: string };
  /** Four-digit kommunkod. */
  kommun: string;
  location: { lat: number; lon: number };
  phoneHours: WeeklyHours;
  openingHours: WeeklyHours;
  closedDates: string[];
  openDates: string[];
  callbackCapacity: { slotMinutes: number; callsPerSlot: number };
}

/** A region file exactly as FORMATS.md describes it (every weekday key present). */
export interface RegionFile {
  region: { code: string; name: string };
  units: RegionFileUnit[];
}

// ---------------------------------------------------------------------------------------------------
// The unit plan: which units exist where. Counts follow population (about one unit per 7 000–10 000
// residents, at least one per kommun); the sparse inland kommuner of Västerbotten have sjukstugor, the
// towns have several hälsocentraler named after their districts.

interface PlannedUnit {
  place: string;
  type: Exclude<UnitType, "backup">;
}

interface RegionPlan {
  code: "22" | "24";
  /** The 10 digits after "SE" in the region's HSA-ids. */
  hsaPrefix: string;
  /** The first nine digits of the region's (synthetic) organisationsnummer; the check digit is computed. */
  orgNrBase: string;
  backupKommun: string;
  kommuner: Record<string, PlannedUnit[]>;
}

const hc = (place: string): PlannedUnit => ({ place, type: "halsocentral" });
const sjukstuga = (place: string): PlannedUnit => ({ place, type: "sjukstuga" });
const filial = (place: string): PlannedUnit => ({ place, type: "filial" });

const PLANS: readonly RegionPlan[] = [
  {
    code: "22",
    hsaPrefix: "2321000222",
    orgNrBase: "232100922",
    backupKommun: "2281",
    kommuner: {
      "2260": [hc("Ånge"), filial("Fränsta")],
      "2262": [hc("Timrå"), hc("Sörberge")],
      "2280": [hc("Härnösand"), hc("Brunnsviken"), hc("Älandsbro")],
      "2281": [
        hc("Sundsvall Centrum"),
        hc("Skönsberg"),
        hc("Nacksta"),
        hc("Haga"),
        hc("Granloholm"),
        hc("Bredsand"),
        hc("Kvissleby"),
        hc("Matfors"),
        hc("Alnö"),
        hc("Sundsbruk"),
        hc("Birsta"),
        hc("Skönsmon"),
        hc("Sidsjön"),
        filial("Stöde"),
      ],
      "2282": [hc("Kramfors"), hc("Bollstabruk"), filial("Docksta")],
      "2283": [hc("Sollefteå"), sjukstuga("Ramsele"), filial("Junsele")],
      "2284": [
        hc("Örnsköldsvik Centrum"),
        hc("Gullänget"),
        hc("Domsjö"),
        hc("Själevad"),
        hc("Järved"),
        hc("Husum"),
        hc("Bjästa"),
        hc("Bredbyn"),
      ],
    },
  },
  {
    code: "24",
    hsaPrefix: "2321000224",
    orgNrBase: "232100924",
    backupKommun: "2480",
    kommuner: {
      "2401": [hc("Nordmaling")],
      "2403": [hc("Bjurholm")],
      "2404": [hc("Vindeln")],
      "2409": [hc("Robertsfors")],
      "2417": [hc("Norsjö")],
      "2418": [sjukstuga("Malå")],
      "2421": [sjukstuga("Storuman"), filial("Tärnaby")],
      "2422": [sjukstuga("Sorsele")],
      "2425": [sjukstuga("Dorotea")],
      "2460": [hc("Vännäs")],
      "2462": [sjukstuga("Vilhelmina")],
      "2463": [sjukstuga("Åsele")],
      "2480": [
        hc("Umeå Centrum"),
        hc("Ålidhem"),
        hc("Mariehem"),
        hc("Tomtebo"),
        hc("Haga"),
        hc("Ersboda"),
        hc("Teg"),
        hc("Västerslätt"),
        hc("Berghem"),
        hc("Holmsund"),
        filial("Obbola"),
        hc("Sävar"),
        hc("Hörnefors"),
      ],
      "2481": [hc("Lycksele"), hc("Forsdala")],
      "2482": [
        hc("Skellefteå Centrum"),
        hc("Norrböle"),
        hc("Anderstorp"),
        hc("Ursviken"),
        hc("Skelleftehamn"),
        hc("Kåge"),
        hc("Byske"),
        hc("Burträsk"),
        filial("Boliden"),
      ],
    },
  },
];

export const BACKUP_UNIT_NAME = "Regionalt backup-team";

/** A unit that opens during the demo period: listed nobody before `firstMonth`, then draws listing. */
export interface DemoUnitOpening {
  regionCode: "22" | "24";
  hsaId: string;
  name: string;
  kommun: string;
  provider: string;
  /** The first month it lists residents (YYYY-MM). */
  firstMonth: string;
}

/**
 * The new private hälsocentral of the demo: it opens in Härnösand in September 2025 and draws listing from
 * the town's other units (demo/listing.ts). Its HSA-id follows the kommun's numbering (the fourth unit of
 * 2280), and it is added after the plan's units so that no other unit's seeded figures change.
 */
export const DEMO_UNIT_OPENINGS: readonly DemoUnitOpening[] = [
  {
    regionCode: "22",
    hsaId: "SE2321000222-D8004",
    name: "Saltvik hälsocentral",
    kommun: "2280",
    provider: "Hälsokällan Saltvik AB (demo)",
    firstMonth: "2025-09",
  },
];

export function isOpeningUnit(hsaId: string): boolean {
  return DEMO_UNIT_OPENINGS.some((o) => o.hsaId === hsaId);
}

/** Private providers, synthetic and marked as demo; the chain runs units in both regions. */
const PRIVATE_PROVIDERS: Record<RegionPlan["code"], readonly string[]> = {
  "22": ["Norrhälsan AB (demo)", "Medelpads Husläkare AB (demo)", "Kustläkarna Mitt AB (demo)"],
  "24": ["Norrlandsläkarna AB (demo)", "Umeälvens Familjeläkare AB (demo)", "Kustbygdens Hälsa AB (demo)"],
};
const CHAIN_PROVIDER = "Nordisk Primärvård AB (demo)";

/** Share of the region's care units (the backup team not counted) that private providers run. */
const PRIVATE_SHARE = 0.25;
/** Private units are only placed in kommuner at least this large: a market for a second provider. */
const PRIVATE_MIN_POPULATION = 15_000;

/** Training days (planeringsdagar): ordinary Wednesdays, none a holiday. */
const TRAINING_DAYS = [
  "2025-04-09",
  "2025-05-14",
  "2025-09-17",
  "2025-10-15",
  "2025-11-12",
  "2026-01-21",
  "2026-02-11",
  "2026-03-11",
  "2026-04-15",
  "2026-05-13",
  "2026-09-16",
  "2026-10-14",
] as const;

/** One unit per region is open on a holiday eve the calendar otherwise closes. */
const HOLIDAY_EVE_OPENINGS: Record<RegionPlan["code"], { place: string; date: string }> = {
  "22": { place: "Sundsvall Centrum", date: "2025-12-31" },
  "24": { place: "Umeå Centrum", date: "2025-12-31" },
};

// ---------------------------------------------------------------------------------------------------
// Identity numbers

/** The Luhn check digit of a digit string (the mod-10 rule of personnummer and organisationsnummer). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** "NNNNNN-NNNN" from nine digits and their check digit. */
function orgNrFrom(nineDigits: string): string {
  const ten = `${nineDigits}${luhnCheckDigit(nineDigits)}`;
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

/**
 * A synthetic aktiebolag number in the 5599xx series, far beyond the numbers Bolagsverket has handed
 * out so far, so it is unlikely to belong to a real company. Derived from the name alone, so a provider
 * has the same number in both regions and under every seed.
 */
function privateOrgNr(providerName: string): string {
  const rng = createRng(`orgnr:${providerName}`);
  return orgNrFrom(`5599${rng.int(80000, 99999)}`);
}

function regionProvider(plan: RegionPlan): { name: string; orgNr: string } {
  return { name: `${regionName(plan.code) ?? plan.code} (demo)`, orgNr: orgNrFrom(plan.orgNrBase) };
}

/**
 * "SE" + the region prefix + "-D" + the kommunkod's last two digits + the unit's place in its kommun:
 * stable when units are added to other kommuner. The backup team is "-B0001".
 */
function hsaIdOf(plan: RegionPlan, kommun: string, index: number): string {
  return `SE${plan.hsaPrefix}-D${kommun.slice(2)}${String(index + 1).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------
// Hours

const MON_FRI = ["mon", "tue", "wed", "thu", "fri"] as const;

function weekly(days: Partial<Record<Weekday, TimeWindow[]>>): WeeklyHours {
  return {
    mon: days.mon ?? [],
    tue: days.tue ?? [],
    wed: days.wed ?? [],
    thu: days.thu ?? [],
    fri: days.fri ?? [],
    sat: days.sat ?? [],
    sun: days.sun ?? [],
  };
}

/** The same windows on each of `days` (fresh arrays, so no two days share one). */
function on(
  days: readonly Weekday[],
  windows: readonly TimeWindow[],
): Partial<Record<Weekday, TimeWindow[]>> {
  return Object.fromEntries(days.map((d) => [d, windows.map(([s, e]) => [s, e] as TimeWindow)]));
}

interface Hours {
  phone: WeeklyHours;
  opening: WeeklyHours;
}

function halsocentralHours(rng: Rng): Hours {
  const early = rng.chance(0.3);
  const open: TimeWindow = early ? ["07:30", "16:30"] : ["08:00", "17:00"];
  const style = rng.weighted<"split" | "shortFriday" | "telephoneTime">([
    ["split", 6],
    ["shortFriday", 2],
    ["telephoneTime", 2],
  ]);
  const split: TimeWindow[] = early
    ? [
        ["07:30", "12:00"],
        ["13:00", "16:00"],
      ]
    : [
        ["08:00", "12:00"],
        ["13:00", "16:00"],
      ];
  switch (style) {
    case "split":
      return { phone: weekly(on(MON_FRI, split)), opening: weekly(on(MON_FRI, [open])) };
    case "shortFriday":
      return {
        phone: weekly({ ...on(["mon", "tue", "wed", "thu"], split), fri: [["08:00", "12:00"]] }),
        opening: weekly({ ...on(["mon", "tue", "wed", "thu"], [open]), fri: [[open[0], "15:00"]] }),
      };
    case "telephoneTime":
      // A single telephone hour block in the morning, the old "telefontid" model.
      return { phone: weekly(on(MON_FRI, [["08:00", "10:00"]])), opening: weekly(on(MON_FRI, [open])) };
  }
}

function sjukstugaHours(rng: Rng): Hours {
  const saturday = rng.chance(0.5);
  return {
    phone: weekly({
      ...on(MON_FRI, [
        ["08:00", "12:00"],
        ["13:00", "15:30"],
      ]),
      ...(saturday ? { sat: [["09:00", "11:00"] as TimeWindow] } : {}),
    }),
    opening: weekly({
      ...on(MON_FRI, [["08:00", "16:30"]]),
      ...(saturday ? { sat: [["09:00", "12:00"] as TimeWindow] } : {}),
    }),
  };
}

/** A branch open two or three weekdays, with a short telephone time on those days. */
function filialHours(rng: Rng): Hours {
  const days = rng.pick<readonly Weekday[]>([
    ["mon", "wed", "thu"],
    ["tue", "thu"],
    ["mon", "tue", "thu"],
    ["mon", "thu"],
  ]);
  return {
    phone: weekly(on(days, [["08:30", "10:00"]])),
    opening: weekly(on(days, [["08:30", "15:00"]])),
  };
}

function backupHours(): Hours {
  return {
    phone: weekly(on(MON_FRI, [["08:00", "17:00"]])),
    opening: weekly(on(MON_FRI, [["08:00", "17:00"]])),
  };
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Phone minutes on the unit's longest weekday. */
function longestPhoneDay(hours: WeeklyHours): number {
  return Math.max(
    ...WEEKDAYS.map((d) => hours[d].reduce((sum, [s, e]) => sum + minutesOf(e) - minutesOf(s), 0)),
  );
}

// ---------------------------------------------------------------------------------------------------
// Locations

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * The kommun's label point with a small jitter (sd about 1 km), so units of one kommun do not sit on
 * top of each other on the map while staying well inside the kommun's outline. Rounded to 4 decimals
 * (about 10 m): plenty for a region map.
 */
function locationIn(kommun: Kommun, rng: Rng): { lat: number; lon: number } {
  const dLat = Math.max(-0.025, Math.min(0.025, rng.normal(0, 0.009)));
  const dLon = Math.max(-0.05, Math.min(0.05, rng.normal(0, 0.018)));
  return { lat: round(kommun.labelPoint.lat + dLat, 4), lon: round(kommun.labelPoint.lon + dLon, 4) };
}

// ---------------------------------------------------------------------------------------------------
// Generation

/** Code order without locale rules, so the order is the same on every machine. */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kommunOrThrow(code: string): Kommun {
  const kommun = kommunByCode(code);
  if (!kommun) throw new Error(`demo plan names unknown kommun ${code}`);
  return kommun;
}

function unitName(unit: PlannedUnit): string {
  switch (unit.type) {
    case "halsocentral":
      return `${unit.place} hälsocentral`;
    case "sjukstuga":
      return `${unit.place} sjukstuga`;
    case "filial":
      return `${unit.place} filial`;
  }
}

/**
 * The unit in the kommun's main town (its name begins with the kommun's name): never handed to a
 * private provider, and it carries the largest share of the kommun's listing.
 */
export function isMainUnit(unit: Pick<RegionFileUnit, "name" | "kommun" | "type">): boolean {
  const kommun = kommunByCode(unit.kommun);
  return unit.type !== "backup" && kommun !== undefined && unit.name.startsWith(`${kommun.name} `);
}

function generateRegion(plan: RegionPlan, seed: number): RegionFile {
  const rng = createRng(seed).fork(`region:${plan.code}`);
  const region = regionProvider(plan);
  const units: RegionFileUnit[] = [];
  for (const [code, planned] of Object.entries(plan.kommuner).sort(([a], [b]) => byCode(a, b))) {
    const kommun = kommunOrThrow(code);
    if (kommun.regionCode !== plan.code) {
      throw new Error(`demo plan puts kommun ${code} in region ${plan.code}`);
    }
    planned.forEach((p, index) => {
      const hsaId = hsaIdOf(plan, code, index);
      const unitRng = rng.fork(hsaId);
      const hours =
        p.type === "halsocentral"
          ? halsocentralHours(unitRng.fork("hours"))
          : p.type === "sjukstuga"
            ? sjukstugaHours(unitRng.fork("hours"))
            : filialHours(unitRng.fork("hours"));
      units.push({
        hsaId,
        name: unitName(p),
        type: p.type,
        ownership: "regional",
        provider: { ...region },
        kommun: code,
        location: locationIn(kommun, unitRng.fork("location")),
        phoneHours: hours.phone,
        openingHours: hours.opening,
        closedDates: [],
        openDates: [],
        callbackCapacity: { slotMinutes: 15, callsPerSlot: 1 },
      });
    });
  }

  const backupKommun = kommunOrThrow(plan.backupKommun);
  const backupHsaId = `SE${plan.hsaPrefix}-B0001`;
  const backup = backupHours();
  units.push({
    hsaId: backupHsaId,
    name: BACKUP_UNIT_NAME,
    type: "backup",
    ownership: "regional",
    provider: { ...region },
    kommun: backupKommun.code,
    location: locationIn(backupKommun, rng.fork(backupHsaId).fork("location")),
    phoneHours: backup.phone,
    openingHours: backup.opening,
    closedDates: [],
    openDates: [],
    callbackCapacity: { slotMinutes: 15, callsPerSlot: 1 },
  });

  assignPrivateProviders(plan, units, rng.fork("ownership"));
  assignCalendarExceptions(plan, units, rng.fork("calendar"));
  for (const opening of DEMO_UNIT_OPENINGS.filter((o) => o.regionCode === plan.code)) {
    const unitRng = rng.fork(opening.hsaId);
    const hours = halsocentralHours(unitRng.fork("hours"));
    units.push({
      hsaId: opening.hsaId,
      name: opening.name,
      type: "halsocentral",
      ownership: "private",
      provider: { name: opening.provider, orgNr: privateOrgNr(opening.provider) },
      kommun: opening.kommun,
      location: locationIn(kommunOrThrow(opening.kommun), unitRng.fork("location")),
      phoneHours: hours.phone,
      openingHours: hours.opening,
      closedDates: [],
      openDates: [],
      callbackCapacity: { slotMinutes: 15, callsPerSlot: 1 },
    });
  }

  const file: RegionFile = { region: { code: plan.code, name: `${regionName(plan.code)} (demo)` }, units };
  // The same numbers generateDemoListing(files, seed) gives: it draws per kommun, not per call.
  const listing = new Map(generateDemoListing([file], seed).map((l) => [l.hsaId, l.listed]));
  for (const unit of units) unit.callbackCapacity = callbackCapacityFor(unit, listing.get(unit.hsaId) ?? 0);
  return file;
}

function assignPrivateProviders(plan: RegionPlan, units: RegionFileUnit[], rng: Rng): void {
  const careUnits = units.filter((u) => u.type !== "backup");
  const eligible = careUnits.filter(
    (u) =>
      u.type === "halsocentral" &&
      !isMainUnit(u) &&
      (kommunByCode(u.kommun)?.population ?? 0) >= PRIVATE_MIN_POPULATION,
  );
  const count = Math.min(eligible.length, Math.round(careUnits.length * PRIVATE_SHARE));
  const providers = [...PRIVATE_PROVIDERS[plan.code], CHAIN_PROVIDER];
  const chosen = rng.shuffle(eligible).slice(0, count);
  // Every provider gets at least one unit, the rest are spread at random.
  const order = [
    ...providers,
    ...Array.from({ length: Math.max(0, count - providers.length) }, () => rng.pick(providers)),
  ];
  chosen.forEach((unit, i) => {
    const name = order[i] as string;
    unit.ownership = "private";
    unit.provider = { name, orgNr: privateOrgNr(name) };
  });
}

function assignCalendarExceptions(plan: RegionPlan, units: RegionFileUnit[], rng: Rng): void {
  // A few units close for a training day or two.
  const careUnits = units.filter((u) => u.type !== "backup");
  for (const unit of rng.shuffle(careUnits).slice(0, 5)) {
    const days = rng.shuffle(TRAINING_DAYS).slice(0, rng.int(1, 2));
    unit.closedDates = days.sort();
  }
  const eve = HOLIDAY_EVE_OPENINGS[plan.code];
  const opener = units.find((u) => u.name === unitName(hc(eve.place)));
  if (!opener) throw new Error(`demo plan: no unit ${eve.place} to open on ${eve.date}`);
  opener.openDates = [eve.date];
}

/**
 * About one call per 15-minute slot per 2 500 listed. Units that only answer the phone during a short
 * telephone time staff more lines in it (twice the calls per slot), yet still have less room in the day:
 * they are the ones that overflow, as units with such hours do in reality.
 */
function callbackCapacityFor(unit: RegionFileUnit, listed: number): RegionFileUnit["callbackCapacity"] {
  const slotMinutes = 15;
  if (unit.type === "backup") return { slotMinutes, callsPerSlot: 4 };
  const shortPhoneTime = longestPhoneDay(unit.phoneHours) < 180;
  const perSlot = (listed / 2500) * (shortPhoneTime ? 2 : 1);
  return { slotMinutes, callsPerSlot: Math.max(1, Math.round(perSlot)) };
}

/** The two demo region files: Region Västernorrland (demo) and Region Västerbotten (demo). */
export function generateDemoRegionFiles(seed: number = DEMO_SEED): RegionFile[] {
  return PLANS.map((plan) => generateRegion(plan, seed));
}

// ---------------------------------------------------------------------------------------------------
// Listing and staffing

export interface DemoUnitListing {
  hsaId: string;
  regionCode: string;
  kommun: string;
  /** Listed persons at the start of the demo period. */
  listed: number;
}

/** The share of a kommun's residents listed in it: a few are listed elsewhere or not at all. */
const LISTED_SHARE = { min: 0.96, max: 0.98 };

const TYPE_WEIGHT: Record<UnitType, number> = { halsocentral: 1, sjukstuga: 0.4, filial: 0.3, backup: 0 };

/**
 * Splits `total` into whole numbers proportional to `weights` by the largest-remainder method (ties to
 * the earlier entry), so the parts add up to `total` exactly.
 */
function splitByWeight(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest -= 1;
  }
  return parts;
}

/**
 * Listed persons per unit: each kommun's population × 96–98 %, shared between its units by type (a
 * hälsocentral weighs 1, a sjukstuga 0.6 beside a hälsocentral, a filial 0.3), the main-town unit ×1.6,
 * and a seeded ±25 % per unit. The backup team lists nobody. Units in the order of the files.
 */
export function generateDemoListing(
  regionFiles: readonly RegionFile[],
  seed: number = DEMO_SEED,
): DemoUnitListing[] {
  const rng = createRng(seed).fork("listing");
  const result = new Map<string, DemoUnitListing>();
  for (const file of regionFiles) {
    const byKommun = new Map<string, RegionFileUnit[]>();
    for (const unit of file.units) {
      // Opening units list nobody at the start; demo/listing.ts moves residents to them when they open.
      if (unit.type === "backup" || isOpeningUnit(unit.hsaId)) continue;
      byKommun.set(unit.kommun, [...(byKommun.get(unit.kommun) ?? []), unit]);
    }
    for (const [code, units] of [...byKommun].sort(([a], [b]) => byCode(a, b))) {
      const population = kommunByCode(code)?.population ?? 0;
      const kommunRng = rng.fork(`${file.region.code}:${code}`);
      const total = Math.round(population * kommunRng.float(LISTED_SHARE.min, LISTED_SHARE.max));
      const weights = units.map(
        (u) => TYPE_WEIGHT[u.type] * (isMainUnit(u) ? 1.6 : 1) * kommunRng.fork(u.hsaId).float(0.75, 1.25),
      );
      splitByWeight(total, weights).forEach((listed, i) => {
        const unit = units[i] as RegionFileUnit;
        result.set(unit.hsaId, { hsaId: unit.hsaId, regionCode: file.region.code, kommun: code, listed });
      });
    }
  }
  return regionFiles.flatMap((file) =>
    file.units.map(
      (u) =>
        result.get(u.hsaId) ?? { hsaId: u.hsaId, regionCode: file.region.code, kommun: u.kommun, listed: 0 },
    ),
  );
}

export interface DemoStaffingHint {
  hsaId: string;
  listed: number;
  /** Specialists in general medicine (specialister i allmänmedicin), full-time equivalents. */
  specialistFte: number;
  /** ST physicians (training to become specialists), FTE. */
  stPhysicianFte: number;
  /** Locums (hyrläkare), FTE. */
  locumFte: number;
  /** Nurses (distriktssköterskor and sjuksköterskor), FTE. */
  nurseFte: number;
  /** Listed persons per specialist FTE; `null` where there are no specialists. The goal is at most 1 100. */
  listedPerSpecialist: number | null;
  /** Specialist FTE the 1 : 1 100 goal calls for. */
  specialistNeedFte: number;
  /** Clearly short of physicians: the units of the targeted staffing grant (Kramfors and Sollefteå). */
  physicianShortage: boolean;
  /**
   * Specialist FTE gained per year while the grant runs (2024–2027): the staffing generator lets the
   * shortage units improve; 0 elsewhere.
   */
  specialistFteGainPerYear: number;
}

/** The hälsocentraler that receive the targeted staffing grant (DESIGN.md, budget figures). */
export const GRANT_UNIT_NAMES = ["Kramfors hälsocentral", "Sollefteå hälsocentral"] as const;

function fte(value: number): number {
  return Math.max(0, round(value, 1));
}

/**
 * Staffing per unit as a starting point for the monthly staffing data. Most units have one specialist
 * per 1 500–2 300 listed (short of the 1 : 1 100 goal, as in most of Sweden); sjukstugor lean on locums;
 * Kramfors and Sollefteå hälsocentraler have one specialist per 4 500–5 500 listed and many locums.
 */
export function demoStaffingHints(
  regionFiles: readonly RegionFile[],
  seed: number = DEMO_SEED,
): DemoStaffingHint[] {
  const rng = createRng(seed).fork("staffing");
  const listing = new Map(generateDemoListing(regionFiles, seed).map((l) => [l.hsaId, l.listed]));
  return regionFiles.flatMap((file) =>
    file.units.map((unit) => {
      const r = rng.fork(unit.hsaId);
      const listed = listing.get(unit.hsaId) ?? 0;
      const shortage = unit.type !== "backup" && (GRANT_UNIT_NAMES as readonly string[]).includes(unit.name);
      let specialist: number;
      let st: number;
      let locum: number;
      let nurse: number;
      if (unit.type === "backup") {
        specialist = 0.5;
        st = 0;
        locum = 0;
        nurse = r.int(6, 9);
      } else if (shortage) {
        specialist = listed / r.float(4500, 5500);
        st = r.float(0.5, 1.5);
        locum = r.float(1.8, 2.8);
        nurse = listed / r.float(1700, 2000);
      } else if (unit.type === "sjukstuga") {
        specialist = listed / r.float(1800, 2600);
        st = r.chance(0.3) ? 1 : 0;
        locum = r.float(0.6, 1.2);
        nurse = listed / r.float(900, 1200);
      } else {
        specialist = listed / r.float(1500, 2300);
        st = listed > 6000 ? r.float(0.5, 2) : r.chance(0.4) ? 1 : 0;
        locum = r.chance(0.25) ? r.float(0.2, 0.8) : 0;
        nurse = listed / r.float(1500, 1900);
      }
      const specialistFte = fte(specialist);
      return {
        hsaId: unit.hsaId,
        listed,
        specialistFte,
        stPhysicianFte: fte(st),
        locumFte: fte(locum),
        nurseFte: fte(nurse),
        listedPerSpecialist: specialistFte > 0 && listed > 0 ? Math.round(listed / specialistFte) : null,
        specialistNeedFte: fte(listed / 1100),
        physicianShortage: shortage,
        specialistFteGainPerYear: shortage ? 0.5 : 0,
      };
    }),
  );
}
