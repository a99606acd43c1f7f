import type { Command } from "commander";
import type { Role } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { systemActor } from "../../modules/audit/audit.service.ts";
import { addUser, listUsers, setUserEnabled, setUserHsaId } from "../../modules/auth/users.service.ts";
import { type CliIo, formatTable, parseFormat, withRuntime, writeJson } from "../shared.ts";

async function readPasswordFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, "");
}

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command("user").description("Local accounts");

  user
    .command("add")
    .description(
      "Create an account; the password comes from VARDNAV_PASSWORD or standard input (none with --no-password)",
    )
    .requiredOption("--username <name>", "login name (a–z, 0–9, . _ -)")
    .requiredOption("--name <displayName>", "display name")
    .requiredOption(
      "--role <role>",
      "staff | unit_manager | region_admin | committee | auditor | system_admin",
    )
    .option("--region <code>", "länskod of the user's region (not for system_admin)")
    .option("--unit <hsaId...>", "units of a staff member or unit manager")
    .option("--hsa-id <hsaId>", "the person's HSA-id, for SITHS sign-in")
    .option("--no-password", "no password: the account signs in with SITHS only (needs --hsa-id)")
    .option("--format <format>", "json or table", "table")
    .action(async (opts, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      let password: string | null = null;
      if (opts.password !== false) {
        password = io.env.VARDNAV_PASSWORD ?? (await readPasswordFromStdin(io.stdin));
        if (!password)
          throw new AppError(
            "bad_request",
            "Give the password in VARDNAV_PASSWORD or on standard input (or --no-password with --hsa-id).",
          );
      }
      await withRuntime(command, io, "user add", async ({ ctx }) => {
        const created = await addUser(
          ctx,
          systemActor("cli"),
          {
            username: opts.username,
            displayName: opts.name,
            password,
            role: opts.role as Role,
            regionCode: opts.region ?? null,
            unitHsaIds: opts.unit ?? [],
            hsaId: opts.hsaId ?? null,
          },
          "vardnav user add",
          { mustChangePassword: true },
        );
        if (format === "json") writeJson(io, created);
        else io.stdout.write(`Created ${created.username} (${created.role}).\n`);
      });
    });

  user
    .command("set-hsa-id")
    .description("Give an account the person's HSA-id for SITHS sign-in (or take it away with --clear)")
    .argument("<username>")
    .argument("[hsaId]", "the HSA-id, e.g. SE2321000016-1003")
    .option("--clear", "remove the account's HSA-id")
    .action(async (username: string, hsaId: string | undefined, opts, command: Command) => {
      if ((hsaId === undefined) === (opts.clear !== true))
        throw new AppError("bad_request", "Give either an HSA-id or --clear.");
      await withRuntime(command, io, "user set-hsa-id", async ({ ctx }) => {
        const result = await setUserHsaId(
          ctx,
          systemActor("cli"),
          username,
          hsaId ?? null,
          "vardnav user set-hsa-id",
        );
        io.stdout.write(
          result.hsaId === null
            ? `${result.username} has no HSA-id now.\n`
            : `${result.username} signs in with SITHS as ${result.hsaId}.\n`,
        );
      });
    });

  user
    .command("list")
    .description("List accounts")
    .option("--format <format>", "json or table", "table")
    .action(async (opts, command: Command) => {
      const format = parseFormat(opts.format, ["json", "table"] as const, "table");
      await withRuntime(command, io, "user list", async ({ ctx }) => {
        const users = await listUsers(ctx, systemActor("cli"), "vardnav user list");
        if (format === "json") writeJson(io, users);
        else
          io.stdout.write(
            formatTable(
              ["username", "name", "role", "region", "status", "hsa-id", "password"],
              users.map((u) => [
                u.username,
                u.displayName,
                u.role,
                u.regionCode,
                u.disabled ? "disabled" : "active",
                u.hsaId,
                u.passwordSignIn ? "yes" : "no",
              ]),
            ),
          );
      });
    });

  for (const [name, enabled] of [
    ["disable", false],
    ["enable", true],
  ] as const) {
    user
      .command(name)
      .description(enabled ? "Enable an account" : "Disable an account and end its sessions")
      .argument("<username>")
      .action(async (username: string, _opts, command: Command) => {
        await withRuntime(command, io, `user ${name}`, async ({ ctx }) => {
          await setUserEnabled(ctx, systemActor("cli"), username, enabled, `vardnav user ${name}`);
          io.stdout.write(`${username} ${enabled ? "enabled" : "disabled"}.\n`);
        });
      });
  }
}
