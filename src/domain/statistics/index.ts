export * from "./accessibility.ts";
export * from "./counters.ts";
export * from "./types.ts";
