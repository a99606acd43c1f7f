import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { WORKLIST_KEY } from "./api.ts";

export type StreamState = "connecting" | "live" | "reconnecting";

/** One unit's contacts, or (backup team, region admin) every contact of a region. */
export type StreamScope = { unit: string } | { region: string };

/** Changes arriving in a burst (a morning rush, a batch import) cost one refetch per interval, not one each. */
const REFETCH_THROTTLE_MS = 400;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Keeps the worklist current without a reload: the server sends `contact-changed` on every change
 * of one of the unit's contacts (`/api/worklist/stream`), and each one makes the worklist queries fetch
 * again. After every (re)connection the lists are fetched too, since changes made while the stream was
 * down were never sent. The browser retries a dropped connection itself; an answer that ends the stream
 * for good (a server restart mid-response, a 5xx) is retried here, waiting longer each time.
 */
export function useWorklistStream(scope: StreamScope | null): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");

  const query =
    scope === null
      ? null
      : "unit" in scope
        ? `unit=${encodeURIComponent(scope.unit)}`
        : `region=${encodeURIComponent(scope.region)}`;

  useEffect(() => {
    if (query === null) return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let refetchTimer: ReturnType<typeof setTimeout> | null = null;
    let retryDelay = RETRY_MIN_MS;
    let stopped = false;

    const refetchSoon = () => {
      if (refetchTimer !== null) return;
      refetchTimer = setTimeout(() => {
        refetchTimer = null;
        void queryClient.invalidateQueries({ queryKey: WORKLIST_KEY });
      }, REFETCH_THROTTLE_MS);
    };

    const connect = () => {
      if (stopped) return;
      setState((current) => (current === "live" ? "reconnecting" : current));
      const next = new EventSource(`/api/worklist/stream?${query}`);
      source = next;
      next.addEventListener("open", () => {
        retryDelay = RETRY_MIN_MS;
        setState("live");
        refetchSoon();
      });
      next.addEventListener("contact-changed", refetchSoon);
      // The server ends the stream when the session ends (signed out, expired, account disabled): no
      // reconnecting; the refetch answers 401, which shows the login page.
      next.addEventListener("session-ended", () => {
        stopped = true;
        next.close();
        void queryClient.invalidateQueries({ queryKey: WORKLIST_KEY });
      });
      next.addEventListener("error", () => {
        if (stopped) return;
        setState("reconnecting");
        if (next.readyState !== EventSource.CLOSED) return; // the browser is already retrying
        next.close();
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
      });
    };

    setState("connecting");
    connect();
    return () => {
      stopped = true;
      source?.close();
      if (retryTimer !== null) clearTimeout(retryTimer);
      if (refetchTimer !== null) clearTimeout(refetchTimer);
    };
  }, [query, queryClient]);

  return state;
}
