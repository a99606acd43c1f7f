import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import Provider from "oidc-provider";

// A real OpenID Connect provider (oidc-provider) in the test's process, on a loopback port, standing in
// for the region's identity provider (Inera's IdP for SITHS). It speaks the whole protocol — discovery,
// authorization with PKCE, code exchange, signed ID tokens, userinfo — so Vårdnav's openid-client runs
// against it exactly as against the real one.

export const TEST_CLIENT_ID = "vardnav-test";
export const TEST_CLIENT_SECRET = "a-test-client-secret-that-is-long-enough";

export interface TestProvider {
  issuer: string;
  /** The people the provider knows: login name → claims (the HSA-id claim among them). */
  accounts: Map<string, Record<string, unknown>>;
  /**
   * "auto" interactions only: who signs in at the next authorization request, or null for a person
   * who cancels (the provider answers access_denied).
   */
  nextAccount: string | null;
  close(): Promise<void>;
}

/** A loopback port that was free a moment ago, for a server whose address must be known in advance. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * Starts the provider. `interactions: "dev"` shows oidc-provider's own login and consent pages (for a
 * browser to fill in: any password, the login name picks the account); `"auto"` signs in `nextAccount`
 * without a page (for HTTP-level tests). `claimsInIdToken` puts the HSA-id claim into the ID token itself;
 * without it the claim comes from userinfo only, as some providers release scope claims.
 */
export async function startTestProvider(options: {
  redirectUri: string;
  interactions: "dev" | "auto";
  hsaIdClaim?: string;
  claimsInIdToken?: boolean;
}): Promise<TestProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const issuer = `http://127.0.0.1:${address.port}`;
  const accounts = new Map<string, Record<string, unknown>>();
  const claim = options.hsaIdClaim ?? "hsa_id";

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [options.redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ["a-test-cookie-key-for-oidc-provider"] },
    // Explicit lifetimes (seconds) keep the provider from noting its defaults on every run.
    ttl: {
      Interaction: 600,
      Session: 600,
      Grant: 600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    claims: { openid: ["sub", "name", claim] },
    features: { devInteractions: { enabled: options.interactions === "dev" } },
    ...(options.interactions === "auto"
      ? {
          interactions: {
            url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
          },
        }
      : {}),
    async findAccount(_ctx, sub) {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      // oidc-provider asks once for the ID token ("id_token") and once for userinfo ("userinfo").
      return {
        accountId: sub,
        claims: async (use: string) =>
          use === "id_token" && !options.claimsInIdToken ? { sub, name: claims.name } : { sub, ...claims },
      };
    },
  });
  const state: TestProvider = {
    issuer,
    accounts,
    nextAccount: null,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const callback = provider.callback();
  handler = (req, res) => {
    if (options.interactions === "auto" && req.url?.startsWith("/interaction/")) {
      finishInteraction(provider, state.nextAccount, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    callback(req, res);
  };
  return state;
}

/** The "auto" interaction: sign `accountId` in and grant the requested scopes, or cancel. */
async function finishInteraction(
  provider: Provider,
  accountId: string | null,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (accountId === null) {
    await provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The person cancelled the sign-in." },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
