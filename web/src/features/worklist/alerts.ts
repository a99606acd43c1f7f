import { queryOptions } from "@tanstack/react-query";
import type {
  AlertAcknowledged,
  AlertList,
  StaffAlert,
} from "../../../../src/modules/notifications/alerts.schemas.ts";
import { apiRequest } from "../../api/client.ts";
import { formatShortDay, formatTime, stockholmDate } from "../contacts/time.ts";
import { WORKLIST_KEY } from "./api.ts";

// Deadline alerts (GET /api/alerts, POST /api/alerts/:id/ack), written by the server's deadline sweep for
// the unit managers of the unit and the region admins. Shown at the top of the worklist.

export type { StaffAlert };

/** The roles the server lets read alerts that work in the worklist (system admins have no worklist). */
export const ALERT_ROLES = ["unit_manager", "region_admin"] as const;

// Under the worklist key, so every `contact-changed` event of the worklist stream refetches the alerts too:
// the sweep that writes an alert also changes the contact.
export const ALERTS_KEY = [...WORKLIST_KEY, "alerts"] as const;

export function alertsQuery() {
  return queryOptions({
    queryKey: ALERTS_KEY,
    queryFn: ({ signal }) => apiRequest<AlertList>("/api/alerts?status=open", { signal }),
    // Covers users without a live stream (a region admin before choosing a unit) and a stream that is
    // down; TanStack Query pauses it while the tab is hidden.
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export function acknowledgeAlert(id: string) {
  return apiRequest<AlertAcknowledged>(`/api/alerts/${encodeURIComponent(id)}/ack`, {
    method: "POST",
    body: {},
  });
}

const KIND_ORDER: Record<StaffAlert["kind"], number> = { missed: 0, at_risk: 1 };

/**
 * Open alerts, most urgent first: missed promises before those at risk, then the earliest deadline (the
 * one that runs out first), then the oldest alert. Acknowledged ones are left out: they need no action.
 */
export function sortAlerts(alerts: readonly StaffAlert[]): StaffAlert[] {
  const time = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));
  return alerts
    .filter((alert) => alert.acknowledgedAt === null)
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        time(a.deadline) - time(b.deadline) ||
        time(a.createdAt) - time(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
}

export type SuggestionKey = "suggestBackup" | "suggestRegionBackup" | "suggestCallBack";

/**
 * What the manager is advised to do, as a key under `worklist.alerts` and its values: hand the contact to
 * the named backup team when the region has one (and it is not the alert's own unit), else ask the region
 * for help (at risk) or call the patient back at once (missed).
 */
export function alertSuggestion(alert: StaffAlert): { key: SuggestionKey; values: { team?: string } } {
  if (alert.suggestedBackup) return { key: "suggestBackup", values: { team: alert.suggestedBackup.name } };
  return { key: alert.kind === "at_risk" ? "suggestRegionBackup" : "suggestCallBack", values: {} };
}

/**
 * The clock time of an instant, with its day ("2 mars") when that is not today in Stockholm: the list
 * reaches a week back, and a bare clock time of yesterday's missed promise would read as today's.
 */
export function alertClock(
  instant: string,
  now: string,
  language: string,
): { day: string | null; time: string } {
  const time = formatTime(instant, language);
  const day = stockholmDate(instant);
  return { day: day === stockholmDate(now) ? null : formatShortDay(day, language), time };
}

/** Whether the worklist shows the alerts section: the server answers 403 to anyone else. */
export function mayReadAlerts(user: { role: string }): boolean {
  return (ALERT_ROLES as readonly string[]).includes(user.role);
}
