import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvItem, createCsvReader, readCsv, readCsvAsync } from "./csv-reader.ts";

const readAll = (text: string, maxRecordLength?: number): CsvItem[] => [
  ...readCsv([text], maxRecordLength === undefined ? {} : { maxRecordLength }),
];

/** Reads `text` fed in pieces cut at the given positions. */
function readSplit(text: string, cuts: readonly number[], maxRecordLength?: number): CsvItem[] {
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const position of positions) {
    chunks.push(text.slice(start, position));
    start = position;
  }
  chunks.push(text.slice(start));
  return [...readCsv(chunks, maxRecordLength === undefined ? {} : { maxRecordLength })];
}

const rec = (line: number, ...fields: string[]): CsvItem => ({ line, fields });
const err = (line: number, error: string): CsvItem => ({ line, error });

describe("createCsvReader", () => {
  it.each<[string, string, CsvItem[]]>([
    ["a simple file", "a,b,c\n1,2,3\n", [rec(1, "a", "b", "c"), rec(2, "1", "2", "3")]],
    ["CRLF line breaks", "a,b\r\n1,2\r\n", [rec(1, "a", "b"), rec(2, "1", "2")]],
    ["no final line break", "a,b\n1,2", [rec(1, "a", "b"), rec(2, "1", "2")]],
    ["no final line break after a quoted field", 'a\n"x"', [rec(1, "a"), rec(2, "x")]],
    ["a UTF-8 BOM", "\uFEFFa,b\n1,2\n", [rec(1, "a", "b"), rec(2, "1", "2")]],
    ["a BOM only at the start counts", "a\n\uFEFFb\n", [rec(1, "a"), rec(2, "\uFEFFb")]],
    ["empty fields", ",a,,\n", [rec(1, "", "a", "", "")]],
    ["a quoted empty field", '""\n', [rec(1, "")]],
    ["quoted commas", '"a,b",c\n', [rec(1, "a,b", "c")]],
    ["escaped quotes", '"he said ""hej""",x\n', [rec(1, 'he said "hej"', "x")]],
    ["only an escaped quote", '""""\n', [rec(1, '"')]],
    [
      "a newline inside quotes",
      'a,"line 1\nline 2",b\nnext\n',
      [rec(1, "a", "line 1\nline 2", "b"), rec(3, "next")],
    ],
    [
      "a CRLF inside quotes counts as one line",
      'x\r\n"1\r\n2\r\n3"\r\ny\r\n',
      [rec(1, "x"), rec(2, "1\r\n2\r\n3"), rec(5, "y")],
    ],
    ["empty lines are skipped but counted", "a\n\n\r\nb\n\n", [rec(1, "a"), rec(4, "b")]],
    ["a lone CR ends a line", "a\rb\r\nc", [rec(1, "a"), rec(2, "b"), rec(3, "c")]],
    ["spaces are kept", " a , b \n", [rec(1, " a ", " b ")]],
    ["non-ASCII text", "Åsa,Örebro,😀\n", [rec(1, "Åsa", "Örebro", "😀")]],
    ["an empty file", "", []],
    ["only a BOM", "\uFEFF", []],
    [
      "a quote inside an unquoted field is an error on that record only",
      'a\nb"c,d\ne\n',
      [rec(1, "a"), err(2, "A quote appears inside an unquoted field."), rec(3, "e")],
    ],
    ["text after a closing quote", '"a"b,c\nd\n', [err(1, "Text follows a closing quote."), rec(2, "d")]],
    [
      "a quote never closed",
      'a\n"b,c\nd\n',
      [rec(1, "a"), err(2, "A quoted field is not closed before the end of the file.")],
    ],
  ])("%s", (_name, text, items) => {
    expect(readAll(text)).toEqual(items);
  });

  it("reports an over-long record and goes on with the next one", () => {
    expect(readAll("abc,def\n0123456789\nxy\n", 8)).toEqual([
      rec(1, "abc", "def"),
      err(2, "The record is longer than 8 characters."),
      rec(3, "xy"),
    ]);
  });

  it("keeps memory bounded when a stray quote swallows the rest of a big file", () => {
    const reader = createCsvReader({ maxRecordLength: 1000 });
    const items: CsvItem[] = [...reader.push('id,text\n1,"never closed\n')];
    const row = "2,plain text that keeps coming\n";
    for (let i = 0; i < 20_000; i++) items.push(...reader.push(row));
    items.push(...reader.end());
    expect(items).toEqual([rec(1, "id", "text"), err(2, "The record is longer than 1000 characters.")]);
  });

  it("reads an async stream of chunks", async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield '\uFEFFa,"b\r';
      yield '\n",c\r';
      yield "\nd";
    }
    const items: CsvItem[] = [];
    for await (const item of readCsvAsync(chunks())) items.push(item);
    expect(items).toEqual([rec(1, "a", "b\r\n", "c"), rec(3, "d")]);
  });

  it("emits each record as soon as its line break arrives", () => {
    const reader = createCsvReader();
    expect(reader.push("a,b\n1,")).toEqual([rec(1, "a", "b")]);
    expect(reader.push('"x\n')).toEqual([]);
    expect(reader.push('y"\r')).toEqual([rec(2, "1", "x\ny")]);
    expect(reader.push("\n")).toEqual([]);
    expect(reader.end()).toEqual([]);
  });
});

// Fields made of the characters that matter to the state machine, plus ordinary ones.
const fieldArbitrary = fc
  .array(fc.constantFrom("a", "b", " ", ",", '"', "\r", "\n", "\r\n", "é", "😀", "\uFEFF"), { maxLength: 6 })
  .map((parts) => parts.join(""));

/** Writes records as RFC 4180 CSV, quoting where needed (and sometimes where not). */
function writeCsv(
  records: readonly string[][],
  quoteAll: readonly boolean[],
  lineBreak: "\n" | "\r\n",
): string {
  return records
    .map((fields, r) =>
      fields
        .map((field) =>
          quoteAll[r % Math.max(1, quoteAll.length)] ||
          /[",\r\n]/.test(field) ||
          field === "" ||
          field.startsWith("\uFEFF")
            ? `"${field.replaceAll('"', '""')}"`
            : field,
        )
        .join(","),
    )
    .map((line) => line + lineBreak)
    .join("");
}

describe("createCsvReader properties", () => {
  it("splitting the input at arbitrary points gives the same records (any text, errors included)", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom("a", ",", '"', "\r", "\n", "\uFEFF", "é"), { maxLength: 60 })
          .map((c) => c.join("")),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.integer({ min: 1, max: 20 }),
        (text, cuts, maxRecordLength) => {
          expect(readSplit(text, cuts, maxRecordLength)).toEqual(readAll(text, maxRecordLength));
        },
      ),
    );
  });

  it("reads back what an RFC 4180 writer wrote, with the right start lines, however it is chunked", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fieldArbitrary, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 8 }),
        fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (records, quoteAll, lineBreak, withBom, cuts) => {
          const text = (withBom ? "\uFEFF" : "") + writeCsv(records, quoteAll, lineBreak);
          const items = readSplit(text, cuts);
          expect(items.map((item) => ("fields" in item ? item.fields : item))).toEqual(records);
          let line = 1;
          records.forEach((fields, r) => {
            expect(items[r]?.line).toBe(line);
            line += 1 + fields.join(",").split(/\r\n|\r|\n/).length - 1;
          });
        },
      ),
    );
  });
});
