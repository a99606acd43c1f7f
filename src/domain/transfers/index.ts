export * from "./gap.ts";
export * from "./share.ts";
