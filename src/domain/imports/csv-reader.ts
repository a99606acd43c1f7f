/** One RFC 4180 record; `line` is the physical line where it starts (the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A record that breaks RFC 4180; the reader skips to its end and goes on with the next record. */
export interface CsvError {
  line: number;
  error: string;
}

export type CsvItem = CsvRecord | CsvError;

export function isCsvError(item: CsvItem): item is CsvError {
  return "error" in item;
}

export interface CsvReaderOptions {
  /**
   * A record longer than this (characters, separators included) is reported as an error instead of kept:
   * it bounds memory when, say, a stray quote opens a field that never closes. Default 1 MiB.
   */
  maxRecordLength?: number;
}

export interface CsvReader {
  /** Feeds the next piece of text (any split, even inside a quote or between CR and LF). */
  push(chunk: string): CsvItem[];
  /** Ends the input: emits a last record without a final line break, or the unterminated-quote error. */
  end(): CsvItem[];
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just read a quote inside a quoted field: an escaped quote, or the field's end. */
const QUOTE_IN_QUOTED = 3;

/**
 * A streaming RFC 4180 reader (comma, double quotes, CRLF). Memory stays bounded by the longest record,
 * not the file. Lenient where files in the wild differ and nothing is ambiguous: LF or a lone CR also end
 * a line, a leading UTF-8 BOM is dropped, empty lines are skipped, and the last record needs no line break.
 * A quote inside an unquoted field, text after a closing quote, an unclosed quote at the end and an
 * over-long record are errors on that record only.
 */
export function createCsvReader(options: CsvReaderOptions = {}): CsvReader {
  const maxRecordLength = options.maxRecordLength ?? 1_048_576;
  let state = FIELD_START;
  let field = "";
  let fields: string[] = [];
  let inRecord = false;
  let recordLine = 0;
  let recordLength = 0;
  let error: string | null = null;
  /** The physical line of the next character. */
  let line = 1;
  /** The previous character was a CR, so an LF now completes the same line break. */
  let afterCR = false;
  let atStart = true;

  function fail(reason: string): void {
    if (error === null) error = reason;
    // Once the record is lost its text is not needed: drop it so memory stays bounded.
    field = "";
    fields = [];
  }

  function append(text: string): void {
    if (text.length === 0 || error !== null) return;
    recordLength += text.length;
    if (recordLength > maxRecordLength) fail(`The record is longer than ${maxRecordLength} characters.`);
    else field += text;
  }

  function startRecord(): void {
    if (inRecord) return;
    inRecord = true;
    recordLine = line;
  }

  function endField(): void {
    if (error === null) {
      recordLength += 1;
      if (recordLength > maxRecordLength) fail(`The record is longer than ${maxRecordLength} characters.`);
      else fields.push(field);
    }
    field = "";
  }

  function emit(out: CsvItem[]): void {
    endField();
    out.push(error === null ? { line: recordLine, fields } : { line: recordLine, error });
    fields = [];
    inRecord = false;
    recordLength = 0;
    error = null;
    state = FIELD_START;
  }

  function push(chunk: string): CsvItem[] {
    const out: CsvItem[] = [];
    const n = chunk.length;
    let i = 0;
    if (atStart && n > 0) {
      atStart = false;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }
    while (i < n) {
      if (state === QUOTED) {
        // Copy a run up to the next quote in one slice; line breaks inside still count as physical lines.
        let j = i;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === QUOTE) break;
          if (d === CR || (d === LF && !afterCR)) line++;
          afterCR = d === CR;
          j++;
        }
        append(chunk.slice(i, j));
        if (j < n) {
          state = QUOTE_IN_QUOTED;
          afterCR = false;
          j++;
        }
        i = j;
        continue;
      }
      if (state === UNQUOTED) {
        let j = i;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === COMMA || d === CR || d === LF || d === QUOTE) break;
          j++;
        }
        if (j > i) {
          append(chunk.slice(i, j));
          afterCR = false;
          i = j;
        }
        if (i === n) break;
        if (chunk.charCodeAt(i) === QUOTE) {
          fail("A quote appears inside an unquoted field.");
          i++;
          continue;
        }
      }
      const c = chunk.charCodeAt(i);
      if (state === QUOTE_IN_QUOTED) {
        if (c === QUOTE) {
          append('"');
          state = QUOTED;
          i++;
          continue;
        }
        if (c !== COMMA && c !== CR && c !== LF) {
          fail("Text follows a closing quote.");
          state = UNQUOTED;
          continue;
        }
      }
      if (c === CR || c === LF) {
        const secondHalfOfCRLF = c === LF && afterCR;
        afterCR = c === CR;
        i++;
        if (secondHalfOfCRLF) continue;
        line++;
        // An empty physical line is no record (it would be one empty field, which no file means).
        if (inRecord) emit(out);
        continue;
      }
      afterCR = false;
      startRecord();
      if (c === COMMA) {
        endField();
        state = FIELD_START;
        i++;
      } else if (state === FIELD_START && c === QUOTE) {
        state = QUOTED;
        i++;
      } else {
        state = UNQUOTED;
      }
    }
    return out;
  }

  function end(): CsvItem[] {
    const out: CsvItem[] = [];
    if (state === QUOTED) fail("A quoted field is not closed before the end of the file.");
    if (inRecord) emit(out);
    state = FIELD_START;
    afterCR = false;
    return out;
  }

  return { push, end };
}

/** Reads a whole sequence of chunks (e.g. a decoded file stream) lazily. */
export function* readCsv(chunks: Iterable<string>, options?: CsvReaderOptions): Generator<CsvItem> {
  const reader = createCsvReader(options);
  for (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

export async function* readCsvAsync(
  chunks: AsyncIterable<string> | Iterable<string>,
  options?: CsvReaderOptions,
): AsyncGenerator<CsvItem> {
  const reader = createCsvReader(options);
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}
