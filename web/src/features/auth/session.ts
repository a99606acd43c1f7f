import { hashKey, type QueryClient, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { apiRequest, isApiError, setCsrfToken } from "../../api/client.ts";
import type { Session, User } from "../../api/types.ts";

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>("/api/auth/me");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    // Not being signed in is an answer, not a failure: the router sends the user to the login page.
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in session, or null. Fetched once; login, logout and any 401 answer update it. */
export const sessionQuery = queryOptions({
  queryKey: ["auth", "session"],
  queryFn: fetchSession,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export async function login(
  queryClient: QueryClient,
  credentials: { username: string; password: string },
): Promise<Session> {
  const session = await apiRequest<Session>("/api/auth/login", { method: "POST", body: credentials });
  setCsrfToken(session.csrfToken);
  // Nothing cached under a previous account may show up under this one.
  dropCachedData(queryClient);
  queryClient.setQueryData(sessionQuery.queryKey, session);
  return session;
}

/**
 * Marks the user as signed out. Other cached answers stay until the caller has left the page that shows
 * them (see dropCachedData), so the page does not refetch them without a session on the way out.
 */
export function markSignedOut(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.setQueryData(sessionQuery.queryKey, null);
}

/**
 * Removes every cached answer but the session, whose query the header keeps observing (clear() would cut
 * that observer off from later updates, and the header would miss the next login).
 */
function dropCachedData(queryClient: QueryClient): void {
  const sessionHash = hashKey(sessionQuery.queryKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== sessionHash });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiRequest<void>("/api/auth/logout", { method: "POST" });
      } catch (error) {
        // A session that already expired is signed out; any other failure is shown to the user.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
      markSignedOut(queryClient);
      await navigate({ to: "/login" });
      dropCachedData(queryClient);
    },
  });
}

const authenticatedRoute = getRouteApi("/_app");

/** The signed-in user; for pages under the authenticated layout, whose guard put the user in the context. */
export function useCurrentUser(): User {
  return authenticatedRoute.useRouteContext({ select: (context) => context.user });
}
