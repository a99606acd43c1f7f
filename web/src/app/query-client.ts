import { QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "../api/client.ts";

/**
 * @param onUnauthenticated called when any request answers 401, e.g. when the session expired while the
 * user was working; the app then forgets the session and shows the login page.
 */
export function createQueryClient(onUnauthenticated: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) onUnauthenticated();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx answer will not change by asking again; network and server errors get two more tries.
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}
