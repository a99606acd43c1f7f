import { parseArgs } from "node:util";
import { loadConfig } from "./config.ts";
import { isAppError } from "./errors.ts";
import { startServer } from "./server.ts";

// `npm start`: the server with the embedded database in ./data (or DATABASE_URL), demo data on first start.
try {
  const { values } = parseArgs({
    options: { "data-dir": { type: "string" }, "no-demo": { type: "boolean", default: false } },
    allowPositionals: false,
  });
  const config = loadConfig(process.env, { dataDir: values["data-dir"] });
  const server = await startServer(config, { demo: !values["no-demo"] });
  process.stderr.write(`Vårdnav is running at ${server.url}\n`);
} catch (error) {
  process.stderr.write(`vardnav: ${isAppError(error) ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
