export * from "./age.ts";
export * from "./identity-number.ts";
export * from "./luhn.ts";
export * from "./org-number.ts";
