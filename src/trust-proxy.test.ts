import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { testConfig } from "../test/support/app.ts";
import { buildApp } from "./app.ts";
import type { Database } from "./db/schema.ts";
import { silentLogger } from "./lib/context.ts";
import { developmentKeyring } from "./lib/sealing.ts";

// Which address a request comes from decides the public rate limits: behind one proxy only its hop is
// trusted, so a client cannot pick its own address with X-Forwarded-For.
async function clientIp(trustProxy: boolean | number | string[], forwardedFor: string, from = "10.0.0.1") {
  const app = await buildApp({
    ctx: {
      db: {} as Kysely<Database>,
      clock: {
        now: () => {
          throw new Error("unused");
        },
      },
      logger: silentLogger,
      keyring: developmentKeyring(),
    },
    config: { ...testConfig, TRUST_PROXY: trustProxy },
    webDistDir: null,
  });
  app.get("/ip-probe", async (request) => ({ ip: request.ip }));
  try {
    const response = await app.inject({
      method: "GET",
      url: "/ip-probe",
      remoteAddress: from,
      headers: { "x-forwarded-for": forwardedFor },
    });
    return response.json().ip as string;
  } finally {
    await app.close();
  }
}

describe("TRUST_PROXY", () => {
  it("false: the socket's address", async () => {
    expect(await clientIp(false, "1.1.1.1, 2.2.2.2")).toBe("10.0.0.1");
  });
  it("a hop count of 1: the address the one proxy saw, not what the client claimed before it", async () => {
    expect(await clientIp(1, "6.6.6.6, 2.2.2.2")).toBe("2.2.2.2");
  });
  it("an address list: forwarded addresses count only from a listed proxy", async () => {
    expect(await clientIp(["10.0.0.1"], "6.6.6.6, 2.2.2.2")).toBe("2.2.2.2");
    expect(await clientIp(["10.0.0.9"], "6.6.6.6, 2.2.2.2")).toBe("10.0.0.1");
  });
});
