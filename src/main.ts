import { parseArgs } from "node:util";
import { demoHooks } from "../demo/hooks.ts";
import { loadConfig } from "./config.ts";
import { isAppError } from "./errors.ts";
import { startServer } from "./server.ts";

// `npm start`: the server with the embedded database in ./data (or DATABASE_URL), demo data on first start.
// An entry point: it wires the demo generators (demo/) into the server, which does not import them.
try {
  const { values } = parseArgs({
    options: { "data-dir": { type: "string" }, "no-demo": { type: "boolean", default: false } },
    allowPositionals: false,
  });
  const config = loadConfig(process.env, { dataDir: values["data-dir"] });
  const server = await startServer(config, { demo: !values["no-demo"], demoHooks });
  process.stderr.write(`Vårdnav is running at ${server.url}\n`);
} catch (error) {
  process.stderr.write(`vardnav: ${isAppError(error) ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
