import { Temporal } from "temporal-polyfill";
import type { ContactImportRow } from "./contact-row.ts";
import { createLineSplitter } from "./lines.ts";

export type QueueLogItem =
  /** A finished call; `line` is where it started (its ENTERQUEUE, or the FULL/JOINEMPTY line). */
  | { kind: "contact"; line: number; row: ContactImportRow }
  | { kind: "rejected"; line: number; reason: string };

export interface QueueLogParserOptions {
  /** The unit every call in this log belongs to (`--unit HSA-ID`). */
  unitHsaId: string;
  /** Longer lines are rejected. Default 4 096 characters; Asterisk writes well under 1 000. */
  maxLineLength?: number;
}

export interface QueueLogParser {
  /** The next physical line, without its terminator; lines are numbered from 1 in the order given. */
  pushLine(text: string): QueueLogItem[];
  /** The next piece of the file's text, split into lines here. */
  push(chunk: string): QueueLogItem[];
  /** End of the log: calls still waiting are rejected (see below). */
  end(): QueueLogItem[];
}

/** Events that end a waiting call without an answer (FORMATS.md): the caller hung up or was sent on. */
const UNANSWERED_ENDS: ReadonlySet<string> = new Set([
  "ABANDON",
  "EXITWITHTIMEOUT",
  "EXITEMPTY",
  "EXITWITHKEY",
]);
/** Lines the dialplan writes when Queue() would not take the caller: a refusal (DESIGN.md "Refused"). */
const REFUSALS: ReadonlySet<string> = new Set(["FULL", "JOINEMPTY"]);

interface OpenCall {
  line: number;
  callId: string;
  queue: string;
  contactId: string;
  enteredAt: Temporal.Instant;
}

/** Asterisk writes "NONE" where a line has no call or queue. */
const absent = (value: string): boolean => value === "" || value === "NONE";

/**
 * A streaming Asterisk `queue_log` reader (`epoch|callid|queuename|agent|event|data…`). It holds only the
 * calls waiting in a queue, and emits each contact as soon as it is decided:
 * - `ENTERQUEUE` opens a call; `CONNECT` answers it (responded at the CONNECT time; feedback is left
 *   empty, since an answer is not necessarily a concrete next step); `ABANDON`, `EXITWITHTIMEOUT`,
 *   `EXITEMPTY`, `EXITWITHKEY` end it as `abandoned`.
 * - `FULL` or `JOINEMPTY` is a `refused` contact at that time, with or without an ENTERQUEUE.
 * - Every other event (RINGNOANSWER, COMPLETECALLER, TRANSFER, AGENTLOGIN, QUEUESTART, …) changes nothing.
 * - `contact_id` is `callid-queue-epoch` of the line that starts the contact: the same call may enter
 *   several queues (timeout to another queue) or be refused by one and enter the next in the same second,
 *   and re-importing the same log gives the same ids. A repeat within the same second gets "-2", "-3".
 * - A call still waiting at the end of the log is rejected ("has no end in this log"), not guessed as
 *   abandoned: a log cut mid-call says nothing about how the call ended. Logs rotated at night, when the
 *   queues are closed, have none.
 * - An end line (CONNECT, ABANDON, EXIT…) for a call that did not enter in this log, or dated before its
 *   ENTERQUEUE, is rejected with its line number, as are lines with a bad epoch or too few fields.
 */
export function createQueueLogParser(options: QueueLogParserOptions): QueueLogParser {
  const unitHsaId = options.unitHsaId;
  if (unitHsaId === "") throw new RangeError("A queue_log import needs the unit's HSA-id.");
  const maxLineLength = options.maxLineLength ?? 4096;
  const splitter = createLineSplitter({ maxLineLength });
  const open = new Map<string, OpenCall>();
  let lineNumber = 0;
  let idsSecond = -1;
  const idsThisSecond = new Set<string>();

  function contactId(callId: string, queue: string, epoch: number): string {
    // Lines are written in time order, so remembering one second's ids is enough to keep ids unique.
    if (epoch !== idsSecond) {
      idsSecond = epoch;
      idsThisSecond.clear();
    }
    const base = `${callId}-${queue}-${epoch}`;
    let id = base;
    for (let n = 2; idsThisSecond.has(id); n++) id = `${base}-${n}`;
    idsThisSecond.add(id);
    return id;
  }

  function contact(
    line: number,
    id: string,
    receivedAt: Temporal.Instant,
    result: "answered" | "abandoned" | "refused",
    respondedAt: Temporal.Instant | null,
  ): QueueLogItem {
    return {
      kind: "contact",
      line,
      row: {
        contactId: id,
        unitHsaId,
        channel: "phone",
        receivedAt: receivedAt.epochMilliseconds,
        result,
        respondedAt: respondedAt === null ? null : respondedAt.epochMilliseconds,
        feedbackAt: null,
        newProblem: false,
        assessedAt: null,
        assessedBy: null,
        patientChosenWait: false,
      },
    };
  }

  function pushLine(text: string): QueueLogItem[] {
    lineNumber++;
    const line = lineNumber;
    const reject = (reason: string): QueueLogItem[] => [{ kind: "rejected", line, reason }];
    if (text.trim() === "") return [];
    if (text.length > maxLineLength) return reject(`The line is longer than ${maxLineLength} characters.`);
    const fields = text.split("|");
    if (fields.length < 5) {
      return reject(
        `The line has ${fields.length} field${fields.length === 1 ? "" : "s"}; ` +
          "a queue_log line has at least 5 (epoch|callid|queuename|agent|event).",
      );
    }
    const [epochText = "", callId = "", queue = "", , event = ""] = fields;
    if (!/^\d{1,12}$/.test(epochText)) {
      return reject(`The epoch ${JSON.stringify(epochText.slice(0, 40))} is not whole seconds since 1970.`);
    }
    const epoch = Number(epochText);
    const at = Temporal.Instant.fromEpochMilliseconds(epoch * 1000);
    if (event === "") return reject("The event is empty.");

    if (event === "ENTERQUEUE" || REFUSALS.has(event) || event === "CONNECT" || UNANSWERED_ENDS.has(event)) {
      if (absent(callId)) return reject(`${event} has no call id.`);
    } else {
      return [];
    }

    if (REFUSALS.has(event)) return [contact(line, contactId(callId, queue, epoch), at, "refused", null)];

    if (absent(queue)) return reject(`${event} has no queue name.`);
    const key = `${callId}|${queue}`;
    const call = open.get(key);

    if (event === "ENTERQUEUE") {
      const out: QueueLogItem[] = [];
      if (call !== undefined) {
        out.push({
          kind: "rejected",
          line: call.line,
          reason: `Call ${callId} entered queue ${queue} again (line ${line}) before this entry ended.`,
        });
      }
      open.set(key, { line, callId, queue, contactId: contactId(callId, queue, epoch), enteredAt: at });
      return out;
    }

    // CONNECT or an unanswered end.
    if (call === undefined)
      return reject(`${event} for call ${callId} in queue ${queue}, which has no ENTERQUEUE in this log.`);
    open.delete(key);
    if (Temporal.Instant.compare(at, call.enteredAt) < 0) {
      return reject(`${event} is before the call's ENTERQUEUE (line ${call.line}).`);
    }
    return event === "CONNECT"
      ? [contact(call.line, call.contactId, call.enteredAt, "answered", at)]
      : [contact(call.line, call.contactId, call.enteredAt, "abandoned", null)];
  }

  function end(): QueueLogItem[] {
    const out: QueueLogItem[] = [];
    for (const text of splitter.end()) out.push(...pushLine(text));
    for (const call of [...open.values()].sort((a, b) => a.line - b.line)) {
      out.push({
        kind: "rejected",
        line: call.line,
        reason: `Call ${call.callId} in queue ${call.queue} has no end in this log (no CONNECT, ABANDON or EXIT line).`,
      });
    }
    open.clear();
    return out;
  }

  return {
    pushLine,
    push(chunk) {
      const out: QueueLogItem[] = [];
      for (const text of splitter.push(chunk)) out.push(...pushLine(text));
      return out;
    },
    end,
  };
}

/** A whole log from text chunks, lazily. */
export function* readQueueLog(
  chunks: Iterable<string>,
  options: QueueLogParserOptions,
): Generator<QueueLogItem> {
  const parser = createQueueLogParser(options);
  for (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}
