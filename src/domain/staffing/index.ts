export * from "./grant-effect.ts";
export * from "./ratio.ts";
export * from "./rounding.ts";
