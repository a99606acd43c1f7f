import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/lib/context.ts";
import { createElksSmsAdapter, toE164 } from "../../src/modules/notifications/adapters/elks-sms.ts";
import { createNotificationAdapter } from "../../src/modules/notifications/adapters/index.ts";
import { createSmtpEmailAdapter } from "../../src/modules/notifications/adapters/smtp-email.ts";
import { PermanentSendError } from "../../src/modules/notifications/adapters/types.ts";
import { startScriptedHttpServer } from "../support/notification-fixtures.ts";

const message = {
  id: "17",
  regionCode: "22",
  contactId: "6b1f0c1e-8d5a-4c1e-9a57-1f6f2a9c0e11",
  kind: "receipt" as const,
  to: { phone: "070-174 00 12", email: "invanare@example.se" },
  body: "Kramfors hälsocentral har tagit emot din kontakt. Vi ringer dig mellan kl 10:15 och 10:30.",
};

describe("toE164", () => {
  it.each([
    ["070-174 00 12", "+46701740012"],
    ["0701740012", "+46701740012"],
    ["+46 70 174 00 12", "+46701740012"],
    ["0046701740012", "+46701740012"],
    ["(070) 174-0012", "+46701740012"],
    ["12", null],
    ["ring mig", null],
  ])("%s → %s", (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });
});

describe("46elks SMS adapter", () => {
  it("posts the message form-encoded with basic auth and returns 46elks' id", async () => {
    const server = await startScriptedHttpServer([
      { status: 200, body: JSON.stringify({ id: "sd9a1b2c3", status: "created", to: "+46701740012" }) },
    ]);
    try {
      const adapter = createElksSmsAdapter({
        apiUrl: server.url,
        username: "api-user",
        password: "s3cret",
        from: "Vardnav",
      });
      expect(await adapter.send(message)).toEqual({ providerRef: "sd9a1b2c3" });
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request?.method).toBe("POST");
      expect(request?.url).toBe("/a1/sms");
      expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(request?.headers.authorization).toBe(
        `Basic ${Buffer.from("api-user:s3cret").toString("base64")}`,
      );
      const form = new URLSearchParams(request?.body);
      expect([...form.keys()].sort()).toEqual(["from", "message", "to"]);
      expect(form.get("from")).toBe("Vardnav");
      expect(form.get("to")).toBe("+46701740012");
      expect(form.get("message")).toBe(message.body);
    } finally {
      await server.close();
    }
  });

  it("treats 4xx as permanent, 429 and 5xx as retryable", async () => {
    const server = await startScriptedHttpServer([
      { status: 403, body: "Not enough credits" },
      { status: 429, body: "Too many requests" },
      { status: 500, body: "oops" },
    ]);
    try {
      const adapter = createElksSmsAdapter({
        apiUrl: server.url,
        username: "u",
        password: "p",
        from: "Vardnav",
      });
      await expect(adapter.send(message)).rejects.toBeInstanceOf(PermanentSendError);
      const retryable = [adapter.send(message), adapter.send(message)];
      for (const attempt of retryable) {
        const error = await attempt.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(PermanentSendError);
      }
      await expect(adapter.send({ ...message, to: { email: "a@b.se" } })).rejects.toBeInstanceOf(
        PermanentSendError,
      );
    } finally {
      await server.close();
    }
  });
});

interface ReceivedMail {
  auth: string | null;
  from: string;
  to: string[];
  data: string;
}

/** A tiny SMTP server (RFC 5321 subset nodemailer needs) that records what it receives. */
async function startSmtpServer(options: { rejectRecipient?: boolean } = {}) {
  const mails: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffer = "";
    let inData = false;
    let current: ReceivedMail = { auth: null, from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 test.local ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(current);
          current = { auth: current.auth, from: "", to: [], data: "" };
          reply("250 2.0.0 queued as TEST1");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.split(" ")[0]?.toUpperCase();
        if (verb === "EHLO") reply("250-test.local\r\n250-AUTH PLAIN\r\n250 8BITMIME");
        else if (verb === "AUTH") {
          current.auth = Buffer.from(line.split(" ")[2] ?? "", "base64").toString("utf8");
          reply("235 2.7.0 ok");
        } else if (verb === "MAIL") {
          current.from = line;
          reply("250 ok");
        } else if (verb === "RCPT") {
          if (options.rejectRecipient) reply("550 5.1.1 no such user");
          else {
            current.to.push(line);
            reply("250 ok");
          }
        } else if (verb === "DATA") {
          inData = true;
          reply("354 go ahead");
        } else if (verb === "RSET" || verb === "NOOP") reply("250 ok");
        else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("502 not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    mails,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("SMTP e-mail adapter", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("delivers the message over SMTP with authentication, a Swedish subject and the text body", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const adapter = createSmtpEmailAdapter({
      url: `smtp://mailer:pw@127.0.0.1:${smtp.port}`,
      from: "Vårdnav <noreply@vardnav.example>",
    });
    cleanups.push(() => adapter.close());
    const result = await adapter.send(message);
    expect(result.providerRef).toMatch(/^<.+>$/);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.auth).toBe("\u0000mailer\u0000pw");
    expect(mail?.from).toContain("<noreply@vardnav.example>");
    expect(mail?.to).toEqual(["RCPT TO:<invanare@example.se>"]);
    expect(mail?.data).toContain("Subject: Vi har tagit emot din kontakt");
    expect(mail?.data).toContain("Kramfors h=C3=A4lsocentral har tagit emot din kontakt.");
  });

  it("treats a permanent refusal (5xx) as permanent", async () => {
    const smtp = await startSmtpServer({ rejectRecipient: true });
    cleanups.push(smtp.close);
    const adapter = createSmtpEmailAdapter({
      url: `smtp://127.0.0.1:${smtp.port}`,
      from: "noreply@vardnav.example",
    });
    cleanups.push(() => adapter.close());
    await expect(adapter.send(message)).rejects.toBeInstanceOf(PermanentSendError);
    await expect(adapter.send({ ...message, to: { phone: "0701740012" } })).rejects.toBeInstanceOf(
      PermanentSendError,
    );
  });
});

describe("adapter configuration", () => {
  it("defaults to the log adapter", () => {
    expect(createNotificationAdapter(loadConfig({}), silentLogger).channel).toBe("log");
  });

  it("builds the adapter NOTIFY_ADAPTER names", () => {
    const sms = loadConfig({
      NOTIFY_ADAPTER: "sms",
      ELKS_API_USERNAME: "u",
      ELKS_API_PASSWORD: "p",
      ELKS_FROM: "Vardnav",
    });
    expect(createNotificationAdapter(sms, silentLogger).channel).toBe("sms");
    const email = loadConfig({
      NOTIFY_ADAPTER: "email",
      SMTP_URL: "smtp://localhost:25",
      SMTP_FROM: "a@b.se",
    });
    expect(createNotificationAdapter(email, silentLogger).channel).toBe("email");
  });

  it.each([
    [
      { NOTIFY_ADAPTER: "sms", ELKS_API_USERNAME: "u", ELKS_FROM: "Vardnav" },
      "ELKS_API_PASSWORD: required when NOTIFY_ADAPTER=sms",
    ],
    [
      { NOTIFY_ADAPTER: "email", SMTP_URL: "smtp://localhost" },
      "SMTP_FROM: required when NOTIFY_ADAPTER=email",
    ],
    [
      { NOTIFY_ADAPTER: "email", SMTP_URL: "http://mail", SMTP_FROM: "a@b.se" },
      "SMTP_URL: expected an smtp:// or smtps:// URL",
    ],
    [{ NOTIFY_ADAPTER: "pigeon" }, "NOTIFY_ADAPTER: expected log, sms or email"],
    [{ CONTACT_AT_RISK_MINUTES: "0" }, "CONTACT_AT_RISK_MINUTES"],
  ])("refuses %o naming the variable", (env, expected) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(expected);
  });
});
