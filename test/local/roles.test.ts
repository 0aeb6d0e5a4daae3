// The embedded endpoint's STS role actions, with raw requests signed independently of keysmith (helpers.ts):
// trust by principal, external id, MFA, session lengths, role chaining, expiry, and web identity tokens.
import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../../src/entries/local.js";
import { call, errorOf, STS_NS, type CallResult } from "./helpers.js";

const ACCOUNT = "012345678901";
const ISSUER = "https://oidc.example.test/id/1";
let now = Date.parse("2030-01-01T00:00:00.000Z");
let server: LocalEndpoint;
let alice: LocalUserCredentials;
let bob: LocalUserCredentials;
let providerArn: string;
const { privateKey: tokenKey, publicKey: tokenPublicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });

beforeAll(async () => {
  server = await startLocalEndpoint({ accountId: ACCOUNT, now: () => now });
  alice = server.createUser("alice");
  bob = server.createUser("bob");
  providerArn = server.roles.addOpenIdProvider({ issuer: ISSUER, audiences: ["sts.amazonaws.com"], publicKey: tokenPublicKey }).arn;
  server.roles.create({ roleName: "Open", trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/alice`] });
  server.roles.create({ roleName: "Chained", trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:role/Open`] });
  server.roles.create({ roleName: "Vendor", trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/alice`], externalId: "ext-1" });
  server.roles.create({ roleName: "Long", trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/alice`], maxSessionDuration: 7200 });
  server.roles.create({
    roleName: "Mfa",
    trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/alice`],
    mfa: { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, tokenCode: "654321" },
  });
  server.roles.create({ roleName: "Pod", trustedPrincipals: [providerArn] });
});
afterAll(() => server.close());

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
type Signer = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function assumeRole(credentials: Signer, params: Record<string, string>) {
  return call(server.url, "AssumeRole", { RoleSessionName: "s1", ...params }, { credentials, signingDate: new Date(now) });
}

function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "ES256" }, key = tokenKey): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part(header)}.${part({ iss: ISSUER, sub: "pod-1", aud: "sts.amazonaws.com", exp: now / 1000 + 600, ...claims })}`;
  return `${unsigned}.${sign("sha256", Buffer.from(unsigned), { key, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
}

function withWebIdentity(token: string, params: Record<string, string> = {}, credentials?: Signer) {
  return call(server.url, "AssumeRoleWithWebIdentity", { RoleArn: roleArn("Pod"), RoleSessionName: "pod", WebIdentityToken: token, ...params }, { credentials, signingDate: new Date(now) });
}

function refusal(result: CallResult): { status: number; code: string; message: string } {
  const { Code, Message } = errorOf(result);
  return { status: result.status, code: Code, message: Message };
}

describe("AssumeRole", () => {
  it("gives a trusted caller temporary ASIA credentials for the role, which then authenticate as it", async () => {
    const result = await assumeRole(alice, { RoleArn: roleArn("Open"), DurationSeconds: "900" });
    expect(result.status).toBe(200);
    const response = result.xml.AssumeRoleResponse;
    expect(response["@_xmlns"]).toBe(STS_NS);
    const { Credentials, AssumedRoleUser } = response.AssumeRoleResult;
    expect(Credentials).toEqual({
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      SessionToken: expect.any(String),
      Expiration: new Date(now + 900_000).toISOString(),
    });
    expect(AssumedRoleUser).toEqual({ AssumedRoleId: expect.stringMatching(/^AROA\w+:s1$/), Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Open/s1` });
    const session = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken };
    const identity = await call(server.url, "GetCallerIdentity", {}, { credentials: session, signingDate: new Date(now) });
    expect(identity.xml.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Open/s1`);
    // Role chaining: the session's principal is its role.
    expect((await assumeRole(session, { RoleArn: roleArn("Chained") })).status).toBe(200);
    expect((await assumeRole(session, { RoleArn: roleArn("Chained"), DurationSeconds: "3601" })).body).toContain("1 hour session limit for roles assumed by role chaining");
    // Past its expiration the session no longer authenticates.
    now += 901_000;
    expect(refusal(await call(server.url, "GetCallerIdentity", {}, { credentials: session, signingDate: new Date(now) }))).toEqual({
      status: 400,
      code: "ExpiredToken",
      message: "The security token included in the request is expired",
    });
  });

  const denied = (user: string, role: string) => `User: arn:aws:iam::${ACCOUNT}:user/${user} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(role)}`;
  it.each<{ name: string; as: () => LocalUserCredentials; params: Record<string, string>; want: [number, string, string] }>([
    { name: "an untrusted caller", as: () => bob, params: { RoleArn: roleArn("Open") }, want: [403, "AccessDenied", denied("bob", "Open")] },
    { name: "an unknown role (no different answer)", as: () => alice, params: { RoleArn: roleArn("Nope") }, want: [403, "AccessDenied", denied("alice", "Nope")] },
    { name: "a missing external id", as: () => alice, params: { RoleArn: roleArn("Vendor") }, want: [403, "AccessDenied", denied("alice", "Vendor")] },
    { name: "a wrong external id", as: () => alice, params: { RoleArn: roleArn("Vendor"), ExternalId: "ext-2" }, want: [403, "AccessDenied", denied("alice", "Vendor")] },
    { name: "no MFA for an MFA role", as: () => alice, params: { RoleArn: roleArn("Mfa") }, want: [403, "AccessDenied", denied("alice", "Mfa")] },
    {
      name: "a wrong MFA code",
      as: () => alice,
      params: { RoleArn: roleArn("Mfa"), SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, TokenCode: "000000" },
      want: [403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code."],
    },
    { name: "more than the role's MaxSessionDuration", as: () => alice, params: { RoleArn: roleArn("Open"), DurationSeconds: "3601" }, want: [400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."] },
  ])("refuses $name", async ({ as, params, want }) => {
    const [status, code, message] = want;
    expect(refusal(await assumeRole(as(), params))).toEqual({ status, code, message });
  });

  it.each<{ name: string; params: Record<string, string> }>([
    { name: "the right external id", params: { RoleArn: roleArn("Vendor"), ExternalId: "ext-1" } },
    { name: "the right MFA code", params: { RoleArn: roleArn("Mfa"), SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, TokenCode: "654321" } },
    { name: "up to the role's MaxSessionDuration", params: { RoleArn: roleArn("Long"), DurationSeconds: "7200" } },
  ])("accepts $name", async ({ params }) => {
    expect((await assumeRole(alice, params)).status).toBe(200);
  });
});

describe("AssumeRoleWithWebIdentity", () => {
  it("takes an unsigned request with a valid token, and says whose token it was", async () => {
    const result = await withWebIdentity(jwt({}));
    expect(result.status).toBe(200);
    const output = result.xml.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
    expect(output).toMatchObject({ SubjectFromWebIdentityToken: "pod-1", Provider: ISSUER, Audience: "sts.amazonaws.com" });
    expect(output.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Pod/pod`);
    expect(server.roles.sessionOf(output.Credentials.AccessKeyId)).toMatchObject({ roleArn: roleArn("Pod"), sessionName: "pod", webIdentitySubject: "pod-1" });
  });

  it("takes a signed one too", async () => {
    expect((await withWebIdentity(jwt({}), {}, alice)).status).toBe(200);
  });

  const otherKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  it.each([
    { name: "something that is not a JWT", token: () => "not-a-jwt", want: [400, "InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)"] },
    { name: "an unknown issuer", token: () => jwt({ iss: "https://elsewhere.test" }), want: [400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://elsewhere.test"] },
    { name: "a bad signature", token: () => jwt({}, { alg: "ES256" }, otherKey), want: [400, "InvalidIdentityToken", "Couldn't verify the signature of the token"] },
    { name: "alg none", token: () => `${jwt({}).split(".").slice(0, 2).join(".").replace(/^[^.]+/, Buffer.from('{"alg":"none"}').toString("base64url"))}.`, want: [400, "InvalidIdentityToken", "Couldn't verify the signature of the token"] },
    { name: "another audience", token: () => jwt({ aud: "someone-else" }), want: [400, "InvalidIdentityToken", "Incorrect token audience"] },
    { name: "an expired token", token: () => jwt({ exp: now / 1000 - 1 }), want: [400, "ExpiredTokenException", "Token expired: current date/time must be before the expiration date/time."] },
  ])("refuses $name", async ({ token, want }) => {
    const [status, code, message] = want;
    expect(refusal(await withWebIdentity(token()))).toEqual({ status, code, message });
  });

  it("refuses a role that does not trust the provider", async () => {
    expect(refusal(await withWebIdentity(jwt({}), { RoleArn: roleArn("Open") }))).toEqual({
      status: 403,
      code: "AccessDenied",
      message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    });
  });

  it("other actions still need a signature", async () => {
    expect(refusal(await call(server.url, "AssumeRole", { RoleArn: roleArn("Open"), RoleSessionName: "s" }))).toMatchObject({ code: "MissingAuthenticationToken" });
  });
});

describe("the session token's size, as STS reports it and pads it on request", () => {
  const issue = {
    AssumeRole: (params: Record<string, string>) => assumeRole(alice, { RoleArn: roleArn("Open"), ...params }),
    AssumeRoleWithWebIdentity: (params: Record<string, string>) => withWebIdentity(jwt({}), params),
  };
  const resultOf = (action: keyof typeof issue, response: CallResult) => response.xml[`${action}Response`][`${action}Result`];

  it.each([
    { action: "AssumeRole" as const, minimum: undefined, size: 256, utilization: 7 },
    { action: "AssumeRole" as const, minimum: "0", size: 256, utilization: 7 },
    { action: "AssumeRole" as const, minimum: "1000", size: 1000, utilization: 25 },
    { action: "AssumeRole" as const, minimum: "1001", size: 1004, utilization: 25 },
    { action: "AssumeRoleWithWebIdentity" as const, minimum: undefined, size: 256, utilization: 7 },
    { action: "AssumeRoleWithWebIdentity" as const, minimum: "4096", size: 4096, utilization: 100 },
  ])("$action with MinimumSessionTokenSize $minimum: a $size-byte token, $utilization % of the limit", async ({ action, minimum, size, utilization }) => {
    const result = resultOf(action, await issue[action](minimum === undefined ? {} : { MinimumSessionTokenSize: minimum }));
    expect(result.Credentials.SessionToken).toHaveLength(size);
    expect({ SessionTokenSize: result.SessionTokenSize, SessionTokenUtilization: result.SessionTokenUtilization }).toEqual({ SessionTokenSize: `${size}`, SessionTokenUtilization: `${utilization}` });
    // A padded token is as good as any: it authenticates its session.
    const { AccessKeyId, SecretAccessKey, SessionToken } = result.Credentials;
    const identity = await call(server.url, "GetCallerIdentity", {}, { credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken }, signingDate: new Date(now) });
    expect(identity.status).toBe(200);
  });

  it.each([
    { minimum: "4097", rule: "Member must have value less than or equal to 4096" },
    { minimum: "-1", rule: "Member must have value greater than or equal to 0" },
  ])("refuses MinimumSessionTokenSize $minimum as AWS does", async ({ minimum, rule }) => {
    expect(refusal(await issue.AssumeRole({ MinimumSessionTokenSize: minimum }))).toEqual({
      status: 400,
      code: "ValidationError",
      message: `1 validation error detected: Value '${minimum}' at 'minimumSessionTokenSize' failed to satisfy constraint: ${rule}`,
    });
  });
});
