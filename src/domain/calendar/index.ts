export * from "./dates.ts";
export * from "./holidays.ts";
export * from "./hours.ts";
export * from "./slots.ts";
export * from "./swedish-names.ts";
export * from "./types.ts";
