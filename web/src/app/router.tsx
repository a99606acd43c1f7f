import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { OIDC_FAILURES, type OidcFailure } from "../api/types.ts";
import { LoginPage } from "../features/auth/LoginPage.tsx";
import { sessionQuery } from "../features/auth/session.ts";
import { parseMapSearch } from "../features/committee/search.ts";
import * as reimbursementSearch from "../features/reimbursement/months.ts";
import { AppLayout } from "../features/shell/AppLayout.tsx";
import { RootLayout } from "../features/shell/RootLayout.tsx";
import { ErrorPage, NoPagesPage, NotFoundPage, PendingPage } from "../features/shell/StatusPages.tsx";
import {
  validateAccessibilitySearch,
  validateForecastSearch,
  validateRegionSearch,
} from "../features/stats/search.ts";
import * as transferSearch from "../features/transfers/search.ts";
import { UnitsPage } from "../features/units/UnitsPage.tsx";
import { validateWorklistSearch } from "../features/worklist/search.ts";
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
  validateSearch: (search: Record<string, unknown>): { redirect?: string; oidcError?: OidcFailure } => {
    const target = appPathOrUndefined(search.redirect);
    // Only a known reason from SITHS sign-in's callback: the page words it, never echoes the address bar.
    const oidcError = OIDC_FAILURES.find((reason) => reason === search.oidcError);
    return {
      ...(target === undefined ? {} : { redirect: target }),
      ...(oidcError === undefined ? {} : { oidcError }),
    };
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
    // An account an administrator created chooses its own password first; the server refuses the rest.
    if (session.mustChangePassword && location.pathname !== "/byt-losenord") {
      throw redirect({ to: "/byt-losenord" });
    }
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

// Accessibility statistics, contact imports, forecast and reference values (issue 4). Loaded on demand:
// the charts bring ECharts, which no other page needs.
const accessibilityRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/tillganglighet",
  validateSearch: validateAccessibilitySearch,
  component: lazyRouteComponent(() => import("../features/stats/AccessibilityPage.tsx"), "AccessibilityPage"),
});
const importRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/import",
  validateSearch: validateRegionSearch,
  component: lazyRouteComponent(() => import("../features/stats/ImportPage.tsx"), "ImportPage"),
});
const forecastRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/prognos",
  validateSearch: validateForecastSearch,
  component: lazyRouteComponent(() => import("../features/stats/ForecastPage.tsx"), "ForecastPage"),
});
const referenceValuesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/referensvarden",
  component: lazyRouteComponent(
    () => import("../features/stats/ReferenceValuesPage.tsx"),
    "ReferenceValuesPage",
  ),
});
const statsRoutes = [accessibilityRoute, importRoute, forecastRoute, referenceValuesRoute];

const listingPage = (name: "ListingPage" | "FlowsPage" | "StructurePage") =>
  lazyRouteComponent(() => import("../features/listing/pages.ts"), name);
const listingRoutes = [
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/listning",
    validateSearch: validateRegionSearch,
    component: listingPage("ListingPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/listning/floden",
    validateSearch: validateRegionSearch,
    component: listingPage("FlowsPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/enhetsstruktur",
    validateSearch: validateRegionSearch,
    component: listingPage("StructurePage"),
  }),
];

// Vårdval reimbursement: models and runs, one model, one run, follow-up, scenarios, unit reporting (issue 5).
// The pages load together on first visit; the search validators are small and load with the app.
const reimbursementPage = (name: keyof typeof import("../features/reimbursement/pages.ts")) =>
  lazyRouteComponent(() => import("../features/reimbursement/pages.ts"), name);
const reimbursementRoutes = [
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/ersattning",
    validateSearch: reimbursementSearch.validateReimbursementSearch,
    component: reimbursementPage("OverviewPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/ersattning/modeller/$modelId",
    component: reimbursementPage("ModelPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/ersattning/korningar/$runId",
    component: reimbursementPage("RunPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/ersattning/uppfoljning",
    validateSearch: reimbursementSearch.validateFollowUpSearch,
    component: reimbursementPage("FollowUpPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/ersattning/scenarier",
    validateSearch: reimbursementSearch.validateScenarioSearch,
    component: reimbursementPage("ScenariosPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/ersattning/rapportering",
    validateSearch: reimbursementSearch.validateReportingSearch,
    component: reimbursementPage("ReportingPage"),
  }),
] as const;

// Tasks moved from slutenvården: the register, the gap with its chart, a unit's volumes (issue 9). One
// lazily loaded chunk; the gap page's chart brings ECharts.
const transfersPage = (name: keyof typeof import("../features/transfers/pages.ts")) =>
  lazyRouteComponent(() => import("../features/transfers/pages.ts"), name);
const transfersRoutes = [
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/uppgiftsvaxling",
    validateSearch: transferSearch.validateRegisterSearch,
    component: transfersPage("RegisterPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/uppgiftsvaxling/glapp",
    validateSearch: transferSearch.validateGapSearch,
    component: transfersPage("GapPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/uppgiftsvaxling/enhet",
    validateSearch: transferSearch.validateUnitSearch,
    component: transfersPage("UnitPage"),
  }),
] as const;

// Same-day contacts (issue 3). The resident pages are public: outside the authenticated layout, so no
// login redirect, but inside the root layout with its demo banner. Both parts load on first visit only,
// so residents on a phone do not download the staff pages and the other way round.
const contactRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/kontakt",
  component: lazyRouteComponent(() => import("../features/contacts/ContactPage.tsx"), "ContactPage"),
});

const contactStatusRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/kontakt/status/$token",
  component: lazyRouteComponent(
    () => import("../features/contacts/ContactStatusPage.tsx"),
    "ContactStatusPage",
  ),
});

const worklistRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/arbetslista",
  validateSearch: validateWorklistSearch,
  component: lazyRouteComponent(() => import("../features/worklist/WorklistPage.tsx"), "WorklistPage"),
});

const threeDayRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/arbetslista/tredagars",
  validateSearch: validateWorklistSearch,
  component: lazyRouteComponent(() => import("../features/worklist/ThreeDayPage.tsx"), "ThreeDayPage"),
});

const overflowRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: "/arbetslista/overflod",
  component: lazyRouteComponent(() => import("../features/worklist/OverflowPage.tsx"), "OverflowPage"),
});

// Physician staffing, the 1 : 1 100 ratio and targeted grants (issue 8). One lazy chunk with ECharts.
const staffingRoutes = [
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/lakarbemanning",
    validateSearch: validateRegionSearch,
    component: lazyRouteComponent(() => import("../features/staffing/StaffingPage.tsx"), "StaffingPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/lakarbemanning/riktade-bidrag",
    validateSearch: validateRegionSearch,
    component: lazyRouteComponent(
      () => import("../features/staffing/GrantEffectPage.tsx"),
      "GrantEffectPage",
    ),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/lakarbemanning/rapportering",
    component: lazyRouteComponent(
      () => import("../features/staffing/StaffingFormPage.tsx"),
      "StaffingFormPage",
    ),
  }),
] as const;

// Open data (issue 11): public like the resident pages, under the root layout.
const openDataRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/oppna-data",
  component: lazyRouteComponent(() => import("../features/open-data/OpenDataPage.tsx"), "OpenDataPage"),
});

const contactRoutes = [contactRoute, contactStatusRoute, openDataRoute];

// The committee's pages (issue 11): overview (the committee's start page), promises, kommun map.
const committeePage = (name: keyof typeof import("../features/committee/pages.ts")) =>
  lazyRouteComponent(() => import("../features/committee/pages.ts"), name);
const committeeRoutes = [
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/oversikt",
    validateSearch: validateRegionSearch,
    component: committeePage("DashboardPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/loften",
    validateSearch: validateRegionSearch,
    component: committeePage("PromisesPage"),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/karta",
    validateSearch: parseMapSearch,
    component: committeePage("KommunMapPage"),
  }),
] as const;

const worklistRoutes = [worklistRoute, threeDayRoute, overflowRoute];

// The own password, and the region admin's view of what the public intake held back (issue 12).
const securityRoutes = [
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/byt-losenord",
    component: lazyRouteComponent(
      () => import("../features/security/ChangePasswordPage.tsx"),
      "ChangePasswordPage",
    ),
  }),
  createRoute({
    getParentRoute: () => authenticatedRoute,
    path: "/kontaktskydd",
    component: lazyRouteComponent(
      () => import("../features/security/IntakeAbusePage.tsx"),
      "IntakeAbusePage",
    ),
  }),
] as const;

const routeTree = rootRoute.addChildren([
  loginRoute,
  ...contactRoutes,
  authenticatedRoute.addChildren([
    startRoute,
    unitsRoute,
    ...statsRoutes,
    ...listingRoutes,
    ...reimbursementRoutes,
    ...transfersRoutes,
    ...worklistRoutes,
    ...staffingRoutes,
    ...committeeRoutes,
    ...securityRoutes,
  ]),
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
