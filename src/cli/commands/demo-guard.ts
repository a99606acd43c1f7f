import type { Command } from "commander";
import { AppError } from "../../errors.ts";
import { demoAllowed } from "../../production.ts";
import { type CliIo, configFor } from "../shared.ts";

/** Production never loads demo data (src/production.ts), not even on request. */
export function refuseInProduction(command: Command, io: CliIo): void {
  if (!demoAllowed(configFor(command, io), true)) {
    throw new AppError("bad_request", "Demo data is never loaded with NODE_ENV=production.");
  }
}
