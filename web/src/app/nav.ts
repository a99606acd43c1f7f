import type { RegisteredRouter } from "@tanstack/react-router";
import { ROLES, type Role } from "../api/types.ts";
import type { Messages } from "../i18n/sv.ts";

/** A path the router knows (see router.tsx), so a nav item cannot point to a page that does not exist. */
export type AppPath = keyof RegisteredRouter["routesByPath"];

export interface NavItem {
  to: AppPath;
  /** Key under `nav` in the i18n messages. */
  label: keyof Messages["nav"];
  /** Roles that may use the page; the server enforces the same scoping on every request. */
  roles: readonly Role[];
}

// The main menu, in order. A new page is one line here plus its route in router.tsx; the first item a
// role may use is that role's start page.
export const NAV_ITEMS: readonly NavItem[] = [{ to: "/enheter", label: "units", roles: ROLES }];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function startPathFor(role: Role): AppPath | null {
  return navItemsFor(role)[0]?.to ?? null;
}

/** False when the path belongs to a menu page the role may not use (the router then goes to the start page). */
export function mayOpen(role: Role, pathname: string): boolean {
  const item = NAV_ITEMS.find(
    (candidate) => pathname === candidate.to || pathname.startsWith(`${candidate.to}/`),
  );
  return item === undefined || item.roles.includes(role);
}
