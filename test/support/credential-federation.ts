// The identity services around STS, for tests only: OpenID Connect tokens signed by a key the test holds, and one
// HTTP server on 127.0.0.1 that plays the IAM Identity Center portal (GetRoleCredentials), its OIDC token endpoint
// (CreateToken, for refreshing an SSO token) and the `aws login` token endpoint (CreateOAuth2Token, DPoP-checked).
// Role credentials come from the embedded endpoint's roles, so they authenticate there with real signatures.
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalEndpoint } from "../../src/local/index.js";
import type { CredentialSandbox } from "./credential-sandbox.js";

// --- OpenID Connect tokens -------------------------------------------------------------------------------------

export interface TokenIssuer {
  issuer: string;
  publicKey: KeyObject;
  /** A JWT for `claims` (sub, aud, exp in seconds), signed with the issuer's key unless another is given. */
  token(claims: { sub: string; aud: string; exp: number }, signWith?: KeyObject): string;
}

/** An issuer with an RSA key (RS256), as EKS's. */
export function tokenIssuer(issuer: string): TokenIssuer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    issuer,
    publicKey,
    token(claims, signWith = privateKey) {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const unsigned = `${part({ alg: "RS256", typ: "JWT", kid: "test" })}.${part({ iss: issuer, iat: Math.floor(Date.now() / 1000), ...claims })}`;
      return `${unsigned}.${sign("sha256", Buffer.from(unsigned), signWith).toString("base64url")}`;
    },
  };
}

export function otherRsaKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

// --- IAM Identity Center and `aws login` -----------------------------------------------------------------------

export interface RoleGrant {
  /** The role the portal hands out credentials for, and the session name they get. */
  roleArn: string;
  sessionName: string;
}

export interface FederationRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FederationServer {
  /** http://127.0.0.1:PORT, for AWS_ENDPOINT_URL_SSO, _SSO_OIDC and _SIGNIN. */
  origin: string;
  requests: FederationRequest[];
  /** The portal gives `grant` to requests bearing `accessToken` (for any account and role name). */
  acceptAccessToken(accessToken: string, grant: RoleGrant): void;
  /** CreateToken takes `refreshToken` from this client once, for a new access token valid for `grant`. */
  acceptRefreshToken(refreshToken: string, client: { clientId: string; clientSecret: string }, grant: RoleGrant): void;
  /** CreateOAuth2Token takes `refreshToken` once, with a DPoP proof by `dpopKey`, for new credentials of `grant`. */
  acceptLoginRefresh(refreshToken: string, clientId: string, dpopKey: KeyObject, grant: RoleGrant): void;
  close(): Promise<void>;
}

export async function startFederationServer(endpoint: LocalEndpoint): Promise<FederationServer> {
  const requests: FederationRequest[] = [];
  const accessTokens = new Map<string, RoleGrant>();
  const refreshTokens = new Map<string, { client: { clientId: string; clientSecret: string }; grant: RoleGrant }>();
  const loginRefreshTokens = new Map<string, { clientId: string; publicKey: KeyObject; grant: RoleGrant }>();
  let origin = "";

  const json = (status: number, body: object, errorType?: string) => ({ status, body: JSON.stringify(body), errorType });
  const answer = (request: FederationRequest) => {
    const url = new URL(request.path, origin);
    if (request.method === "GET" && url.pathname === "/federation/credentials") {
      const grant = accessTokens.get(String(request.headers["x-amz-sso_bearer_token"]));
      if (!grant || !url.searchParams.get("account_id") || !url.searchParams.get("role_name")) {
        return json(401, { message: "Session token not found or invalid" }, "UnauthorizedException");
      }
      const issued = endpoint.roles.createSession(grant.roleArn, { sessionName: grant.sessionName });
      return json(200, {
        roleCredentials: {
          accessKeyId: issued.accessKeyId,
          secretAccessKey: issued.secretAccessKey,
          sessionToken: issued.sessionToken,
          expiration: issued.expiration.getTime(),
        },
      });
    }
    if (request.method === "POST" && url.pathname === "/token") {
      const input = JSON.parse(request.body) as Record<string, string>;
      const known = refreshTokens.get(input.refreshToken ?? "");
      if (!known || input.grantType !== "refresh_token" || known.client.clientId !== input.clientId || known.client.clientSecret !== input.clientSecret) {
        return json(400, { error: "invalid_grant", error_description: "Invalid refresh token provided" }, "InvalidGrantException");
      }
      refreshTokens.delete(input.refreshToken!);
      const accessToken = `sso-access-${randomUUID()}`;
      const refreshToken = `sso-refresh-${randomUUID()}`;
      accessTokens.set(accessToken, known.grant);
      refreshTokens.set(refreshToken, known);
      return json(200, { accessToken, tokenType: "Bearer", expiresIn: 28800, refreshToken });
    }
    if (request.method === "POST" && url.pathname === "/v1/token") {
      const input = JSON.parse(request.body) as Record<string, string>;
      const known = loginRefreshTokens.get(input.refreshToken ?? "");
      if (!known || input.clientId !== known.clientId || !validDpop(String(request.headers.dpop), known.publicKey, `${origin}/v1/token`)) {
        return json(400, { error: "INVALID_REQUEST", message: "The refresh token or its proof is not valid" }, "ValidationException");
      }
      loginRefreshTokens.delete(input.refreshToken!);
      const issued = endpoint.roles.createSession(known.grant.roleArn, { sessionName: known.grant.sessionName });
      const refreshToken = `login-refresh-${randomUUID()}`;
      loginRefreshTokens.set(refreshToken, known);
      return json(200, {
        accessToken: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken },
        tokenType: "aws_sigv4",
        expiresIn: 900,
        refreshToken,
      });
    }
    return json(404, { message: `no ${request.method} ${url.pathname} here` });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const { status, body, errorType } = answer(request);
      res.writeHead(status, { "content-type": "application/json", ...(errorType ? { "x-amzn-errortype": errorType } : {}) }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    acceptAccessToken: (accessToken, grant) => void accessTokens.set(accessToken, grant),
    acceptRefreshToken: (refreshToken, client, grant) => void refreshTokens.set(refreshToken, { client, grant }),
    acceptLoginRefresh: (refreshToken, clientId, dpopKey, grant) =>
      void loginRefreshTokens.set(refreshToken, { clientId, publicKey: createPublicKey(dpopKey), grant }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A DPoP proof (RFC 9449) as `aws login` sends it: an ES256 JWT over the method and URL, by the session's key. */
function validDpop(proof: string, publicKey: KeyObject, url: string): boolean {
  const [header, payload, signature] = proof.split(".");
  if (!header || !payload || !signature) return false;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { htm?: string; htu?: string };
  const signed = verify("sha256", Buffer.from(`${header}.${payload}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  return signed && claims.htm === "POST" && claims.htu === url;
}

// --- The caches the AWS CLI writes -----------------------------------------------------------------------------

export interface SsoToken {
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
}

/** ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL for legacy profiles>.json */
export function ssoCachePath(key: string): string {
  return `.aws/sso/cache/${createHash("sha1").update(key).digest("hex")}.json`;
}

export function writeSsoToken(sandbox: CredentialSandbox, key: string, startUrl: string, token: SsoToken): string {
  const { expiresAt, ...rest } = token;
  return sandbox.write(ssoCachePath(key), JSON.stringify({ startUrl, region: "us-east-1", ...rest, expiresAt: expiresAt.toISOString() }));
}

export interface LoginSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  expiresAt: Date;
  clientId: string;
  refreshToken: string;
  dpopKey: KeyObject;
}

/** ~/.aws/login/cache/<sha256 of login_session>.json, as `aws login` writes it. */
export function loginCachePath(loginSession: string): string {
  return `.aws/login/cache/${createHash("sha256").update(loginSession).digest("hex")}.json`;
}

export function writeLoginSession(sandbox: CredentialSandbox, loginSession: string, session: LoginSession): string {
  const { accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt, clientId, refreshToken, dpopKey } = session;
  return sandbox.write(
    loginCachePath(loginSession),
    JSON.stringify({
      accessToken: { accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt: expiresAt.toISOString() },
      tokenType: "aws_sigv4",
      clientId,
      refreshToken,
      idToken: "id-token-EXAMPLE",
      dpopKey: dpopKey.export({ format: "pem", type: "sec1" }).toString(),
    }),
  );
}

export function dpopKey(): KeyObject {
  return generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
}
