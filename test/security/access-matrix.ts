import { ROLE_NAMES, type RoleName } from "./fixture.ts";

// The reviewed access matrix (issue 12): for every route of the HTTP API, what each role gets in each
// scope. access-matrix.test.ts asks every cell with a real session and a real object and fails on any
// difference, on a route without a row, and on a row whose route is gone — so a new route cannot ship
// without someone deciding its row here.
//
// Scopes (objects and query parameters of the request, test/security/access-matrix.requests.ts):
//   none    one cell: the route has no region or unit
//   region  "own region (22) · other region (24)"
//   unit    "own unit (A, region 22) · other unit of the same region (B) · unit of another region (24)"
// The accounts (fixture.ts): staff and unit_manager of unit A, region_admin, committee and auditor of
// region 22, a system_admin, and no session (anonymous).
// Cells, one letter per scope in the order above: A allow = passed authorisation (2xx, or a 4xx the
// service gives after its check, such as 409); D deny = 401 or 403; H hide = 404, where the product does
// not say whether the object exists.
//
// Adding a route: add its row here and its request in access-matrix.requests.ts, then run
// `MATRIX_RECORD=1 npx vitest run test/security/access-matrix.test.ts`, compare the printed row with what
// the route should allow, and fix the route or the row.

export type Cell = "A" | "D" | "H";
export type Scope = "none" | "region" | "unit";

export interface MatrixRow {
  scope: Scope;
  cells: Record<RoleName, string>;
}

/** A row: the scope kind, then each role's cells in the order of ROLE_NAMES. */
function row(scope: Scope, ...cells: string[]): MatrixRow {
  return {
    scope,
    cells: Object.fromEntries(ROLE_NAMES.map((role, i) => [role, cells[i] ?? ""])) as MatrixRow["cells"],
  };
}

// biome-ignore format: one aligned line per route, so the table reads as a table
export const ACCESS_MATRIX: Record<string, MatrixRow> = {
  //                                                                     scope     anonymous  staff   unit_manager  region_admin  committee  auditor  system_admin
  // Public (load balancers).
  "GET /api/health":                                                 row("none",   "A",       "A",    "A",          "A",          "A",       "A",     "A"),
  // Public (version, languages).
  "GET /api/meta":                                                   row("none",   "A",       "A",    "A",          "A",          "A",       "A",     "A"),
  // System admins only. The test database answers 400 (embedded backups only) after the role check.
  "POST /api/system/backup":                                         row("none",   "D",       "D",    "D",          "D",          "D",       "D",     "A"),
  // Anonymous by design (rate limited per client and account).
  "POST /api/auth/login":                                            row("none",   "A",       "A",    "A",          "A",          "A",       "A",     "A"),
  "GET /api/auth/me":                                                row("none",   "D",       "A",    "A",          "A",          "A",       "A",     "A"),
  // Anonymous by design: signing out needs no valid session.
  "POST /api/auth/logout":                                           row("none",   "A",       "A",    "A",          "A",          "A",       "A",     "A"),
  // Every signed-in account changes its own password (the matrix asks with a weak new one: refused by the
  // strength check after the session and the current password are checked, so no session is ended).
  "POST /api/auth/password":                                         row("none",   "D",       "A",    "A",          "A",          "A",       "A",     "A"),
  // SITHS sign-in: anonymous by design; this app has no OIDC_* configured, so both answer 404 to everyone.
  "GET /api/auth/oidc/login":                                        row("none",   "H",       "H",    "H",          "H",          "H",       "H",     "H"),
  "GET /api/auth/oidc/callback":                                     row("none",   "H",       "H",    "H",          "H",          "H",       "H",     "H"),
  "GET /api/users":                                                  row("none",   "D",       "D",    "D",          "A",          "D",       "D",     "A"),
  // The new account's region and unit are the scope.
  "POST /api/users":                                                 row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // The disabled account's region and unit are the scope.
  "POST /api/users/{username}/disable":                              row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // Every signed-in role sees the list of regions (names only).
  "GET /api/regions":                                                row("none",   "D",       "A",    "A",          "A",          "A",       "A",     "A"),
  "POST /api/regions/import":                                        row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  // Unit lists are public anyway (/api/public/units); signed in, only one's own region.
  "GET /api/regions/{code}/units":                                   row("region", "DD",      "AD",   "AD",         "AD",         "AD",      "AD",    "AA"),
  "GET /api/units/{hsaId}/staff":                                    row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // An auditor asking for another region gets their own region's rows only (the filter cannot widen the scope): allowed, not a leak.
  "GET /api/audit":                                                  row("region", "DD",      "DD",   "DD",         "DD",         "DD",      "AA",    "AA"),
  // An auditor's verification counts only their region's rows (docs/SECURITY.md).
  "GET /api/audit/verify":                                           row("none",   "D",       "D",    "D",          "D",          "D",       "A",     "A"),
  // Public.
  "GET /api/public/units":                                           row("region", "AA",      "AA",   "AA",         "AA",         "AA",      "AA",    "AA"),
  // The resident web form: anonymous by design, any unit.
  "POST /api/contacts":                                              row("unit",   "AAA",     "AAA",  "AAA",        "AAA",        "AAA",     "AAA",   "AAA"),
  // The status token is the credential (a bearer link), not the session.
  "GET /api/contacts/status/{token}":                                row("unit",   "AAA",     "AAA",  "AAA",        "AAA",        "AAA",     "AAA",   "AAA"),
  // Only the phone system's signature authorises: a session without it is 401 for every role.
  "POST /api/telephony/events":                                      row("none",   "D",       "D",    "D",          "D",          "D",       "D",     "D"),
  "POST /api/telephony/systems":                                     row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  // Held-back receipts and honeypot hits: the region's admins and system admins only.
  "GET /api/contacts/intake-abuse":                                  row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "GET /api/worklist":                                               row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/worklist/stream":                                        row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/worklist/contacts":                                     row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/worklist/three-day":                                     row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/worklist/overflow":                                      row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "POST /api/contacts/{id}/claim":                                   row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/release":                                 row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/attempts":                                row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/response":                                row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/feedback":                                row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/notes":                                   row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/assessment":                              row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/contacts/{id}/transfer":                                row("unit",   "DDD",     "ADD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/reimbursement/models":                                   row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "POST /api/reimbursement/models":                                  row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "GET /api/reimbursement/models/{id}":                              row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "PUT /api/reimbursement/models/{id}":                              row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "POST /api/reimbursement/runs":                                    row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "GET /api/reimbursement/runs":                                     row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/reimbursement/runs/{id}":                                row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/reimbursement/runs/{id}/verify":                         row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  // A region-month has one approved run: the system admin's approval after the region admin's answers 409, past the access check.
  "POST /api/reimbursement/runs/{id}/approve":                       row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  // A unit manager reads their own unit's specification of an approved run only.
  "GET /api/reimbursement/runs/{id}/units/{hsaId}/specification.pdf":row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "AAD",     "DDD",   "AAA"),
  "GET /api/reimbursement/runs/{id}/export.xlsx":                    row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/reimbursement/year-summary":                             row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/reimbursement/budget":                                   row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "POST /api/reimbursement/scenarios":                               row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/reimbursement/scenarios.csv":                            row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/reimbursement/unit-reports":                             row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "PUT /api/reimbursement/unit-reports":                             row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "POST /api/reimbursement/imports/{kind}":                          row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/alerts":                                                 row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // A unit manager gets 404 for another unit's alert of their region (the query is limited to their units), 403 for another region's.
  "POST /api/alerts/{id}/ack":                                       row("unit",   "DDD",     "DDD",  "AHD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // Aggregates: staff and unit managers see every unit of their region, not other regions.
  "GET /api/stats/accessibility":                                    row("unit",   "DDD",     "AAD",  "AAD",        "AAD",        "AAD",     "AAD",   "AAA"),
  // Aggregates by hour; not a committee view.
  "GET /api/stats/heatmap":                                          row("unit",   "DDD",     "AAD",  "AAD",        "AAD",        "DDD",     "AAD",   "AAA"),
  // National reference values: every signed-in role.
  "GET /api/stats/reference-values":                                 row("none",   "D",       "A",    "A",          "A",          "A",       "A",     "A"),
  // Stored per region (the region admin's own); a system admin has no region, so none.
  "PUT /api/stats/reference-values/{year}":                          row("none",   "D",       "D",    "D",          "A",          "D",       "D",     "D"),
  "POST /api/imports/contacts":                                      row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/imports/{id}":                                           row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  // Aggregates: staff see the forecast of every unit of their region.
  "GET /api/forecast":                                               row("unit",   "DDD",     "AAD",  "AAD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // Unit managers and region admins; a system admin has no region, so none.
  "PUT /api/forecast/handle-minutes/{hsaId}":                        row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "DDD"),
  "POST /api/staffing/imports":                                      row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/staffing/stats":                                         row("region", "DD",      "DD",   "AD",         "AD",         "AD",      "DD",    "AA"),
  // Aggregates of the region.
  "GET /api/staffing/what-if":                                       row("unit",   "DDD",     "DDD",  "AAD",        "AAD",        "AAD",     "DDD",   "AAA"),
  "GET /api/staffing/goal":                                          row("region", "DD",      "DD",   "AD",         "AD",         "AD",      "DD",    "AA"),
  "PUT /api/staffing/goal":                                          row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "GET /api/staffing/form":                                          row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "PUT /api/staffing/form":                                          row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/grants":                                                 row("region", "DD",      "DD",   "AD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/grants/effect":                                          row("region", "DD",      "DD",   "AD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/listing/overview":                                       row("region", "DD",      "DD",   "AD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/listing/flows":                                          row("region", "DD",      "DD",   "AD",         "AD",         "AD",      "DD",    "AA"),
  "POST /api/listing/changes":                                       row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/structure/units":                                        row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "POST /api/structure/scenario":                                    row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "AAD",     "DDD",   "AAA"),
  "GET /api/transfers":                                              row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "AD",    "AA"),
  "POST /api/transfers":                                             row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "PUT /api/transfers/{id}":                                         row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "GET /api/transfers/{id}/history":                                 row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "AD",    "AA"),
  "POST /api/transfers/import":                                      row("region", "DD",      "DD",   "DD",         "AD",         "DD",      "DD",    "AA"),
  "POST /api/transfers/volumes/import":                              row("unit",   "DDD",     "DDD",  "DDD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "PUT /api/transfers/volumes":                                      row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  // A unit manager asking for another region gets their own units only: allowed, not a leak.
  "GET /api/transfers/units":                                        row("region", "DD",      "DD",   "AA",         "AD",         "DD",      "DD",    "AA"),
  "GET /api/transfers/units/{hsaId}":                                row("unit",   "DDD",     "DDD",  "ADD",        "AAD",        "DDD",     "DDD",   "AAA"),
  "GET /api/transfers/gap":                                          row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/transfers/gap.xlsx":                                     row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/transfers/gap/years":                                    row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  // Public open data (published months only).
  "GET /api/public/accessibility":                                   row("region", "AA",      "AA",   "AA",         "AA",         "AA",      "AA",    "AA"),
  // Public open data.
  "GET /api/public/accessibility/months":                            row("region", "AA",      "AA",   "AA",         "AA",         "AA",      "AA",    "AA"),
  // Public.
  "GET /api/public/regions":                                         row("none",   "A",       "A",    "A",          "A",          "A",       "A",     "A"),
  // Public.
  "GET /api/public/catalog":                                         row("none",   "A",       "A",    "A",          "A",          "A",       "A",     "A"),
  "GET /api/committee/promises":                                     row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/committee/dashboard":                                    row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  "GET /api/committee/kommun-map":                                   row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
  // Public map outlines.
  "GET /api/geo/kommuner":                                           row("region", "AA",      "AA",   "AA",         "AA",         "AA",      "AA",    "AA"),
  "GET /api/reports/quarterly":                                      row("region", "DD",      "DD",   "DD",         "AD",         "AD",      "DD",    "AA"),
};
