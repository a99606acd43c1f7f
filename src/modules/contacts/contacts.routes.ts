import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../http/auth-hooks.ts";
import { mediaResponse, responses } from "../../http/responses.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { endsSession, sessionEvents } from "../../lib/session-events.ts";
import { contactChangeBus, relayNotifications } from "./change-bus.ts";
import { DEFAULT_AT_RISK_MINUTES, type WorklistSettings } from "./contact-access.ts";
import {
  addNote,
  claimContact,
  recordAssessment,
  recordAttempt,
  recordFeedback,
  recordResponseAction,
  releaseContact,
  transferContact,
} from "./contact-actions.service.ts";
import {
  assessmentSchema,
  attemptSchema,
  contactListSchema,
  feedbackSchema,
  intakeAbuseQuery,
  intakeAbuseReportSchema,
  noteSchema,
  publicUnitsSchema,
  receiptSchema,
  staffContactSchema,
  statusSchema,
  telephonyResultSchema,
  telephonySystemSchema,
  transferSchema,
  webContactSchema,
  worklistContactSchema,
  worklistSchema,
} from "./contacts.schemas.ts";
import { acceptWebContact, registerStaffContact } from "./intake.service.ts";
import { getIntakeAbuseReport } from "./intake-abuse.service.ts";
import { getContactStatus, searchPublicUnits } from "./resident-status.service.ts";
import {
  checkTelephonyHeaders,
  handleTelephonyEvent,
  type TelephonyPreflight,
  type TelephonyRequestHeaders,
} from "./telephony.service.ts";
import { registerTelephonySystem } from "./telephony-systems.service.ts";
import { authorizeStream, getRegionOverflow, getThreeDayList, getWorklist } from "./worklist.service.ts";

export interface ContactsRouteOptions {
  publicRateLimitPerMinute: number;
  atRiskMinutes?: number | undefined;
  /** On PostgreSQL: LISTEN for other server processes' contact changes (live worklists). */
  databaseUrl?: string | undefined;
  /** Keep-alive comment interval of the event stream. */
  keepAliveMs?: number;
  /**
   * Whether a session is still valid (not signed out, expired or disabled), checked by open event streams
   * every `sessionRecheckMs` (default 30 s): a sign-out in another server process or a session running out
   * is noticed here. Sign-outs and disabled accounts in this process end the stream at once.
   */
  isSessionLive?: (sessionId: string) => Promise<boolean>;
  sessionRecheckMs?: number;
}

const idParams = z.object({ id: z.uuid() });
const unitQuery = z.object({ unit: z.string().min(1).max(64) });
const KEEP_ALIVE_MS = 15_000;
const SESSION_RECHECK_MS = 30_000;

export function contactsRoutes(ctx: ServiceContext, options: ContactsRouteOptions): FastifyPluginAsyncZod {
  const settings: WorklistSettings = { atRiskMinutes: options.atRiskMinutes ?? DEFAULT_AT_RISK_MINUTES };
  const publicLimit = { max: options.publicRateLimitPerMinute, timeWindow: "1 minute" };

  return async (app) => {
    // Open event streams end when the server closes, so a shutdown does not wait for browsers.
    const streams = new Set<() => void>();
    app.addHook("preClose", async () => {
      for (const end of streams) end();
    });
    if (options.databaseUrl) {
      const stop = relayNotifications(ctx, options.databaseUrl, ctx.logger);
      app.addHook("onClose", async () => stop());
    }

    // --- Public (no session) ---------------------------------------------------------------------
    app.get(
      "/api/public/units",
      {
        config: { rateLimit: publicLimit },
        schema: {
          tags: ["contacts"],
          summary: "Units a resident can contact, searched by unit or kommun name",
          querystring: z.object({
            q: z.string().max(100).optional(),
            region: z
              .string()
              .regex(/^\d{2}$/)
              .optional(),
          }),
          response: responses({ 200: publicUnitsSchema }),
        },
      },
      async (request) => searchPublicUnits(ctx, request.query),
    );

    app.post(
      "/api/contacts",
      {
        config: { skipCsrf: true, anonymous: true, rateLimit: publicLimit },
        schema: {
          tags: ["contacts"],
          summary: "Resident web form: a new contact (committed before the reply)",
          body: webContactSchema,
          response: responses({ 201: receiptSchema }),
        },
      },
      async (request, reply) => reply.status(201).send(await acceptWebContact(ctx, request.body)),
    );

    app.get(
      "/api/contacts/status/:token",
      {
        config: { rateLimit: publicLimit },
        schema: {
          tags: ["contacts"],
          summary: "The resident's status page data (private link)",
          params: z.object({ token: z.string().max(200) }),
          response: responses({ 200: statusSchema }),
        },
      },
      async (request) => getContactStatus(ctx, request.params.token),
    );

    // The webhook's signature covers the exact bytes sent, so this route keeps the raw body. Its headers
    // (system, timestamp, scheme) are checked in onRequest, before any byte of the body is read.
    await app.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
      const preflights = new WeakMap<object, TelephonyPreflight>();
      const signatureHeaders = (request: FastifyRequest): TelephonyRequestHeaders => {
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        return {
          systemId: header("x-vardnav-system"),
          timestamp: header("x-vardnav-timestamp"),
          idempotencyKey: header("idempotency-key"),
          signature: header("x-vardnav-signature"),
        };
      };
      raw.post(
        "/api/telephony/events",
        {
          config: { skipCsrf: true, anonymous: true },
          onRequest: async (request) => {
            preflights.set(request, await checkTelephonyHeaders(ctx, signatureHeaders(request)));
          },
          schema: {
            tags: ["contacts"],
            summary: "Phone-system webhook (timestamped HMAC-SHA256 signature v1, Idempotency-Key)",
            response: responses({ 200: telephonyResultSchema, 201: telephonyResultSchema }),
          },
        },
        async (request, reply) => {
          const result = await handleTelephonyEvent(
            ctx,
            signatureHeaders(request),
            Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
            preflights.get(request),
          );
          return reply.status(result.statusCode).send(result.body);
        },
      );
    });

    app.post(
      "/api/telephony/systems",
      {
        schema: {
          tags: ["contacts"],
          summary: "Register a phone system of a region; answers its signing secret once (region admin)",
          body: z.object({
            id: z.string().min(1).max(64),
            regionCode: z.string().regex(/^\d{2}$/),
            name: z.string().trim().min(1).max(200),
          }),
          response: responses({ 201: telephonySystemSchema }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await registerTelephonySystem(
              ctx,
              requireActor(request),
              request.body,
              "POST /api/telephony/systems",
            ),
          ),
    );

    app.get(
      "/api/contacts/intake-abuse",
      {
        schema: {
          tags: ["contacts"],
          summary:
            "Per day, what the public intake held back: honeypot hits and receipts over the phone or identity allowance (region admin)",
          querystring: intakeAbuseQuery,
          response: responses({ 200: intakeAbuseReportSchema }),
        },
      },
      async (request) => getIntakeAbuseReport(ctx, requireActor(request), request.query),
    );

    // --- Staff -------------------------------------------------------------------------------------
    app.get(
      "/api/worklist",
      {
        schema: {
          tags: ["contacts"],
          summary: "A unit's contacts of a service day (default today), with counters",
          querystring: z.object({
            unit: z.string().min(1).max(64),
            date: z.iso.date().optional(),
          }),
          response: responses({ 200: worklistSchema }),
        },
      },
      async (request) =>
        getWorklist(
          ctx,
          requireActor(request),
          { unitHsaId: request.query.unit, date: request.query.date },
          settings,
        ),
    );

    app.get(
      "/api/worklist/stream",
      {
        schema: {
          tags: ["contacts"],
          summary:
            "Server-sent events: `contact-changed` for every change of a unit's (or a region's) contacts",
          querystring: z.object({
            unit: z.string().min(1).max(64).optional(),
            region: z
              .string()
              .regex(/^\d{2}$/)
              .optional(),
          }),
          response: responses({
            200: mediaResponse(
              "`contact-changed` events, one per change, and keep-alive comments",
              "text/event-stream",
            ),
          }),
        },
      },
      async (request, reply) => {
        const scope = await authorizeStream(ctx, requireActor(request), {
          unitHsaId: request.query.unit,
          regionCode: request.query.region,
        });
        streamChanges(ctx, request, reply, scope, streams, {
          keepAliveMs: options.keepAliveMs ?? KEEP_ALIVE_MS,
          recheckMs: options.sessionRecheckMs ?? SESSION_RECHECK_MS,
          isSessionLive: options.isSessionLive,
        });
      },
    );

    app.post(
      "/api/worklist/contacts",
      {
        schema: {
          tags: ["contacts"],
          summary: "Register a walk-in or a letter",
          body: staffContactSchema,
          response: responses({ 201: worklistContactSchema }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await registerStaffContact(ctx, requireActor(request), request.body)),
    );

    app.get(
      "/api/worklist/three-day",
      {
        schema: {
          tags: ["contacts"],
          summary: "New or worsened problems not yet assessed, across days",
          querystring: unitQuery,
          response: responses({ 200: contactListSchema }),
        },
      },
      async (request) => getThreeDayList(ctx, requireActor(request), request.query.unit, settings),
    );

    app.get(
      "/api/worklist/overflow",
      {
        schema: {
          tags: ["contacts"],
          summary: "Today's open overflow of the region (backup team, region admin)",
          querystring: z.object({ region: z.string().regex(/^\d{2}$/) }),
          response: responses({ 200: contactListSchema }),
        },
      },
      async (request) => getRegionOverflow(ctx, requireActor(request), request.query.region, settings),
    );

    const action = {
      tags: ["contacts"],
      params: idParams,
      response: responses({ 200: worklistContactSchema }),
    };
    app.post(
      "/api/contacts/:id/claim",
      { schema: { ...action, summary: "Claim: “jag ringer nu”" } },
      async (request) => claimContact(ctx, requireActor(request), request.params.id, settings),
    );
    app.post(
      "/api/contacts/:id/release",
      { schema: { ...action, summary: "Release a claim" } },
      async (request) => releaseContact(ctx, requireActor(request), request.params.id, settings),
    );
    app.post(
      "/api/contacts/:id/attempts",
      { schema: { ...action, summary: "Record a call attempt", body: attemptSchema } },
      async (request) => recordAttempt(ctx, requireActor(request), request.params.id, request.body, settings),
    );
    app.post(
      "/api/contacts/:id/response",
      {
        schema: {
          ...action,
          summary: "Record the response (resident reached)",
          body: z.object({}).optional(),
        },
      },
      async (request) => recordResponseAction(ctx, requireActor(request), request.params.id, settings),
    );
    app.post(
      "/api/contacts/:id/feedback",
      {
        schema: {
          ...action,
          summary: "Record the feedback with its outcome; closes the contact",
          body: feedbackSchema,
        },
      },
      async (request) =>
        recordFeedback(ctx, requireActor(request), request.params.id, request.body, settings),
    );
    app.post(
      "/api/contacts/:id/notes",
      { schema: { ...action, summary: "Add a note", body: noteSchema } },
      async (request) => addNote(ctx, requireActor(request), request.params.id, request.body, settings),
    );
    app.post(
      "/api/contacts/:id/assessment",
      {
        schema: {
          ...action,
          summary: "Record the medical assessment (profession, time)",
          body: assessmentSchema,
        },
      },
      async (request) =>
        recordAssessment(ctx, requireActor(request), request.params.id, request.body, settings),
    );
    app.post(
      "/api/contacts/:id/transfer",
      {
        schema: {
          ...action,
          summary: "Transfer to another unit (keeps history and deadline)",
          body: transferSchema,
        },
      },
      async (request) =>
        transferContact(ctx, requireActor(request), request.params.id, request.body, settings),
    );
  };
}

interface StreamTiming {
  keepAliveMs: number;
  recheckMs: number;
  isSessionLive?: ((sessionId: string) => Promise<boolean>) | undefined;
}

/**
 * Writes `contact-changed` events for the scope until the client goes away or the session ends (signed
 * out, expired, account disabled): a stream must not outlive the right to read the worklist.
 */
function streamChanges(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: { unitId: number | null; regionCode: string },
  streams: Set<() => void>,
  timing: StreamTiming,
): void {
  const session = request.session;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
    "x-request-id": request.id,
  });
  res.write(": connected\n\n");
  const unsubscribe = contactChangeBus(ctx).subscribe((change) => {
    const relevant =
      scope.unitId === null ? change.regionCode === scope.regionCode : change.unitId === scope.unitId;
    if (!relevant) return;
    res.write(`event: contact-changed\ndata: ${JSON.stringify({ contactId: change.contactId })}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), timing.keepAliveMs);
  const unsubscribeSession = session
    ? sessionEvents(ctx).subscribe((ended) => {
        if (endsSession(ended, session.sessionId, session.actor.userId)) end();
      })
    : () => {};
  let checking = false;
  const recheck =
    session && timing.isSessionLive
      ? setInterval(() => {
          if (checking) return;
          checking = true;
          timing.isSessionLive?.(session.sessionId).then(
            (live) => {
              checking = false;
              if (!live) end();
            },
            (error: unknown) => {
              // A failed check (database away) keeps the stream: the next check decides.
              checking = false;
              ctx.logger.warn({ err: error }, "could not re-check the session of an event stream");
            },
          );
        }, timing.recheckMs)
      : null;
  const close = () => {
    clearInterval(keepAlive);
    if (recheck) clearInterval(recheck);
    unsubscribe();
    unsubscribeSession();
    streams.delete(end);
  };
  const end = () => {
    close();
    // A last event tells the browser why, so it can show the sign-in page instead of reconnecting.
    if (!res.writableEnded) res.end("event: session-ended\ndata: {}\n\n");
  };
  streams.add(end);
  request.raw.on("close", close);
  res.on("close", close);
  res.on("error", close);
}
