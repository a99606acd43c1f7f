import type { TimeWindow } from "../../api/types.ts";

/** "08:00–12:00, 13:00–16:30": an en dash inside a window, as Swedish typography writes ranges. */
export function formatWindows(windows: readonly TimeWindow[]): string {
  return windows.map(([start, end]) => `${start}–${end}`).join(", ");
}
