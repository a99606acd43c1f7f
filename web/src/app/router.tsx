import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, redirect } from "@tanstack/react-router";
import { LoginPage } from "../features/auth/LoginPage.tsx";
import { sessionQuery } from "../features/auth/session.ts";
import { AppLayout } from "../features/shell/AppLayout.tsx";
import { RootLayout } from "../features/shell/RootLayout.tsx";
import { ErrorPage, NoPagesPage, NotFoundPage, PendingPage } from "../features/shell/StatusPages.tsx";
import { UnitsPage } from "../features/units/UnitsPage.tsx";
import { mayOpen, startPathFor } from "./nav.ts";

// Code-based routes. Paths are Swedish, as users see them in the address bar; the server answers every
// non-/api GET with index.html so that a reload on /enheter lands here.

export interface RouterContext {
  queryClient: QueryClient;
}

/** Only paths inside this app survive as a post-login target (no "//host" or absolute URLs). */
function appPathOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : undefined;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const target = appPathOrUndefined(search.redirect);
    return target === undefined ? {} : { redirect: target };
  },
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ href: search.redirect ?? "/" });
  },
  component: LoginPage,
});

/** Every page below needs a session: without one, the login page, which comes back here afterwards. */
const authenticatedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "_app",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: "/login", search: { redirect: location.href } });
    if (!mayOpen(session.user.role, location.pathname)) throw redirect({ to: "/" });
    return { user: session.user };
  },
  component: AppLayout,
});

const startRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/",
  beforeLoad: ({ context }) => {
    const start = startPathFor(context.user.role);
    if (start !== null) throw redirect({ to: start });
  },
  component: NoPagesPage,
});

const unitsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/enheter",
  validateSearch: (search: Record<string, unknown>): { region?: string } =>
    typeof search.region === "string" && /^\d{2}$/.test(search.region) ? { region: search.region } : {},
  component: UnitsPage,
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  authenticatedRoute.addChildren([startRoute, unitsRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultErrorComponent: ErrorPage,
    defaultPendingComponent: PendingPage,
    defaultPreload: "intent",
    // Cached data lives in TanStack Query; the router must not keep its own stale copies.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
