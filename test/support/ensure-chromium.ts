// `npm test`'s first step: the browser tests need Debian's Chromium. On a fresh machine where it is
// missing and this runs as root (CI, a new container), it is installed from Debian's packages, so the
// README's one test command needs nothing else; otherwise this says what to install and the suite runs
// anyway (the browser tests then fail with the same message). Set CHROMIUM_PATH to use another binary.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

if (!existsSync(chromiumPath)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (chromiumPath === "/usr/bin/chromium" && isRoot && existsSync("/usr/bin/apt-get")) {
    process.stderr.write("Chromium is missing: installing Debian's chromium package for the browser tests\n");
    const installed =
      run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]);
    if (!installed) {
      process.stderr.write("Could not install chromium with apt-get; the browser tests will fail.\n");
    }
  } else {
    process.stderr.write(
      `Chromium not found at ${chromiumPath}: the browser tests need it (as root: apt-get install -y chromium).\n`,
    );
  }
}
