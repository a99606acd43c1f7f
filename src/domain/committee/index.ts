export * from "./periods.ts";
export * from "./promise-status.ts";
export * from "./ratios.ts";
