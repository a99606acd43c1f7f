export * from "./format-table.ts";
export * from "./largest-remainder.ts";
export * from "./months.ts";
export * from "./rational.ts";
export * from "./run.ts";
export * from "./schemas.ts";
export * from "./types.ts";
