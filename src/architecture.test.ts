import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The import rules of docs/ARCHITECTURE.md "Dependencies", checked on the source text: src/ never imports
// demo/ (only the two entry points wire it in), no two folders import each other, and the web takes from
// the server only types and the domain's pure value sets.

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), ".."));
const ENTRY_POINTS = new Set(["src/main.ts", "src/cli/main.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const resolved = (specifier: string | undefined) =>
    relative(ROOT, join(ROOT, dirname(file), specifier ?? ""));
  const statics = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)"/gms)].map(
    (m) => ({
      from: file,
      to: resolved(m[2]),
      typeOnly: m[1] !== undefined,
    }),
  );
  // import("./…") too: the CLI loads its command modules on demand (src/cli/main.ts).
  const dynamics = [...text.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g)].map((m) => ({
    from: file,
    to: resolved(m[1]),
    typeOnly: false,
  }));
  return [...statics, ...dynamics];
}

/** src/modules/<area> and src/domain/<area> are folders of their own; the rest by top folder. */
function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "src" && (parts[1] === "modules" || parts[1] === "domain") && parts.length > 3)
    return parts.slice(0, 3).join("/");
  if (parts[0] === "src") return parts.length > 2 ? parts.slice(0, 2).join("/") : path;
  return parts[0] ?? path;
}

const serverImports = sourceFiles("src").flatMap(importsOf);

describe("the dependency rules", () => {
  it("src/ imports demo/ only in the entry points", () => {
    // The scan reads the imports it should (a regex that matched nothing would pass every rule).
    expect(serverImports.length).toBeGreaterThan(300);
    const wiring = serverImports.filter((i) => ENTRY_POINTS.has(i.from) && i.to.startsWith("demo/"));
    expect(new Set(wiring.map((i) => i.from))).toEqual(ENTRY_POINTS);
    const offending = serverImports
      .filter((i) => i.to.startsWith("demo/") && !ENTRY_POINTS.has(i.from))
      .map((i) => `${i.from} → ${i.to}`);
    expect(offending).toEqual([]);
  });

  it("no two folders import each other", () => {
    const edges = new Set(serverImports.map((i) => `${folderOf(i.from)} → ${folderOf(i.to)}`));
    const cycles = [...edges].filter((edge) => {
      const [a, b] = edge.split(" → ");
      return a !== b && edges.has(`${b} → ${a}`);
    });
    expect(cycles).toEqual([]);
  });

  it("the web takes types from the server, and values only from the pure domain", () => {
    const offending = sourceFiles("web/src")
      .flatMap(importsOf)
      .filter((i) => i.to.startsWith("src/") && !i.typeOnly && !i.to.startsWith("src/domain/"))
      .map((i) => `${i.from} → ${i.to}`);
    expect(offending).toEqual([]);
  });
});
