import * as client from "openid-client";
import type { OidcConfig } from "../../config.ts";
import { AppError } from "../../errors.ts";
import type { Logger } from "../../lib/context.ts";

/** What one sign-in through the provider needs to remember between the redirect and the callback. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The person the provider vouched for: its subject and the HSA-id claim, if it sent one. */
export interface OidcIdentity {
  subject: string;
  hsaId: string | null;
}

export interface OidcClient {
  /** The provider's authorization URL for a new sign-in (code flow, PKCE S256, state and nonce). */
  authorizationRequest(): Promise<{ url: string; checks: OidcChecks }>;
  /**
   * Exchanges the callback's code and checks the ID token (signature, issuer, audience, expiry, nonce; the
   * state and the PKCE verifier): openid-client does each check and throws when one fails.
   */
  exchange(callbackQuery: string, checks: OidcChecks): Promise<OidcIdentity>;
}

/** A claim's value as an HSA-id: text, trimmed, upper case (as the catalogue writes it); else null. */
export function hsaIdOfClaim(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim().toUpperCase();
  return text === "" ? null : text;
}

/**
 * openid-client against the region's provider. Discovery happens on first use and is kept; a failed
 * discovery is retried by the next sign-in (the provider may start after Vårdnav), never cached.
 */
export function createOidcClient(config: OidcConfig, logger: Logger): OidcClient {
  let discovered: Promise<client.Configuration> | null = null;

  function configuration(): Promise<client.Configuration> {
    discovered ??= discover().catch((error: unknown) => {
      discovered = null;
      logger.error(
        { err: error, issuer: config.issuer },
        "OpenID Connect discovery failed: SITHS sign-in is unavailable",
      );
      throw new AppError("unavailable", "The identity provider cannot be reached. Try again later.");
    });
    return discovered;
  }

  async function discover(): Promise<client.Configuration> {
    const options: client.DiscoveryRequestOptions = { timeout: 10 };
    // Plain http only to a provider on this machine outside production (config.ts decides): tests and a
    // developer's own provider. Anything else must be https, which openid-client enforces by default.
    if (config.allowInsecureLoopback) options.execute = [client.allowInsecureRequests];
    const found = await client.discovery(
      new URL(config.issuer),
      config.clientId,
      undefined,
      undefined,
      options,
    );
    // client_secret_basic is the OpenID Connect default; client_secret_post only when the provider
    // offers no other.
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    const auth =
      methods === undefined || methods.includes("client_secret_basic")
        ? client.ClientSecretBasic(config.clientSecret)
        : client.ClientSecretPost(config.clientSecret);
    const configured = new client.Configuration(
      found.serverMetadata(),
      config.clientId,
      { client_secret: config.clientSecret },
      auth,
    );
    if (config.allowInsecureLoopback) client.allowInsecureRequests(configured);
    configured.timeout = 10;
    return configured;
  }

  return {
    async authorizationRequest() {
      const conf = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const checks: OidcChecks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier };
      const url = client.buildAuthorizationUrl(conf, {
        redirect_uri: config.redirectUri,
        scope: config.scope,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    },

    async exchange(callbackQuery, checks) {
      const conf = await configuration();
      // The callback as registered, whatever host the request came through (a proxy may rewrite it).
      const currentUrl = new URL(config.redirectUri);
      currentUrl.search = callbackQuery;
      const tokens = await client.authorizationCodeGrant(conf, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new AppError("invalid_credentials", "The provider sent no ID token.");
      let hsaId = hsaIdOfClaim(claims[config.hsaIdClaim]);
      if (hsaId === null) {
        // Providers that follow OpenID Connect strictly release scope claims through userinfo only when
        // they also issue an access token; the subject must be the ID token's.
        const info = await client.fetchUserInfo(conf, tokens.access_token, claims.sub);
        hsaId = hsaIdOfClaim(info[config.hsaIdClaim]);
      }
      return { subject: claims.sub, hsaId };
    },
  };
}
