import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRegionFile } from "../support/app.ts";
import { type CliDatabase, createCliDatabase, runVardnav } from "../support/cli.ts";

// `vardnav import contacts` and `vardnav stats …` in their own process, on the shared example files. Every
// expected figure below is derived by hand from DESIGN.md "Definitions" (see the comments).
let database: CliDatabase;
let env: Record<string, string | undefined>;
const work = mkdtempSync(join(tmpdir(), "vardnav-stats-cli-"));
const EXAMPLE = new URL("../../../shared/examples/contacts-v1.csv", import.meta.url);
const QUEUE_LOG = new URL("../../src/domain/imports/fixtures/queue_log.sample", import.meta.url);
const csvFile = join(work, "contacts-v1.csv");

beforeAll(async () => {
  database = await createCliDatabase(work);
  env = database.env;
  copyFileSync(EXAMPLE, csvFile);
  const region = join(work, "region.json");
  writeFileSync(region, JSON.stringify(exampleRegionFile()));
  const result = await runVardnav(["region", "import", region], { env });
  expect(result.status).toBe(0);
});
afterAll(async () => {
  await database.close();
});

const stats = (...args: string[]) =>
  runVardnav(
    ["stats", "accessibility", "--region", "22", "--from", "2026-03-01", "--to", "2026-03-31", ...args],
    {
      env,
    },
  );

// Kramfors (E0001), March 2026 from the example file:
// phone in hours, not refused: tq-1001 (callback same day), tq-1002 (answered), tq-1004 (abandoned),
//   tq-1005 (15:58, answered next day); tq-1003 is refused, tq-1006 came in the 12–13 lunch break. 2 of 4.
// resident: those six plus web-2001 (Sunday evening, served Monday, answered Monday) = 7; responded on or
//   before the service day: tq-1001, tq-1002, tq-1006, web-2001 = 4.
// assessment: new problems tq-1001 (2 days), tq-1005 (4 days), web-2001 (1 day); tq-1006 is a
//   patient-chosen wait. Eligible 3, within0 0, within3 2, within7 3.
const KRAMFORS_MARCH = {
  unitHsaId: "SE2321000000-E0001",
  period: "2026-03",
  phone: { offered: 4, answeredSameDay: 2, rate: 0.5 },
  resident: {
    contacts: 7,
    refused: 1,
    overflowed: 0,
    respondedSameDay: 4,
    rate: 0.5714,
    feedbackSameDay: 4,
    feedbackRate: 0.5714,
  },
  assessment: { eligible: 3, within0: 0, within3: 2, within7: 3, patientChosen: 1, rate: 0.6667 },
};
// Ramsele (E0002): web-2002 at 01:30 on the DST Sunday 29 March, served and answered Monday 30 March.
const RAMSELE_MARCH = {
  unitHsaId: "SE2321000000-E0002",
  period: "2026-03",
  phone: { offered: 0, answeredSameDay: 0, rate: null },
  resident: {
    contacts: 1,
    refused: 0,
    overflowed: 0,
    respondedSameDay: 1,
    rate: 1,
    feedbackSameDay: 1,
    feedbackRate: 1,
  },
  assessment: { eligible: 0, within0: 0, within3: 0, within7: 0, patientChosen: 0, rate: null },
};
// E0003: tq-3001 answered in a minute; its assessment by an underskoterska (not licensed) does not count.
const E0003_MARCH = {
  unitHsaId: "SE5560001230-E0003",
  period: "2026-03",
  phone: { offered: 1, answeredSameDay: 1, rate: 1 },
  resident: {
    contacts: 1,
    refused: 0,
    overflowed: 0,
    respondedSameDay: 1,
    rate: 1,
    feedbackSameDay: 1,
    feedbackRate: 1,
  },
  assessment: { eligible: 1, within0: 0, within3: 0, within7: 0, patientChosen: 0, rate: 0 },
};
const REGION_MARCH = {
  unitHsaId: null,
  period: "2026-03",
  phone: { offered: 5, answeredSameDay: 3, rate: 0.6 },
  resident: {
    contacts: 9,
    refused: 1,
    overflowed: 0,
    respondedSameDay: 6,
    rate: 0.6667,
    feedbackSameDay: 6,
    feedbackRate: 0.6667,
  },
  assessment: { eligible: 4, within0: 0, within3: 2, within7: 3, patientChosen: 1, rate: 0.5 },
};

describe("vardnav import contacts + stats accessibility", () => {
  it("imports the example file and prints the summary", async () => {
    const result = await runVardnav(["import", "contacts", csvFile], { env });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("read 9, imported 9, updated 0, rejected 0\n");
    expect(result.status).toBe(0);
  });

  it("gives the hand-derived figures per unit and for the region, as JSON", async () => {
    const result = await stats("--format", "json");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([REGION_MARCH, KRAMFORS_MARCH, RAMSELE_MARCH, E0003_MARCH]);
  });

  it("re-imports the same file as updates, never duplicates", async () => {
    const result = await runVardnav(["import", "contacts", csvFile, "--output", "json"], { env });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ read: 9, imported: 0, updated: 9, rejected: 0 });
    expect(JSON.parse((await stats("--format", "json")).stdout)).toEqual([
      REGION_MARCH,
      KRAMFORS_MARCH,
      RAMSELE_MARCH,
      E0003_MARCH,
    ]);
  });

  it("prints CSV by day and a table", async () => {
    const csv = await stats("--format", "csv", "--by", "day", "--unit", "SE2321000000-E0002");
    expect(csv.stdout).toBe(
      [
        "unitHsaId,period,phone.offered,phone.answeredSameDay,phone.rate,resident.contacts,resident.refused,resident.overflowed,resident.respondedSameDay,resident.rate,resident.feedbackSameDay,resident.feedbackRate,assessment.eligible,assessment.within0,assessment.within3,assessment.within7,assessment.patientChosen,assessment.rate",
        // The contact belongs to 29 March by receipt (no counters there for a non-new digital contact)
        // and to 30 March by service day.
        ",2026-03-30,0,0,,1,0,0,1,1,1,1,0,0,0,0,0,",
        "SE2321000000-E0002,2026-03-30,0,0,,1,0,0,1,1,1,1,0,0,0,0,0,",
        "",
      ].join("\n"),
    );
    const table = await stats("--by", "year");
    expect(table.stdout).toBe(
      [
        "unit                period  phone    offered  resident  contacts  refused  overflowed  feedback  3-day   eligible  ≤0d  ≤7d  chosen",
        "(region)            2026    60.0 %   5        66.7 %    9         1        0           66.7 %    50.0 %  4         0    3    1",
        "SE2321000000-E0001  2026    50.0 %   4        57.1 %    7         1        0           57.1 %    66.7 %  3         0    3    1",
        "SE2321000000-E0002  2026    –        0        100.0 %   1         0        0           100.0 %   –       0         0    0    0",
        "SE5560001230-E0003  2026    100.0 %  1        100.0 %   1         0        0           100.0 %   0.0 %   1         0    0    0",
        "",
      ].join("\n"),
    );
  });

  it("follows an update that moves a response to the same day", async () => {
    // tq-1005 (15:58) now answered at 16:10 the same day: Kramfors' SKR rate 3/4, resident 5/7.
    const changed = readFileSync(csvFile, "utf8").replace(
      "callback,2026-03-03T08:20:00+01:00,2026-03-03T08:25:00+01:00",
      "callback,2026-03-02T16:10:00+01:00,2026-03-02T16:12:00+01:00",
    );
    const file = join(work, "changed.csv");
    writeFileSync(file, changed);
    const result = await runVardnav(["import", "contacts", file], { env });
    expect(result.stdout).toBe("read 9, imported 0, updated 9, rejected 0\n");
    const rows = JSON.parse((await stats("--format", "json", "--unit", "SE2321000000-E0001")).stdout);
    expect(rows[1].phone).toEqual({ offered: 4, answeredSameDay: 3, rate: 0.75 });
    expect(rows[1].resident).toMatchObject({ contacts: 7, respondedSameDay: 5, rate: 0.7143 });
    // Put the original back for the tests after this one.
    expect((await runVardnav(["import", "contacts", csvFile], { env })).status).toBe(0);
  });

  it("reports each rejected row on stderr with its line, imports the rest, exits non-zero", async () => {
    const file = join(work, "bad.csv");
    writeFileSync(
      file,
      [
        "contact_id,unit_hsa_id,channel,received_at,result,responded_at,feedback_at,new_problem,assessed_at,assessed_by,patient_chosen_wait",
        "b-1,SE2321000000-E0001,phone,2026-03-03T09:00:00+01:00,answered,2026-03-03T09:01:00+01:00,,false,,,false",
        "b-2,SE2321000000-E9999,phone,2026-03-03T09:00:00+01:00,answered,,,false,,,false",
        "b-3,SE2321000000-E0001,phone,2026-03-03T09:00:00+01:00,answered,2026-03-03T08:59:00+01:00,,false,,,false",
        "b-4,SE2321000000-E0001,digital,2026-03-03T09:00:00+01:00,answered,,,false,,,false",
      ].join("\n"),
    );
    const result = await runVardnav(["import", "contacts", file], { env });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("read 4, imported 1, updated 0, rejected 3\n");
    expect(result.stderr).toBe(
      [
        "line 3: unit_hsa_id SE2321000000-E9999 is not a known unit.",
        "line 4: responded_at is before received_at.",
        'line 5: result "answered" does not fit channel digital, whose only result is registered.',
        "",
      ].join("\n"),
    );
  });

  it("imports the Asterisk queue_log fixture for a unit", async () => {
    const log = join(work, "queue_log");
    copyFileSync(QUEUE_LOG, log);
    const result = await runVardnav(
      ["import", "contacts", log, "--format", "asterisk-queue-log", "--unit", "SE2321000000-E0001"],
      { env },
    );
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("read 15, imported 11, updated 0, rejected 4\n");
    expect(result.stderr.split("\n").map((l) => l.slice(0, 8))).toEqual([
      "line 13:",
      "line 25:",
      "line 26:",
      "line 31:",
      "",
    ]);
    // Monday 30 March at Kramfors (phone 08–12, 13–16:30): 8 offered (3 answered, 5 abandoned); 3 refused,
    // one of them at 07:45 before phone hours (served that day, never answered).
    const day = await runVardnav(
      [
        "stats",
        "accessibility",
        "--region",
        "22",
        "--from",
        "2026-03-30",
        "--to",
        "2026-03-30",
        "--by",
        "day",
        "--unit",
        "SE2321000000-E0001",
        "--format",
        "json",
      ],
      { env },
    );
    const [region, unit] = JSON.parse(day.stdout);
    expect(region.unitHsaId).toBeNull();
    expect(unit.phone).toEqual({ offered: 8, answeredSameDay: 3, rate: 0.375 });
    expect(unit.resident).toEqual({
      contacts: 11,
      refused: 3,
      overflowed: 0,
      respondedSameDay: 3,
      rate: 0.2727,
      feedbackSameDay: 0,
      feedbackRate: 0,
    });
  });

  it("rebuilds the rollups from raw contacts to the same answer", async () => {
    const before = (await stats("--format", "json", "--by", "day")).stdout;
    const rebuild = await runVardnav(
      ["stats", "rebuild", "--region", "22", "--from", "2026-03-01", "--to", "2026-03-31"],
      { env },
    );
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toMatch(
      /^rebuilt region 22 2026-03-01\.\.2026-03-31: \d+ day rows, \d+ hour rows\n$/,
    );
    expect((await stats("--format", "json", "--by", "day")).stdout).toBe(before);
  });

  it("refuses a queue_log without --unit and an unknown region", async () => {
    const noUnit = await runVardnav(["import", "contacts", csvFile, "--format", "asterisk-queue-log"], {
      env,
    });
    expect(noUnit.status).toBe(1);
    expect(noUnit.stderr).toBe("vardnav: An asterisk-queue-log import needs --unit HSA-ID.\n");
    const region = await runVardnav(
      ["stats", "accessibility", "--region", "99", "--from", "2026-03-01", "--to", "2026-03-31"],
      { env },
    );
    expect(region.status).toBe(1);
    expect(region.stderr).toBe("vardnav: Region 99 does not exist.\n");
  });
});
