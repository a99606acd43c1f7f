import { describe, expect, it } from "vitest";
import { eventLabelKey, outcomeLabelKey, STATUS_STEPS, stepState } from "./status.ts";

describe("stepState", () => {
  it.each([
    ["waiting", ["current", "upcoming", "upcoming", "upcoming"]],
    ["claimed", ["done", "current", "upcoming", "upcoming"]],
    ["responded", ["done", "done", "current", "upcoming"]],
    ["closed", ["done", "done", "done", "done"]],
  ] as const)("%s", (state, expected) => {
    expect(STATUS_STEPS.map((step) => stepState(step, state))).toEqual(expected);
  });
});

describe("labels", () => {
  it("knows every outcome and reads an unknown one as none", () => {
    expect(outcomeLabelKey("booked_visit")).toBe("contact.outcome.booked_visit");
    expect(outcomeLabelKey("not_reached")).toBe("contact.outcome.not_reached");
    expect(outcomeLabelKey(null)).toBeNull();
    expect(outcomeLabelKey("toString")).toBeNull();
  });

  it("reads event kinds it does not know as a neutral update", () => {
    expect(eventLabelKey("claimed")).toBe("contact.event.claimed");
    expect(eventLabelKey("something_new")).toBe("contact.event.other");
    expect(eventLabelKey("constructor")).toBe("contact.event.other");
  });
});
