export * from "./contact-file.ts";
export * from "./contact-row.ts";
export * from "./csv-reader.ts";
export * from "./lines.ts";
export * from "./queue-log.ts";
