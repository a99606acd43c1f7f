import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./server.ts";

function collector() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

describe("the server's logger", () => {
  it("writes one JSON object per line when not in a terminal", () => {
    const out = collector();
    createLogger("info", false, out.stream).info({ unit: "SE1" }, "ready");
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ level: 30, msg: "ready", unit: "SE1" });
  });

  it("writes pino-pretty's readable lines in a terminal", () => {
    const out = collector();
    createLogger("info", true, out.stream).info({ unit: "SE1" }, "ready");
    const text = out.text();
    expect(text).toContain("ready");
    expect(text).toContain("INFO");
    expect(() => JSON.parse(text.trim())).toThrow();
  });

  it("honours the level", () => {
    const out = collector();
    createLogger("warn", false, out.stream).info("not shown");
    expect(out.text()).toBe("");
  });
});
