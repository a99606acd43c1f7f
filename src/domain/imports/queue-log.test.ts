import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { createLineSplitter } from "./lines.ts";
import { createQueueLogParser, type QueueLogItem, readQueueLog } from "./queue-log.ts";

const UNIT = "SE2321000000-E0001";
const fixture = readFileSync(new URL("./fixtures/queue_log.sample", import.meta.url), "utf8");

const stockholm = (epochMs: number | null) =>
  epochMs === null
    ? null
    : Temporal.Instant.fromEpochMilliseconds(epochMs)
        .toZonedDateTimeISO("Europe/Stockholm")
        .toString({ timeZoneName: "never" });

/** A compact view: [line, contact id, result, received (Stockholm), responded] or [line, reason]. */
function summary(items: Iterable<QueueLogItem>): unknown[] {
  return [...items].map((item) =>
    item.kind === "rejected"
      ? [item.line, item.reason]
      : [
          item.line,
          item.row.contactId,
          item.row.result,
          stockholm(item.row.receivedAt),
          stockholm(item.row.respondedAt),
        ],
  );
}

describe("queue_log fixture (Monday 30 March 2026, CEST)", () => {
  it("gives exactly the hand-derived contacts and rejections, in the order they end", () => {
    expect(summary(readQueueLog([fixture], { unitHsaId: UNIT }))).toEqual([
      // l.3 JOINEMPTY at 07:45 on rehab (no agents yet): refused, without any ENTERQUEUE.
      [3, "1774849500.101-rehab-1774849500", "refused", "2026-03-30T07:45:00+02:00", null],
      // l.5 enters vardcentral 08:00:05, l.7 RINGNOANSWER ignored, l.8 CONNECT 08:01:10 answers it.
      [
        5,
        "1774850405.102-vardcentral-1774850405",
        "answered",
        "2026-03-30T08:00:05+02:00",
        "2026-03-30T08:01:10+02:00",
      ],
      // l.6 enters 08:00:40, l.10 ABANDON after 140 s.
      [6, "1774850440.103-vardcentral-1774850440", "abandoned", "2026-03-30T08:00:40+02:00", null],
      // l.11 COMPLETECALLER and l.12 CONFIGRELOAD change nothing; l.13 is cut short.
      [13, "The line has 3 fields; a queue_log line has at least 5 (epoch|callid|queuename|agent|event)."],
      // l.9 enters barn 08:02, l.14 EXITWITHTIMEOUT after 600 s: abandoned there…
      [9, "1774850520.105-barn-1774850520", "abandoned", "2026-03-30T08:02:00+02:00", null],
      // …and the same call id enters vardcentral at l.15 (08:12:01), answered l.16 at 08:14:30: a second contact.
      [
        15,
        "1774850520.105-vardcentral-1774851121",
        "answered",
        "2026-03-30T08:12:01+02:00",
        "2026-03-30T08:14:30+02:00",
      ],
      // l.17 FULL on vardcentral at 08:15:00: refused …
      [17, "1774851300.108-vardcentral-1774851300", "refused", "2026-03-30T08:15:00+02:00", null],
      // … and in the same second the dialplan sends the call to barn (l.18), answered l.19; l.20 TRANSFER ignored.
      [
        18,
        "1774851300.108-barn-1774851300",
        "answered",
        "2026-03-30T08:15:00+02:00",
        "2026-03-30T08:17:00+02:00",
      ],
      // l.21 enters rehab 08:40, l.22 EXITEMPTY (last agent left).
      [21, "1774852800.110-rehab-1774852800", "abandoned", "2026-03-30T08:40:00+02:00", null],
      // l.23 enters barn 09:00, l.24 EXITWITHKEY (caller pressed 0).
      [23, "1774854000.111-barn-1774854000", "abandoned", "2026-03-30T09:00:00+02:00", null],
      // l.25 has a corrupt epoch; l.26 answers a call whose ENTERQUEUE is not in this log.
      [25, 'The epoch "17748x4100" is not whole seconds since 1970.'],
      [26, "CONNECT for call 1774840000.099 in queue vardcentral, which has no ENTERQUEUE in this log."],
      // l.27 enters 09:30, l.28 RINGNOANSWER and l.29 PAUSE ignored, l.30 EXITWITHTIMEOUT.
      [27, "1774855800.113-vardcentral-1774855800", "abandoned", "2026-03-30T09:30:00+02:00", null],
      // l.32 JOINEMPTY at 11:58:20: refused.
      [32, "1774864700.115-vardcentral-1774864700", "refused", "2026-03-30T11:58:20+02:00", null],
      // At the end: l.31 (entered 11:58) never ended in this log.
      [
        31,
        "Call 1774864680.114 in queue vardcentral has no end in this log (no CONNECT, ABANDON or EXIT line).",
      ],
    ]);
  });

  it("makes phone contacts of the unit given, with no feedback, assessment or flags", () => {
    const rows = [...readQueueLog([fixture], { unitHsaId: UNIT })].flatMap((item) =>
      item.kind === "contact" ? [item.row] : [],
    );
    expect(rows).toHaveLength(11);
    expect(rows.filter((r) => r.result === "answered")).toHaveLength(3);
    expect(rows.filter((r) => r.result === "abandoned")).toHaveLength(5);
    expect(rows.filter((r) => r.result === "refused")).toHaveLength(3);
    for (const r of rows) {
      expect(r).toMatchObject({
        unitHsaId: UNIT,
        channel: "phone",
        feedbackAt: null,
        newProblem: false,
        assessedAt: null,
        assessedBy: null,
        patientChosenWait: false,
      });
    }
    expect(new Set(rows.map((r) => r.contactId)).size).toBe(11);
  });

  it("gives the same items however the file is cut into chunks, CRLF included", () => {
    const whole = summary(readQueueLog([fixture], { unitHsaId: UNIT }));
    const crlf = fixture.replaceAll("\n", "\r\n");
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: crlf.length }), { maxLength: 20 }),
        fc.boolean(),
        (cuts, useCrlf) => {
          const text = useCrlf ? crlf : fixture;
          const positions = [...new Set(cuts.map((cut) => Math.min(cut, text.length)))].sort((a, b) => a - b);
          const chunks = [...positions, text.length].map((end, i) =>
            text.slice(i === 0 ? 0 : positions[i - 1], end),
          );
          expect(summary(readQueueLog(chunks, { unitHsaId: UNIT }))).toEqual(whole);
        },
      ),
    );
  });
});

describe("createQueueLogParser", () => {
  const run = (...lines: string[]): unknown[] => {
    const parser = createQueueLogParser({ unitHsaId: UNIT });
    const items = lines.flatMap((line) => parser.pushLine(line));
    return summary([...items, ...parser.end()]);
  };

  it.each<[string, string[], unknown[]]>([
    [
      "an answered call",
      ["1774850405|c1|q|NONE|ENTERQUEUE||070|1", "1774850470|c1|q|SIP/a|CONNECT|65|x|9"],
      [[1, "c1-q-1774850405", "answered", "2026-03-30T08:00:05+02:00", "2026-03-30T08:01:10+02:00"]],
    ],
    ...(["ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY"] as const).map(
      (event): [string, string[], unknown[]] => [
        `${event} is unanswered`,
        ["1774850405|c1|q|NONE|ENTERQUEUE||070|1", `1774850470|c1|q|NONE|${event}|1|1|65`],
        [[1, "c1-q-1774850405", "abandoned", "2026-03-30T08:00:05+02:00", null]],
      ],
    ),
    [
      "FULL and JOINEMPTY are refusals with or without a call in the queue",
      ["1774850405|c1|q|NONE|FULL|", "1774850406|c2|q|NONE|JOINEMPTY"],
      [
        [1, "c1-q-1774850405", "refused", "2026-03-30T08:00:05+02:00", null],
        [2, "c2-q-1774850406", "refused", "2026-03-30T08:00:06+02:00", null],
      ],
    ],
    [
      "a call answered after midnight keeps its entry time and the CONNECT time",
      ["1774907990|c1|q|NONE|ENTERQUEUE||070|1", "1774908010|c1|q|SIP/a|CONNECT|20|x|2"],
      [[1, "c1-q-1774907990", "answered", "2026-03-30T23:59:50+02:00", "2026-03-31T00:00:10+02:00"]],
    ],
    [
      "the same call id entering the same queue twice in one second gets distinct ids",
      [
        "1774850405|c1|q|NONE|ENTERQUEUE||070|1",
        "1774850405|c1|q|NONE|EXITWITHTIMEOUT|1|1|0",
        "1774850405|c1|q|NONE|ENTERQUEUE||070|1",
        "1774850500|c1|q|SIP/a|CONNECT|95|x|3",
      ],
      [
        [1, "c1-q-1774850405", "abandoned", "2026-03-30T08:00:05+02:00", null],
        [3, "c1-q-1774850405-2", "answered", "2026-03-30T08:00:05+02:00", "2026-03-30T08:01:40+02:00"],
      ],
    ],
    [
      "ignored events, blank lines and lines of calls already ended",
      [
        "1774850400|NONE|NONE|NONE|QUEUESTART|",
        "",
        "1774850401|NONE|q|Agent/1|AGENTLOGIN|SIP/1",
        "1774850405|c1|q|NONE|ENTERQUEUE||070|1",
        "1774850410|c1|q|SIP/a|RINGNOANSWER|5000",
        "1774850420|c1|q|SIP/a|CONNECT|15|x|3",
        "1774850500|c1|q|SIP/a|TRANSFER|1234|ctx|15|80|1",
        "1774850600|c1|q|SIP/a|COMPLETEAGENT|15|180|1",
        "1774850601|c9|q|NONE|SOMECUSTOMEVENT|x",
      ],
      [[4, "c1-q-1774850405", "answered", "2026-03-30T08:00:05+02:00", "2026-03-30T08:00:20+02:00"]],
    ],
  ])("%s", (_name, lines, expected) => {
    expect(run(...lines)).toEqual(expected);
  });

  it.each<[string, string[], unknown[]]>([
    [
      "an empty epoch",
      ["|c1|q|NONE|ENTERQUEUE||070|1"],
      [[1, 'The epoch "" is not whole seconds since 1970.']],
    ],
    [
      "a negative epoch",
      ["-5|c1|q|NONE|ENTERQUEUE||070|1"],
      [[1, 'The epoch "-5" is not whole seconds since 1970.']],
    ],
    [
      "a date instead of an epoch",
      ["2026-03-30 08:00:05|c1|q|NONE|ENTERQUEUE||070|1"],
      [[1, 'The epoch "2026-03-30 08:00:05" is not whole seconds since 1970.']],
    ],
    [
      "fractional seconds",
      ["1774850405.5|c1|q|NONE|ENTERQUEUE||070|1"],
      [[1, 'The epoch "1774850405.5" is not whole seconds since 1970.']],
    ],
    [
      "four fields",
      ["1774850405|c1|q|NONE"],
      [[1, "The line has 4 fields; a queue_log line has at least 5 (epoch|callid|queuename|agent|event)."]],
    ],
    [
      "no separators at all",
      ["garbage"],
      [[1, "The line has 1 field; a queue_log line has at least 5 (epoch|callid|queuename|agent|event)."]],
    ],
    ["an empty event", ["1774850405|c1|q|NONE|"], [[1, "The event is empty."]]],
    [
      "ENTERQUEUE without a call id",
      ["1774850405|NONE|q|NONE|ENTERQUEUE||070|1"],
      [[1, "ENTERQUEUE has no call id."]],
    ],
    ["FULL without a call id", ["1774850405||q|NONE|FULL|"], [[1, "FULL has no call id."]]],
    [
      "ENTERQUEUE without a queue",
      ["1774850405|c1|NONE|NONE|ENTERQUEUE||070|1"],
      [[1, "ENTERQUEUE has no queue name."]],
    ],
    [
      "an end without its start",
      ["1774850405|c1|q|NONE|ABANDON|1|1|3"],
      [[1, "ABANDON for call c1 in queue q, which has no ENTERQUEUE in this log."]],
    ],
    [
      "an end in another queue than the entry",
      ["1774850405|c1|q|NONE|ENTERQUEUE||070|1", "1774850470|c1|other|SIP/a|CONNECT|65|x|9"],
      [
        [2, "CONNECT for call c1 in queue other, which has no ENTERQUEUE in this log."],
        [1, "Call c1 in queue q has no end in this log (no CONNECT, ABANDON or EXIT line)."],
      ],
    ],
    [
      "an answer before the entry (a clock step)",
      ["1774850405|c1|q|NONE|ENTERQUEUE||070|1", "1774850400|c1|q|SIP/a|CONNECT|0|x|1"],
      [[2, "CONNECT is before the call's ENTERQUEUE (line 1)."]],
    ],
    [
      "a second entry before the first ended",
      [
        "1774850405|c1|q|NONE|ENTERQUEUE||070|1",
        "1774850410|c1|q|NONE|ENTERQUEUE||070|1",
        "1774850420|c1|q|SIP/a|CONNECT|10|x|1",
      ],
      [
        [1, "Call c1 entered queue q again (line 2) before this entry ended."],
        [2, "c1-q-1774850410", "answered", "2026-03-30T08:00:10+02:00", "2026-03-30T08:00:20+02:00"],
      ],
    ],
    [
      "calls open at the end, in line order",
      ["1774850405|c2|q|NONE|ENTERQUEUE||070|1", "1774850406|c1|q|NONE|ENTERQUEUE||070|1"],
      [
        [1, "Call c2 in queue q has no end in this log (no CONNECT, ABANDON or EXIT line)."],
        [2, "Call c1 in queue q has no end in this log (no CONNECT, ABANDON or EXIT line)."],
      ],
    ],
  ])("rejects %s", (_name, lines, expected) => {
    expect(run(...lines)).toEqual(expected);
  });

  it("rejects an over-long line without keeping it", () => {
    const parser = createQueueLogParser({ unitHsaId: UNIT, maxLineLength: 100 });
    const items = [
      ...parser.push(`1774850405|c1|q|NONE|ENTERQUEUE|${"x".repeat(10_000)}\n`),
      ...parser.end(),
    ];
    expect(summary(items)).toEqual([[1, "The line is longer than 100 characters."]]);
  });

  it("needs a unit", () => {
    expect(() => createQueueLogParser({ unitHsaId: "" })).toThrow(RangeError);
  });
});

describe("createLineSplitter", () => {
  const split = (...chunks: string[]): string[] => {
    const splitter = createLineSplitter();
    return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
  };

  it.each<[string, string[], string[]]>([
    ["LF", ["a\nb\n"], ["a", "b"]],
    ["CRLF split between chunks", ["a\r", "\nb\r\n"], ["a", "b"]],
    ["no final line break", ["a\nb"], ["a", "b"]],
    ["empty lines are kept so numbering holds", ["a\n\n\r\n\rb"], ["a", "", "", "", "b"]],
    ["a line split across chunks", ["ab", "c", "d\ne"], ["abcd", "e"]],
    ["empty chunks", ["", "a", "", "\n", ""], ["a"]],
    ["nothing", [], []],
  ])("%s", (_name, chunks, lines) => {
    expect(split(...chunks)).toEqual(lines);
  });

  it("cuts an over-long line to one character past the limit", () => {
    const splitter = createLineSplitter({ maxLineLength: 3 });
    expect([...splitter.push("abcdefg"), ...splitter.push("hij\nxy"), ...splitter.end()]).toEqual([
      "abcd",
      "xy",
    ]);
  });
});
