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
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/enheter", label: "units", roles: ROLES },
  { to: "/oversikt", label: "overview", roles: ["committee", "region_admin", "system_admin"] },
  { to: "/arbetslista", label: "worklist", roles: ["staff", "unit_manager", "region_admin"] },
  {
    to: "/tillganglighet",
    label: "accessibility",
    roles: ["region_admin", "unit_manager", "staff", "committee"],
  },
  { to: "/loften", label: "promises", roles: ["committee", "region_admin", "system_admin"] },
  { to: "/karta", label: "kommunMap", roles: ["committee", "region_admin", "system_admin"] },
  { to: "/prognos", label: "forecast", roles: ["region_admin", "unit_manager"] },
  { to: "/import", label: "imports", roles: ["region_admin"] },
  { to: "/referensvarden", label: "referenceValues", roles: ["region_admin"] },
  { to: "/listning", label: "listing", roles: ["region_admin", "unit_manager", "committee"] },
  { to: "/listning/floden", label: "listingFlows", roles: ["region_admin", "unit_manager", "committee"] },
  { to: "/enhetsstruktur", label: "structure", roles: ["region_admin", "committee"] },
  // The committee reads payments, budget and scenarios (payments to units are public); writes stay the
  // administration's, on the pages and in the services.
  { to: "/ersattning", label: "reimbursement", roles: ["region_admin", "committee"] },
  {
    to: "/ersattning/rapportering",
    label: "reimbursementReporting",
    roles: ["unit_manager", "region_admin"],
  },
  { to: "/lakarbemanning", label: "staffing", roles: ["region_admin", "committee", "unit_manager"] },
  {
    to: "/lakarbemanning/riktade-bidrag",
    label: "grants",
    roles: ["region_admin", "committee", "unit_manager"],
  },
  { to: "/lakarbemanning/rapportering", label: "staffingReporting", roles: ["unit_manager", "region_admin"] },
  { to: "/uppgiftsvaxling", label: "transfers", roles: ["region_admin", "committee", "auditor"] },
  { to: "/uppgiftsvaxling/glapp", label: "transfersGap", roles: ["region_admin", "committee"] },
  { to: "/uppgiftsvaxling/enhet", label: "transfersUnit", roles: ["unit_manager", "region_admin"] },
  { to: "/kontaktskydd", label: "intakeAbuse", roles: ["region_admin"] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

// Staff and unit managers start where their day starts: today's contacts; the committee on its overview
// (issue 11). Everyone else starts at the first menu item they may use.
const START_PAGE_BY_ROLE: Partial<Record<Role, AppPath>> = {
  staff: "/arbetslista",
  unit_manager: "/arbetslista",
  committee: "/oversikt",
};

export function startPathFor(role: Role): AppPath | null {
  return START_PAGE_BY_ROLE[role] ?? navItemsFor(role)[0]?.to ?? null;
}

/**
 * The menu item a path belongs to: the most specific one, so that /ersattning/rapportering follows its
 * own item's roles and not those of /ersattning.
 */
export function navItemFor(pathname: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const candidate of NAV_ITEMS) {
    const matches = pathname === candidate.to || pathname.startsWith(`${candidate.to}/`);
    if (matches && (best === undefined || candidate.to.length > best.to.length)) best = candidate;
  }
  return best;
}

/** False when the path belongs to a menu page the role may not use (the router then goes to the start page). */
export function mayOpen(role: Role, pathname: string): boolean {
  const item = navItemFor(pathname);
  return item === undefined || item.roles.includes(role);
}
