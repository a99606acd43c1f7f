import {
  type ContactHeader,
  type ContactImportRow,
  parseContactHeader,
  parseContactRow,
} from "./contact-row.ts";
import { type CsvReaderOptions, createCsvReader, isCsvError } from "./csv-reader.ts";

export type ContactFileItem =
  | { kind: "row"; line: number; row: ContactImportRow }
  | { kind: "rejected"; line: number; reason: string }
  /** The file as a whole cannot be read (no or wrong header); nothing else follows. */
  | { kind: "file-rejected"; reason: string };

export interface ContactFileReader {
  push(chunk: string): ContactFileItem[];
  end(): ContactFileItem[];
}

/**
 * A vardnav-contacts-v1 file from text chunks to valid rows and rejections, in file order, holding only
 * the record being read. The first record is the header; once the file is rejected, further input is
 * ignored.
 */
export function createContactFileReader(options?: CsvReaderOptions): ContactFileReader {
  const csv = createCsvReader(options);
  let header: ContactHeader | null = null;
  let rejected = false;
  let sawHeader = false;

  function handle(items: ReturnType<typeof csv.push>): ContactFileItem[] {
    const out: ContactFileItem[] = [];
    for (const item of items) {
      if (rejected) break;
      if (!sawHeader) {
        sawHeader = true;
        const parsed = isCsvError(item)
          ? { ok: false as const, reason: `The header row is not valid CSV: ${item.error}` }
          : parseContactHeader(item.fields);
        if (parsed.ok) header = parsed.value;
        else {
          rejected = true;
          out.push({ kind: "file-rejected", reason: parsed.reason });
        }
        continue;
      }
      if (isCsvError(item)) {
        out.push({ kind: "rejected", line: item.line, reason: item.error });
        continue;
      }
      const parsed = parseContactRow(item.fields, header as ContactHeader);
      out.push(
        parsed.ok
          ? { kind: "row", line: item.line, row: parsed.row }
          : { kind: "rejected", line: item.line, reason: parsed.reason },
      );
    }
    return out;
  }

  return {
    push: (chunk) => (rejected ? [] : handle(csv.push(chunk))),
    end: () => {
      if (rejected) return [];
      const out = handle(csv.end());
      if (!sawHeader && !rejected) {
        rejected = true;
        out.push({
          kind: "file-rejected",
          reason: "The file is empty: it has no vardnav-contacts-v1 header.",
        });
      }
      return out;
    },
  };
}
