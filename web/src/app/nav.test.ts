import { describe, expect, it } from "vitest";
import { mayOpen, navItemFor, startPathFor } from "./nav.ts";

// A path belongs to its most specific menu item: /ersattning/rapportering has its own roles, which are not
// those of /ersattning.
describe("mayOpen", () => {
  it.each([
    ["region_admin", "/ersattning", true],
    ["auditor", "/ersattning/korningar/3", false],
    ["auditor", "/ersattning/scenarier", false],
    ["unit_manager", "/ersattning", false],
    ["unit_manager", "/ersattning/scenarier", false],
    ["unit_manager", "/ersattning/rapportering", true],
    ["region_admin", "/ersattning/rapportering", true],
    ["auditor", "/ersattning/rapportering", false],
    ["staff", "/ersattning/rapportering", false],
    // The committee reads payments, budget and scenarios, but does no reporting.
    ["committee", "/ersattning", true],
    ["committee", "/ersattning/uppfoljning", true],
    ["committee", "/ersattning/scenarier", true],
    ["committee", "/ersattning/korningar/3", true],
    ["committee", "/ersattning/rapportering", false],
    ["committee", "/prognos", false],
    ["staff", "/enheter", true],
    ["committee", "/lakarbemanning", true],
    ["committee", "/lakarbemanning/riktade-bidrag", true],
    ["committee", "/lakarbemanning/rapportering", false],
    ["unit_manager", "/lakarbemanning/rapportering", true],
    ["staff", "/lakarbemanning", false],
    ["committee", "/uppgiftsvaxling", true],
    ["auditor", "/uppgiftsvaxling", true],
    ["unit_manager", "/uppgiftsvaxling", false],
    ["committee", "/uppgiftsvaxling/glapp", true],
    ["auditor", "/uppgiftsvaxling/glapp", false],
    ["unit_manager", "/uppgiftsvaxling/enhet", true],
    ["committee", "/uppgiftsvaxling/enhet", false],
    ["committee", "/oversikt", true],
    ["committee", "/karta", true],
    ["staff", "/oversikt", false],
    ["unit_manager", "/loften", false],
    // Not a menu page at all: the router decides (not found), not the menu.
    ["staff", "/ersattningar", true],
  ] as const)("%s may open %s: %s", (role, path, expected) => {
    expect(mayOpen(role, path)).toBe(expected);
  });

  it("finds the most specific item whatever the menu order", () => {
    expect(navItemFor("/ersattning/rapportering")?.to).toBe("/ersattning/rapportering");
    expect(navItemFor("/ersattning/rapportering/x")?.to).toBe("/ersattning/rapportering");
    expect(navItemFor("/ersattning/uppfoljning")?.to).toBe("/ersattning");
    expect(navItemFor("/nowhere")).toBeUndefined();
  });
});

describe("startPathFor", () => {
  it.each([
    ["staff", "/arbetslista"],
    ["unit_manager", "/arbetslista"],
    ["region_admin", "/enheter"],
    ["committee", "/oversikt"],
    ["auditor", "/enheter"],
  ] as const)("%s starts at %s", (role, path) => {
    expect(startPathFor(role)).toBe(path);
  });
});
