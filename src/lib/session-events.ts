import { EventEmitter } from "node:events";
import type { ServiceContext } from "./context.ts";

// Tells long-lived responses of this process (the worklist's event stream) that sessions have ended: a
// sign-out ends one session, disabling an account or changing its password ends all of its sessions. One
// bus per database handle, like the contact-change bus. Other server processes do not hear it: their
// streams find out at their next periodic re-check of the session (contacts.routes.ts).

export type SessionEnd =
  | { sessionId: string }
  | { userId: number /** A password change keeps the session it was made in. */; exceptSessionId?: string };

class SessionEventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  ended(end: SessionEnd): void {
    this.#emitter.emit("ended", end);
  }

  subscribe(listener: (end: SessionEnd) => void): () => void {
    this.#emitter.on("ended", listener);
    return () => this.#emitter.off("ended", listener);
  }
}

const buses = new WeakMap<object, SessionEventBus>();

export function sessionEvents(ctx: Pick<ServiceContext, "db">): SessionEventBus {
  let bus = buses.get(ctx.db);
  if (!bus) {
    bus = new SessionEventBus();
    buses.set(ctx.db, bus);
  }
  return bus;
}

/** Whether an end concerns the session `sessionId` of user `userId`. */
export function endsSession(end: SessionEnd, sessionId: string, userId: number): boolean {
  if ("sessionId" in end) return end.sessionId === sessionId;
  return end.userId === userId && end.exceptSessionId !== sessionId;
}
