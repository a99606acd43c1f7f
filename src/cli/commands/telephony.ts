import type { Command } from "commander";
import { systemActor } from "../../modules/audit/audit.service.ts";
import {
  disableTelephonySystem,
  listTelephonySystems,
  registerTelephonySystem,
  rotateTelephonySecret,
  setUnversionedSignature,
} from "../../modules/contacts/telephony-systems.service.ts";
import { type CliIo, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";

// Secrets go to standard output alone (one line), so `secret=$(vardnav telephony add …)` captures them;
// everything else goes to standard error.
export function registerTelephonyCommands(program: Command, io: CliIo): void {
  const telephony = program.command("telephony").description("Phone systems that post signed events");

  telephony
    .command("add")
    .description("Register a phone system of a region; prints its new signing secret alone on stdout")
    .requiredOption("--region <code>", "länskod of the region")
    .requiredOption("--id <id>", "the system's id (X-Vardnav-System)")
    .requiredOption("--name <name>", "display name")
    .action(async (opts: { region: string; id: string; name: string }, command: Command) => {
      await withRuntime(command, io, "telephony add", async ({ ctx }) => {
        const created = await registerTelephonySystem(
          ctx,
          systemActor("cli"),
          { id: opts.id, regionCode: opts.region, name: opts.name },
          "vardnav telephony add",
        );
        io.stderr.write(`Registered ${created.id} (${created.name}) for region ${created.regionCode}.\n`);
        io.stdout.write(`${created.secret}\n`);
      });
    });

  telephony
    .command("list")
    .description("List the phone systems (never their secrets)")
    .option("--region <code>", "only this region")
    .option("--format <format>", "json or table", "table")
    .action(async (opts: { region?: string; format?: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "telephony list", async ({ ctx }) => {
        const systems = await listTelephonySystems(ctx, systemActor("cli"), { regionCode: opts.region });
        if (format === "json") writeJson(io, systems);
        else
          io.stdout.write(
            formatTable(
              ["id", "region", "name", "status", "signature", "secret rotated"],
              systems.map((s) => [
                s.id,
                s.regionCode,
                s.name,
                s.disabled ? "disabled" : "active",
                s.unversionedSignature ? "v1 + unversioned (deprecated)" : "v1",
                s.secretRotatedAt ?? "",
              ]),
            ),
          );
      });
    });

  telephony
    .command("disable")
    .description("Disable a phone system: its requests get 401 from now on")
    .argument("<id>")
    .action(async (id: string, _opts, command: Command) => {
      await withRuntime(command, io, "telephony disable", async ({ ctx }) => {
        await disableTelephonySystem(ctx, systemActor("cli"), id, "vardnav telephony disable");
        io.stderr.write(`${id} disabled.\n`);
      });
    });

  telephony
    .command("rotate")
    .description("Give a phone system a new secret (the old one stops at once); prints it alone on stdout")
    .argument("<id>")
    .action(async (id: string, _opts, command: Command) => {
      await withRuntime(command, io, "telephony rotate", async ({ ctx }) => {
        const secret = await rotateTelephonySecret(ctx, systemActor("cli"), id, "vardnav telephony rotate");
        io.stderr.write(`New secret for ${id}; the old one no longer verifies.\n`);
        io.stdout.write(`${secret}\n`);
      });
    });

  telephony
    .command("refuse-unversioned")
    .description("Stop accepting the older unversioned signature from a phone system (v1 only)")
    .argument("<id>")
    .action(async (id: string, _opts, command: Command) => {
      await withRuntime(command, io, "telephony refuse-unversioned", async ({ ctx }) => {
        await setUnversionedSignature(
          ctx,
          systemActor("cli"),
          id,
          false,
          "vardnav telephony refuse-unversioned",
        );
        io.stderr.write(`${id} accepts only the v1 signature from now on.\n`);
      });
    });
}
