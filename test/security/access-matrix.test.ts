import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs } from "../support/app.ts";
import { REQUESTS, type TargetScope, targetOf } from "./access-matrix.requests.ts";
import { ACCESS_MATRIX, type Cell, type MatrixRow } from "./access-matrix.ts";
import { createWorld, inject, ROLE_NAMES, type World } from "./fixture.ts";

// Runs the reviewed access matrix (access-matrix.ts): every route of the OpenAPI document, every role,
// each scope, one real request with a real session and a real object of that scope. A (allow) = the
// answer passed authorisation (2xx, or a 4xx other than 401, 403 and 404 that the service gives after its
// check); D (deny) = 401 or 403; H (hide) = 404, where the product does not say whether the object exists.
// `MATRIX_RECORD=1 npx vitest run test/security/access-matrix.test.ts` prints the observed table in the
// file's format, for a new route's rows (review every cell before pasting); MATRIX_RECORD=2 also prints
// every cell's status and the start of its body.

const SCOPES: Record<MatrixRow["scope"], TargetScope[]> = {
  none: ["own"],
  region: ["own", "otherRegion"],
  unit: ["own", "otherUnit", "otherRegion"],
};

let world: World;
let operations: string[];

beforeAll(async () => {
  world = await createWorld();
  const document = (await world.t.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}, 120_000);

afterAll(async () => {
  await world?.t.close();
});

function observed(status: number): Cell {
  if (status === 401 || status === 403) return "D";
  if (status === 404) return "H";
  return "A";
}

describe("the access matrix", () => {
  it("has one row for every route and names no route that is gone", () => {
    expect(Object.keys(ACCESS_MATRIX).filter((name) => !operations.includes(name))).toEqual([]);
    expect(operations.filter((name) => !(name in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(ACCESS_MATRIX).sort());
  });

  it("every role in every scope gets what its row says, and never a 5xx", async () => {
    const mismatches: string[] = [];
    const recorded: string[] = [];
    let passedWithoutSuccess = 0;
    for (const name of operations) {
      const row = ACCESS_MATRIX[name];
      const build = REQUESTS[name];
      const cells: string[] = [];
      for (const role of ROLE_NAMES) {
        const got: Cell[] = [];
        for (const scope of SCOPES[row?.scope ?? "unit"]) {
          if (!build) continue;
          // Signing out ends the session it is sent with: a session of its own for that cell.
          const session =
            role === "anonymous"
              ? null
              : name === "POST /api/auth/logout"
                ? await loginAs(world.t.app, `m.${role}`)
                : world.sessions[role];
          const request = await build(world, targetOf(scope));
          const response = await inject(world.t.app, session, request);
          const cell = observed(response.statusCode);
          got.push(cell);
          if (process.env.MATRIX_RECORD === "2")
            process.stdout.write(
              `cell ${name} ${role} ${scope} ${response.statusCode} ${response.body.slice(0, 140)}\n`,
            );
          if (response.statusCode >= 500) mismatches.push(`${name} ${role} ${scope}: ${response.statusCode}`);
          if (cell === "A" && response.statusCode >= 300) passedWithoutSuccess += 1;
          const expected = row?.cells[role][got.length - 1];
          if (row && expected !== cell)
            mismatches.push(
              `${name} ${role} ${scope}: expected ${expected}, got ${cell} (${response.statusCode} ${response.body.slice(0, 160)})`,
            );
        }
        cells.push(`"${got.join("")}"`);
      }
      recorded.push(`  "${name}": row("${row?.scope ?? "unit"}", ${cells.join(", ")}),`);
    }
    if (process.env.MATRIX_RECORD) process.stdout.write(`${recorded.join("\n")}\n`);
    process.stdout.write(
      `access matrix: ${passedWithoutSuccess} allowed cells answered a 3xx/4xx after authorisation\n`,
    );
    expect(mismatches).toEqual([]);
  }, 600_000);
});
