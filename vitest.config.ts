import { defineConfig } from "vitest/config";

// One config for the whole suite. Database-backed test files get their own database cloned from a
// template migrated once in globalSetup (see test/support/database.ts), so files can run in parallel.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "demo/**/*.test.ts", "web/src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // A worker imports the product once for all the files it runs, not once per file (that import was a
    // third of the suite's time). Files share no state through modules: each opens its own database and
    // app, and nothing mocks a module.
    isolate: false,
    maxWorkers: 2,
  },
});
