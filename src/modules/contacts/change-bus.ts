import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { sql } from "kysely";
import pg from "pg";
import type { Logger, ServiceContext } from "../../lib/context.ts";

// Live worklists: every committed contact change is published on an in-process bus (one per database
// handle, so a simulator running in the server process reaches the same subscribers) and, after commit,
// with pg_notify, so worklists served by other server processes see it too. The notify is sent after the
// commit in a transaction of its own: a NOTIFY inside the contact's transaction would take PostgreSQL's
// global notify-queue lock across that commit and serialise every intake behind it.

export const CONTACT_CHANNEL = "vardnav_contact_changed";
/** Tells this process's own notifications apart from other processes' (it already published them). */
const PROCESS_ID = randomUUID();

export interface ContactChange {
  regionCode: string;
  unitId: number;
  contactId: string;
}

export class ContactChangeBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open worklist tab; no meaningful ceiling.
    this.#emitter.setMaxListeners(0);
  }

  publishLocal(change: ContactChange): void {
    this.#emitter.emit("change", change);
  }

  subscribe(listener: (change: ContactChange) => void): () => void {
    this.#emitter.on("change", listener);
    return () => this.#emitter.off("change", listener);
  }
}

const buses = new WeakMap<object, ContactChangeBus>();

export function contactChangeBus(ctx: Pick<ServiceContext, "db">): ContactChangeBus {
  let bus = buses.get(ctx.db);
  if (!bus) {
    bus = new ContactChangeBus();
    buses.set(ctx.db, bus);
  }
  return bus;
}

/** Called after the transaction that made the changes has committed. Never throws: the change is durable. */
export async function publishContactChanges(
  ctx: ServiceContext,
  changes: readonly ContactChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const bus = contactChangeBus(ctx);
  const unique = new Map(changes.map((c) => [`${c.unitId}:${c.contactId}`, c]));
  for (const change of unique.values()) bus.publishLocal(change);
  await remoteNotifier(ctx).send(ctx, [...unique.values()]);
}

// Each NOTIFY commit takes PostgreSQL's global notify-queue lock and, with synchronous_commit, waits for
// its WAL flush while holding it: one notify per intake capped the whole installation at one fsync per
// contact (about 115 intakes/s on the bench machine). So notifications are coalesced — at most one notify
// transaction in flight per process, carrying everything published in the COALESCE_MS before it and
// meanwhile — and committed without waiting for the flush: a lost notification only delays another
// process's worklist until its next change. The window makes one transaction carry the next 20 ms of
// changes even when the previous notify finished at once (under load that is a transaction per few
// intakes instead of possibly one each); 20 ms is not a delay a person sees.
const COALESCE_MS = 20;
class RemoteNotifier {
  #pending: ContactChange[] = [];
  #waiters: (() => void)[] = [];
  #draining: Promise<void> | null = null;

  /** Resolves when a notify carrying these changes has been sent (or has failed and been logged). */
  send(ctx: ServiceContext, changes: ContactChange[]): Promise<void> {
    this.#pending.push(...changes);
    return new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
      this.#draining ??= this.#drain(ctx);
    });
  }

  /** Resolves when everything published so far has been sent (or has failed and been logged). */
  settled(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  async #drain(ctx: ServiceContext): Promise<void> {
    while (this.#pending.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
      const batch = this.#pending;
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      try {
        await notifyOtherProcesses(ctx, batch);
      } catch (error) {
        ctx.logger.warn({ err: error }, "could not notify other processes of a contact change");
      }
      for (const resolve of waiters) resolve();
    }
    this.#draining = null;
  }
}

const notifiers = new WeakMap<object, RemoteNotifier>();

/** A shutdown waits for this before it closes the database, so the last changes still reach other processes. */
export function settleContactNotifications(ctx: Pick<ServiceContext, "db">): Promise<void> {
  return notifiers.get(ctx.db)?.settled() ?? Promise.resolve();
}

function remoteNotifier(ctx: Pick<ServiceContext, "db">): RemoteNotifier {
  let notifier = notifiers.get(ctx.db);
  if (!notifier) {
    notifier = new RemoteNotifier();
    notifiers.set(ctx.db, notifier);
  }
  return notifier;
}

/** pg_notify payloads are limited to 8000 bytes: changes go in as few payloads as fit. */
export function notificationPayloads(changes: readonly ContactChange[], maxLength = 7900): string[] {
  const payloads: string[] = [];
  let chunk: ContactChange[] = [];
  const render = (items: ContactChange[]) => JSON.stringify({ p: PROCESS_ID, c: items });
  for (const change of changes) {
    if (chunk.length > 0 && render([...chunk, change]).length > maxLength) {
      payloads.push(render(chunk));
      chunk = [];
    }
    chunk.push(change);
  }
  if (chunk.length > 0) payloads.push(render(chunk));
  return payloads;
}

async function notifyOtherProcesses(ctx: ServiceContext, changes: readonly ContactChange[]): Promise<void> {
  const payloads = notificationPayloads(changes);
  await ctx.db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit to off`.execute(trx);
    for (const payload of payloads) await sql`select pg_notify(${CONTACT_CHANNEL}, ${payload})`.execute(trx);
  });
}

/**
 * On PostgreSQL: LISTEN on a dedicated connection and relay other processes' changes to this process's
 * bus. Reconnects after a lost connection (worklists then refetch on the next change). Returns a stopper.
 */
export function relayNotifications(
  ctx: Pick<ServiceContext, "db">,
  databaseUrl: string,
  logger: Logger,
): () => Promise<void> {
  const bus = contactChangeBus(ctx);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => {
      if (message.channel !== CONTACT_CHANNEL || !message.payload) return;
      try {
        const parsed = JSON.parse(message.payload) as { p: string; c: ContactChange[] };
        if (parsed.p === PROCESS_ID) return;
        for (const change of parsed.c) bus.publishLocal(change);
      } catch (error) {
        logger.warn({ err: error }, "unreadable contact notification");
      }
    });
    next.on("error", (error) => {
      logger.warn({ err: error }, "contact notification connection lost; reconnecting");
      client = null;
      next.end().catch(() => {});
      if (!stopped) retry = setTimeout(connect, 1000);
    });
    try {
      await next.connect();
      await next.query(`listen ${CONTACT_CHANNEL}`);
      if (stopped) {
        await next.end();
        return;
      }
      client = next;
    } catch (error) {
      logger.warn({ err: error }, "could not listen for contact notifications; retrying");
      next.end().catch(() => {});
      if (!stopped) retry = setTimeout(connect, 1000);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    if (current) await current.end().catch(() => {});
  };
}
