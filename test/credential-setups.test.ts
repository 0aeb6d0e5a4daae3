// Every credential setup the official SDK resolves, end to end: each test has its own HOME with its own config files
// and environment, the embedded endpoint plays STS (and IAM), and a local server plays IAM Identity Center and
// `aws login`. Side by side, the official v3 client resolves the same sandbox, and both sets of credentials are shown
// to authenticate as the same principal (GetCallerIdentity). Temporary credentials differ from call to call, so
// "the same identity" is the same access key id for static credentials and the same assumed-role ARN otherwise.
import { GetCallerIdentityCommand, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { fromIni, fromNodeProviderChain as v3FromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, HttpHandlerOptions } from "@smithy/types";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STSClient, GetAccessKeyInfoCommand, type STSClientConfig } from "../generated/sts/index.js";
import { fromNodeProviderChain } from "../src/entries/credentials.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../src/entries/local.js";
import {
  dpopKey,
  loginCachePath,
  otherRsaKey,
  ssoCachePath,
  startFederationServer,
  tokenIssuer,
  writeLoginSession,
  writeSsoToken,
  type FederationServer,
  type TokenIssuer,
} from "./support/credential-federation.js";
import { failureOf, useCredentialSandbox } from "./support/credential-sandbox.js";

const sandbox = useCredentialSandbox();
const ACCOUNT = "123456789012";

let endpoint: LocalEndpoint;
let alice: LocalUserCredentials;
const aliceArn = `arn:aws:iam::${ACCOUNT}:user/alice`;
/** For the official client, which otherwise warns on the console (about AWS_PROFILE beside environment keys, say). */
const silent = { debug() {}, info() {}, warn() {}, error() {} };

beforeEach(async () => {
  endpoint = await startLocalEndpoint({ accountId: ACCOUNT });
  alice = endpoint.createUser("alice");
  sandbox.env({ AWS_ENDPOINT_URL_STS: endpoint.url, AWS_ENDPOINT_URL_IAM: endpoint.url });
});
afterEach(async () => {
  await endpoint.close();
});

/** The principal `credentials` act as, asked of the embedded endpoint by a client given them directly. */
async function principalOf(credentials: AwsCredentialIdentity): Promise<string> {
  const client = new V3STSClient({ region: "us-east-1", endpoint: endpoint.url, credentials });
  try {
    return (await client.send(new GetCallerIdentityCommand({}))).Arn!;
  } finally {
    client.destroy();
  }
}

interface Resolved {
  credentials: AwsCredentialIdentity;
  principal: string;
}

/** What a keysmith client with `config` signs with, after one call it made with them. */
async function keysmithResolves(config: STSClientConfig = {}): Promise<Resolved> {
  const client = new STSClient({ region: "us-east-1", ...config });
  try {
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId }));
    const credentials = await client.config.credentials();
    return { credentials, principal: await principalOf(credentials) };
  } finally {
    client.destroy();
  }
}

/** What the official client with `config` signs with. */
async function v3Resolves(config: ConstructorParameters<typeof V3STSClient>[0] = {}): Promise<Resolved> {
  const client = new V3STSClient({ region: "us-east-1", logger: silent, ...config });
  try {
    const credentials = await client.config.credentials();
    return { credentials, principal: await principalOf(credentials) };
  } finally {
    client.destroy();
  }
}

function keys(section: string, { accessKeyId, secretAccessKey }: { accessKeyId: string; secretAccessKey: string }): string {
  return `[${section}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
}

function assumedRole(role: string, session: string): string {
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
}

describe("assume role from a profile", () => {
  it("follows a two-hop source_profile chain: base's keys assume First, whose session assumes Second", async () => {
    const first = endpoint.roles.create({ roleName: "First", trustedPrincipals: [aliceArn] });
    const second = endpoint.roles.create({ roleName: "Second", trustedPrincipals: [first.arn] });
    sandbox.write(
      ".aws/config",
      [
        `[profile top]\nrole_arn = ${second.arn}\nsource_profile = middle\nrole_session_name = deploy\n`,
        `[profile middle]\nrole_arn = ${first.arn}\nsource_profile = base\nrole_session_name = hop\n`,
      ].join(""),
    );
    sandbox.write(".aws/credentials", keys("base", alice));

    const ours = await keysmithResolves({ profile: "top" });
    expect(ours.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(ours.credentials.sessionToken).toBeTruthy();
    expect(ours.credentials.expiration).toBeInstanceOf(Date);
    expect(ours.principal).toBe(assumedRole("Second", "deploy"));
    expect(endpoint.stats.executed.AssumeRole).toBe(2);
    expect((await v3Resolves({ profile: "top" })).principal).toBe(ours.principal);
  });
});

describe("assume role from a profile: its settings", () => {
  it("sends external_id, which the role requires", async () => {
    const vendor = endpoint.roles.create({ roleName: "Vendor", trustedPrincipals: [aliceArn], externalId: "ext-4711" });
    sandbox.write(".aws/config", `[profile vendor]\nrole_arn = ${vendor.arn}\nsource_profile = base\nexternal_id = ext-4711\nrole_session_name = audit\n${keys("profile base", alice)}`);
    const ours = await keysmithResolves({ profile: "vendor" });
    expect(ours.principal).toBe(assumedRole("Vendor", "audit"));
    expect((await v3Resolves({ profile: "vendor" })).principal).toBe(ours.principal);
  });

  it("stops the chain with STS's refusal when the external id is missing, naming the profile and role", async () => {
    const vendor = endpoint.roles.create({ roleName: "Vendor", trustedPrincipals: [aliceArn], externalId: "ext-4711" });
    sandbox.write(".aws/config", `[profile vendor]\nrole_arn = ${vendor.arn}\nsource_profile = base\n${keys("profile base", alice)}`);
    sandbox.env({ AWS_ACCESS_KEY_ID: "AKIDNOTTOBEUSED", AWS_SECRET_ACCESS_KEY: "not-to-be-used" });
    const error = await failureOf(keysmithResolves({ profile: "vendor" }));
    expect(error.name).toBe("CredentialsProviderError");
    expect(error.message).toBe(
      `profile "vendor": STS AssumeRole of ${vendor.arn} failed: AccessDenied: User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: ${vendor.arn}`,
    );
    expect(error.message).not.toContain(alice.secretAccessKey);
  });

  it("takes the source credentials from the environment for credential_source = Environment", async () => {
    const ci = endpoint.roles.create({ roleName: "CI", trustedPrincipals: [aliceArn] });
    sandbox.write(".aws/config", `[profile ci]\nrole_arn = ${ci.arn}\ncredential_source = Environment\nrole_session_name = pipeline\n`);
    sandbox.env({ AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey, AWS_PROFILE: "ci" });
    const ours = await keysmithResolves();
    expect(ours.principal).toBe(assumedRole("CI", "pipeline"));
    expect((await v3Resolves()).principal).toBe(ours.principal);
  });

  it("lets a profile name itself as source_profile, its own keys signing the AssumeRole, as the official SDK does", async () => {
    const admin = endpoint.roles.create({ roleName: "Admin", trustedPrincipals: [aliceArn] });
    sandbox.write(".aws/credentials", `${keys("self", alice)}role_arn = ${admin.arn}\nsource_profile = self\nrole_session_name = me\n`);
    const ours = await keysmithResolves({ profile: "self" });
    expect(ours.principal).toBe(assumedRole("Admin", "me"));
    expect((await v3Resolves({ profile: "self" })).principal).toBe(ours.principal);
  });

  it("reports a source_profile cycle, naming the profiles, and sends nothing", async () => {
    sandbox.write(
      ".aws/config",
      [
        `[profile a]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/A\nsource_profile = b\n`,
        `[profile b]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/B\nsource_profile = a\n`,
      ].join(""),
    );
    const error = await failureOf(keysmithResolves({ profile: "a" }));
    expect(error.message).toContain(`shared config and credentials files: profile "a" → "b" → "a": source_profile "b" makes a cycle (profile "a" → "b" → "a" → "b")`);
    expect(endpoint.stats.received.AssumeRole).toBe(0);
  });

  it("asks mfaCodeProvider for the code of the profile's mfa_serial", async () => {
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
    const guarded = endpoint.roles.create({ roleName: "Guarded", trustedPrincipals: [aliceArn], mfa: { serialNumber: serial, tokenCode: "123456" } });
    sandbox.write(".aws/config", `[profile mfa]\nrole_arn = ${guarded.arn}\nsource_profile = base\nmfa_serial = ${serial}\nrole_session_name = mfa\n${keys("profile base", alice)}`);
    const asked: string[] = [];
    const mfaCodeProvider = async (mfaSerial: string) => (asked.push(mfaSerial), "123456");
    const ours = await keysmithResolves({ profile: "mfa", credentials: fromNodeProviderChain({ mfaCodeProvider }) });
    expect(ours.principal).toBe(assumedRole("Guarded", "mfa"));
    expect(asked).toEqual([serial]);
    expect((await v3Resolves({ profile: "mfa", credentials: v3FromNodeProviderChain({ mfaCodeProvider }) })).principal).toBe(ours.principal);
  });

  it("without mfaCodeProvider, says what to pass and sends nothing", async () => {
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
    sandbox.write(".aws/config", `[profile mfa]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Guarded\nsource_profile = base\nmfa_serial = ${serial}\n${keys("profile base", alice)}`);
    const error = await failureOf(keysmithResolves({ profile: "mfa" }));
    expect(error.message).toMatch(/^profile "mfa" needs a code of the MFA device .* \(mfa_serial\): pass mfaCodeProvider/);
    expect(endpoint.stats.received.AssumeRole).toBe(0);
  });

  it.each([
    { name: "the role profile's region", config: "region = eu-west-2\n", clientRegion: "ap-south-1", want: "sts.eu-west-2.amazonaws.com" },
    { name: "else the client's region", config: "", clientRegion: "ap-south-1", want: "sts.ap-south-1.amazonaws.com" },
  ])("calls the regional STS endpoint of $name", async ({ config, clientRegion, want }) => {
    sandbox.env({ AWS_ENDPOINT_URL_STS: undefined });
    const role = endpoint.roles.create({ roleName: "Regional", trustedPrincipals: [aliceArn] });
    sandbox.write(".aws/config", `[profile r]\nrole_arn = ${role.arn}\nsource_profile = base\n${config}${keys("profile base", alice)}`);
    const seen: string[] = [];
    const handler = redirectingHandler(new URL(endpoint.url), seen);
    await keysmithResolves({ profile: "r", region: clientRegion, requestHandler: handler });
    handler.destroy();
    const region = want.split(".")[1];
    expect(seen[0]).toMatch(new RegExp(`^${want.replace(/\./g, "\\.")} AssumeRole AKIA\\w+/\\d{8}/${region}/sts/aws4_request$`));
  });
});

describe("assume role from a profile: bad settings are named, and nothing is sent", () => {
  it.each([
    { name: "a role_arn that is not a role ARN", settings: "role_arn = arn:aws:iam::123:user/alice\nsource_profile = base\n", want: /^profile "p" \(.*config\): role_arn must be an IAM role ARN such as arn:aws:iam::123456789012:role\/Name \(got "arn:aws:iam::123:user\/alice"\)$/ },
    { name: "a duration_seconds that is no number of seconds", settings: `role_arn = arn:aws:iam::${ACCOUNT}:role/R\nsource_profile = base\nduration_seconds = 1h\n`, want: /^profile "p" \(.*config\): duration_seconds must be a whole number from 900 to 43200 \(got "1h"\)$/ },
  ])("$name", async ({ settings, want }) => {
    sandbox.write(".aws/config", `[profile p]\n${settings}${keys("profile base", alice)}`);
    const error = await failureOf(keysmithResolves({ profile: "p" }));
    expect(error.message).toMatch(want);
    expect(endpoint.stats.received.AssumeRole).toBe(0);
  });

  it("an unknown credential_source is listed with the values it may take", async () => {
    sandbox.write(".aws/config", `[profile p]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/R\ncredential_source = Laptop\n`);
    const error = await failureOf(keysmithResolves({ profile: "p" }));
    expect(error.message).toContain(`profile "p": credential_source must be Environment, Ec2InstanceMetadata, EcsContainer (got "Laptop")`);
  });

  it("a malformed config file names the file and line, without quoting it", async () => {
    const path = sandbox.write(".aws/config", `[profile p]\naws_access_key_id ${alice.accessKeyId}\n`);
    const error = await failureOf(keysmithResolves({ profile: "p" }));
    expect(error.message).toBe(`${path} line 2 is neither a [section] header nor a key = value setting`);
    expect(endpoint.stats.requests).toBe(0);
  });
});

/** A request handler that sends every request to `target` (as a proxy would), noting host, action and credential scope. */
function redirectingHandler(target: URL, seen: string[]) {
  const inner = new NodeHttpHandler();
  return {
    handle(request: HttpRequest, options?: HttpHandlerOptions) {
      const action = /Action=(\w+)/.exec(String(request.body))?.[1];
      const scope = /Credential=([^,]+)/.exec(String(request.headers.authorization))?.[1];
      seen.push(`${request.hostname} ${action} ${scope}`);
      return inner.handle(Object.assign(request, { protocol: target.protocol, hostname: target.hostname, port: Number(target.port) }), options);
    },
    destroy: () => inner.destroy(),
  };
}

describe("web identity", () => {
  const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";
  const AUDIENCE = "sts.amazonaws.com";
  let issuer: TokenIssuer;
  let podRole: string;
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  beforeEach(() => {
    issuer ??= tokenIssuer(ISSUER);
    const provider = endpoint.roles.addOpenIdProvider({ issuer: ISSUER, audiences: [AUDIENCE], publicKey: issuer.publicKey });
    podRole = endpoint.roles.create({ roleName: "Pod", trustedPrincipals: [provider.arn] }).arn;
  });

  it("from AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME, sent unsigned", async () => {
    const tokenFile = sandbox.write("token", issuer.token({ sub: "system:serviceaccount:web:app", aud: AUDIENCE, exp: inAnHour() }));
    sandbox.env({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: podRole, AWS_ROLE_SESSION_NAME: "app-pod" });
    const seen: string[] = [];
    const handler = redirectingHandler(new URL(endpoint.url), seen);
    const ours = await keysmithResolves({ requestHandler: handler });
    handler.destroy();
    expect(ours.principal).toBe(assumedRole("Pod", "app-pod"));
    expect(endpoint.roles.sessionOf(ours.credentials.accessKeyId)?.webIdentitySubject).toBe("system:serviceaccount:web:app");
    expect(seen[0]).toMatch(/ AssumeRoleWithWebIdentity undefined$/);
    expect((await v3Resolves()).principal).toBe(ours.principal);
  });

  // v3's session name: the profile's role_session_name, else AWS_ROLE_SESSION_NAME, else aws-sdk-js-session-<ms>.
  it.each([
    { name: "role_session_name", setting: "role_session_name = job-7\n", env: undefined, want: "job-7" },
    { name: "role_session_name over AWS_ROLE_SESSION_NAME", setting: "role_session_name = job-7\n", env: "from-env", want: "job-7" },
    { name: "AWS_ROLE_SESSION_NAME when the profile has none", setting: "", env: "from-env", want: "from-env" },
  ])("from web_identity_token_file and role_arn in a profile: the session name is $name", async ({ setting, env, want }) => {
    const tokenFile = sandbox.write("token", issuer.token({ sub: "job", aud: AUDIENCE, exp: inAnHour() }));
    sandbox.write(".aws/config", `[profile ci]\nweb_identity_token_file = ${tokenFile}\nrole_arn = ${podRole}\n${setting}`);
    sandbox.env({ AWS_ROLE_SESSION_NAME: env });
    const ours = await keysmithResolves({ profile: "ci" });
    expect(ours.principal).toBe(assumedRole("Pod", want));
    expect((await v3Resolves({ profile: "ci" })).principal).toBe(ours.principal);
  });

  it("from a profile without role_session_name nor AWS_ROLE_SESSION_NAME: a session name of the time, as v3's", async () => {
    const tokenFile = sandbox.write("token", issuer.token({ sub: "job", aud: AUDIENCE, exp: inAnHour() }));
    sandbox.write(".aws/config", `[profile ci]\nweb_identity_token_file = ${tokenFile}\nrole_arn = ${podRole}\n`);
    const pattern = new RegExp(`^${assumedRole("Pod", "aws-sdk-js-session-")}\\d{13}$`);
    expect((await keysmithResolves({ profile: "ci" })).principal).toMatch(pattern);
    expect((await v3Resolves({ profile: "ci" })).principal).toMatch(pattern);
  });

  it("reads the token file again at each refresh, as the issuer rotates it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const local = await startLocalEndpoint({ accountId: ACCOUNT, now: () => Date.now() });
      try {
        const provider = local.roles.addOpenIdProvider({ issuer: ISSUER, audiences: [AUDIENCE], publicKey: issuer.publicKey });
        local.roles.create({ roleName: "Pod", trustedPrincipals: [provider.arn] });
        sandbox.env({ AWS_ENDPOINT_URL_STS: local.url });
        // The first token expires in 30 minutes. The credentials last the role's hour and are due 5 minutes before
        // its end, when only the rotated token is still valid.
        const tokenFile = sandbox.write("token", issuer.token({ sub: "first", aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 30 * 60 }));
        sandbox.env({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: podRole, AWS_ROLE_SESSION_NAME: "rotating" });
        const client = new STSClient({ region: "us-east-1", credentialDefaultProvider: (input) => fromNodeProviderChain(input) });
        const call = () => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId })).catch((error: Error) => error);
        const sessions = new Set<string | undefined>();
        const subject = async () => local.roles.sessionOf((await client.config.credentials()).accessKeyId)?.webIdentitySubject;

        expect(await call()).not.toBeInstanceOf(Error);
        sessions.add(await subject());
        vi.setSystemTime(Date.now() + 56 * 60_000);
        sandbox.write("token", issuer.token({ sub: "second", aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 }));
        // As with v3's chain, the call signs with the credentials it has while the chain fetches new ones.
        expect(await call()).not.toBeInstanceOf(Error);
        await vi.waitFor(async () => expect(await subject()).toBe("second"));
        sessions.add(await subject());
        expect([...sessions]).toEqual(["first", "second"]);
        expect(local.stats.executed.AssumeRoleWithWebIdentity).toBe(2);
        client.destroy();
      } finally {
        await local.close();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    { name: "a token signed by another key", token: () => issuer.token({ sub: "x", aud: AUDIENCE, exp: inAnHour() }, otherRsaKey()), want: "InvalidIdentityTokenException: Couldn't verify the signature of the token" },
    { name: "a token for another audience", token: () => issuer.token({ sub: "x", aud: "someone-else", exp: inAnHour() }), want: "InvalidIdentityTokenException: Incorrect token audience" },
    { name: "an expired token", token: () => issuer.token({ sub: "x", aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) - 60 }), want: "ExpiredTokenException: Token expired" },
  ])("refuses $name, and the chain stops there", async ({ token, want }) => {
    sandbox.env({ AWS_WEB_IDENTITY_TOKEN_FILE: sandbox.write("token", token()), AWS_ROLE_ARN: podRole });
    const error = await failureOf(keysmithResolves());
    expect(error.message).toMatch(new RegExp(`^AWS_WEB_IDENTITY_TOKEN_FILE: STS AssumeRoleWithWebIdentity of ${podRole} failed: ${want}`));
    expect((error.cause as Error).name).toBe(want.split(":")[0]);
  });

  it("an unreadable token file is named, and nothing is sent", async () => {
    sandbox.env({ AWS_WEB_IDENTITY_TOKEN_FILE: `${sandbox.home}/no-such-token`, AWS_ROLE_ARN: podRole });
    const error = await failureOf(keysmithResolves());
    expect(error.message).toBe(`AWS_WEB_IDENTITY_TOKEN_FILE: the web identity token file ${sandbox.home}/no-such-token cannot be read: ENOENT`);
    expect(endpoint.stats.requests).toBe(0);
  });

  it("an AWS_ROLE_ARN that is not a role ARN is named, and nothing is sent", async () => {
    sandbox.env({ AWS_WEB_IDENTITY_TOKEN_FILE: sandbox.write("token", "x.y.z"), AWS_ROLE_ARN: "Pod" });
    const error = await failureOf(keysmithResolves());
    expect(error.message).toMatch(/^AWS_WEB_IDENTITY_TOKEN_FILE: AWS_ROLE_ARN must be an IAM role ARN/);
    expect(endpoint.stats.requests).toBe(0);
  });
});

describe("IAM Identity Center and aws login, through the official providers", () => {
  let federation: FederationServer;
  let ssoRole: string;
  // The official providers keep module-wide state per session name (one refresh attempt per 30 s): a name per test.
  let session = "";
  let sequence = 0;
  const START_URL = "https://corp.awsapps.com/start";
  const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000);

  beforeEach(async () => {
    federation = await startFederationServer(endpoint);
    ssoRole = endpoint.roles.create({ roleName: "AWSReservedSSO_Admin", trustedPrincipals: [] }).arn;
    session = `corp-${++sequence}-${Date.now()}`;
    sandbox.env({ AWS_ENDPOINT_URL_SSO: federation.origin, AWS_ENDPOINT_URL_SSO_OIDC: federation.origin, AWS_ENDPOINT_URL_SIGNIN: federation.origin });
  });
  afterEach(async () => {
    await federation.close();
  });

  const ssoProfile = () =>
    `[profile sso]\nsso_session = ${session}\nsso_account_id = ${ACCOUNT}\nsso_role_name = Admin\n` +
    `[sso-session ${session}]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;
  const client = { clientId: "oidc-client-EXAMPLE", clientSecret: "oidc-client-secret-EXAMPLE" };

  it("sso_session with a valid cached token: the portal's role credentials", async () => {
    sandbox.write(".aws/config", ssoProfile());
    writeSsoToken(sandbox, session, START_URL, { accessToken: "sso-access-1", expiresAt: inHours(8) });
    federation.acceptAccessToken("sso-access-1", { roleArn: ssoRole, sessionName: "alice@example.com" });
    const ours = await keysmithResolves({ profile: "sso" });
    expect(ours.principal).toBe(assumedRole("AWSReservedSSO_Admin", "alice@example.com"));
    expect(federation.requests.map((request) => `${request.method} ${request.path} ${request.headers["x-amz-sso_bearer_token"]}`)).toEqual([
      `GET /federation/credentials?account_id=${ACCOUNT}&role_name=Admin sso-access-1`,
    ]);
    expect((await v3Resolves({ profile: "sso" })).principal).toBe(ours.principal);
  });

  it("sso_session with an expired token: refreshed through SSO-OIDC CreateToken and written back to the cache", async () => {
    sandbox.write(".aws/config", ssoProfile());
    const cache = writeSsoToken(sandbox, session, START_URL, { accessToken: "sso-stale", expiresAt: inHours(-1), refreshToken: "sso-refresh-1", ...client });
    federation.acceptRefreshToken("sso-refresh-1", client, { roleArn: ssoRole, sessionName: "alice@example.com" });
    const ours = await keysmithResolves({ profile: "sso" });
    expect(ours.principal).toBe(assumedRole("AWSReservedSSO_Admin", "alice@example.com"));
    const written = JSON.parse(readFileSync(cache, "utf8")) as Record<string, string>;
    expect(written.accessToken).toMatch(/^sso-access-/);
    expect(written.refreshToken).not.toBe("sso-refresh-1");
    expect(new Date(written.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);
    expect(federation.requests.map((request) => `${request.method} ${request.path.split("?")[0]}`)).toEqual(["POST /token", "GET /federation/credentials"]);
    // The official client reads the token keysmith wrote.
    expect((await v3Resolves({ profile: "sso" })).principal).toBe(ours.principal);
    expect(federation.requests).toHaveLength(3);
  });

  it("sso_session whose refresh is refused: a clear error naming the profile and cache, and the chain stops", async () => {
    sandbox.write(".aws/config", ssoProfile());
    writeSsoToken(sandbox, session, START_URL, { accessToken: "sso-stale", expiresAt: inHours(-1), refreshToken: "sso-refresh-revoked", ...client });
    sandbox.env({ AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey });
    const error = await failureOf(keysmithResolves({ profile: "sso" }));
    expect(error.message).toBe(
      `profile "sso" (IAM Identity Center, token cache ${join(sandbox.home, ssoCachePath(session))}): ` +
        "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    );
    expect(federation.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["POST /token"]);
  });

  it("legacy sso_start_url profile: the cached token as is", async () => {
    sandbox.write(".aws/config", `[profile legacy]\nsso_start_url = ${START_URL}/${session}\nsso_region = us-east-1\nsso_account_id = ${ACCOUNT}\nsso_role_name = ReadOnly\n`);
    writeSsoToken(sandbox, `${START_URL}/${session}`, `${START_URL}/${session}`, { accessToken: "sso-legacy-1", expiresAt: inHours(1) });
    federation.acceptAccessToken("sso-legacy-1", { roleArn: ssoRole, sessionName: "bob@example.com" });
    const ours = await keysmithResolves({ profile: "legacy" });
    expect(ours.principal).toBe(assumedRole("AWSReservedSSO_Admin", "bob@example.com"));
    expect((await v3Resolves({ profile: "legacy" })).principal).toBe(ours.principal);
  });

  it("an SSO cache file that is not JSON: named, and nothing is sent", async () => {
    sandbox.write(".aws/config", ssoProfile());
    const cache = sandbox.write(ssoCachePath(session), "{ not json");
    const error = await failureOf(keysmithResolves({ profile: "sso" }));
    expect(error.message).toBe(
      `profile "sso" (IAM Identity Center, token cache ${cache}): The SSO session token associated with profile=sso was not found or is invalid. ` +
        "To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    );
    expect(federation.requests).toEqual([]);
  });

  it("IAM Identity Center settings given to the chain itself, its second source", async () => {
    const startUrl = `${START_URL}/${session}`;
    writeSsoToken(sandbox, startUrl, startUrl, { accessToken: "sso-options-1", expiresAt: inHours(1) });
    federation.acceptAccessToken("sso-options-1", { roleArn: ssoRole, sessionName: "carol@example.com" });
    const credentials = fromNodeProviderChain({ ssoStartUrl: startUrl, ssoRegion: "us-east-1", ssoAccountId: ACCOUNT, ssoRoleName: "Admin" });
    const ours = await keysmithResolves({ credentials });
    expect(ours.principal).toBe(assumedRole("AWSReservedSSO_Admin", "carol@example.com"));
    const official = v3FromNodeProviderChain({ ssoStartUrl: startUrl, ssoRegion: "us-east-1", ssoAccountId: ACCOUNT, ssoRoleName: "Admin" });
    expect((await v3Resolves({ credentials: official })).principal).toBe(ours.principal);
  });

  const loginProfile = (loginSession: string) => `[profile console]\nlogin_session = ${loginSession}\nregion = us-east-1\n`;

  it("aws login session: the cached credentials while they are fresh", async () => {
    const loginSession = `arn:aws:iam::${ACCOUNT}:user/alice-${session}`;
    const cached = endpoint.roles.createSession(ssoRole, { sessionName: "console" });
    sandbox.write(".aws/config", loginProfile(loginSession));
    writeLoginSession(sandbox, loginSession, { ...cached, accountId: ACCOUNT, expiresAt: inHours(1), clientId: "arn:aws:signin:::devtools/same-device", refreshToken: "login-refresh-1", dpopKey: dpopKey() });
    const ours = await keysmithResolves({ profile: "console" });
    expect(ours.credentials.accessKeyId).toBe(cached.accessKeyId);
    expect(ours.principal).toBe(assumedRole("AWSReservedSSO_Admin", "console"));
    expect(federation.requests).toEqual([]);
    expect((await v3Resolves({ profile: "console" })).credentials.accessKeyId).toBe(cached.accessKeyId);
  });

  it("aws login session near expiry: refreshed with a DPoP proof, the new credentials written back", async () => {
    const loginSession = `arn:aws:iam::${ACCOUNT}:user/alice-${session}`;
    const key = dpopKey();
    const stale = endpoint.roles.createSession(ssoRole, { sessionName: "console" });
    sandbox.write(".aws/config", loginProfile(loginSession));
    const clientId = "arn:aws:signin:::devtools/same-device";
    writeLoginSession(sandbox, loginSession, { ...stale, accountId: ACCOUNT, expiresAt: new Date(Date.now() + 60_000), clientId, refreshToken: "login-refresh-1", dpopKey: key });
    federation.acceptLoginRefresh("login-refresh-1", clientId, key, { roleArn: ssoRole, sessionName: "console-refreshed" });
    const ours = await keysmithResolves({ profile: "console" });
    expect(ours.credentials.accessKeyId).not.toBe(stale.accessKeyId);
    expect(ours.principal).toBe(assumedRole("AWSReservedSSO_Admin", "console-refreshed"));
    expect(federation.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["POST /v1/token"]);
    const written = JSON.parse(readFileSync(join(sandbox.home, loginCachePath(loginSession)), "utf8")) as { accessToken: { accessKeyId: string } };
    expect(written.accessToken.accessKeyId).toBe(ours.credentials.accessKeyId);
    // The official client then reads what keysmith wrote back.
    expect((await v3Resolves({ profile: "console" })).credentials.accessKeyId).toBe(ours.credentials.accessKeyId);
  });
});

describe("caching and refresh", () => {
  it("refreshes role credentials before they expire, once for 50 concurrent calls", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const local = await startLocalEndpoint({ accountId: ACCOUNT, now: () => Date.now() });
    try {
      const user = local.createUser("alice");
      const role = local.roles.create({ roleName: "Busy", trustedPrincipals: [aliceArn] });
      sandbox.env({ AWS_ENDPOINT_URL_STS: local.url });
      sandbox.write(".aws/config", `[profile busy]\nrole_arn = ${role.arn}\nsource_profile = base\n${keys("profile base", user)}`);
      const client = new STSClient({ region: "us-east-1", profile: "busy" });
      const call = () => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId }));
      await call();
      const first = await client.config.credentials();
      // Within the hour, the cached credentials serve every call.
      vi.setSystemTime(Date.now() + 50 * 60_000);
      await Promise.all(Array.from({ length: 10 }, call));
      expect(local.stats.executed.AssumeRole).toBe(1);
      // Five minutes before they expire, they are due: 50 concurrent calls share one refresh.
      vi.setSystemTime(Date.now() + 6 * 60_000);
      const outputs = await Promise.all(Array.from({ length: 50 }, call));
      expect(outputs.every((output) => output.Account === ACCOUNT)).toBe(true);
      expect(local.stats.executed.AssumeRole).toBe(2);
      expect((await client.config.credentials()).accessKeyId).not.toBe(first.accessKeyId);
      client.destroy();
    } finally {
      await local.close();
      vi.useRealTimers();
    }
  });
});

describe("the client's configuration reaches the providers (callerClientConfig)", () => {
  it("the official fromIni() reads the client's profile, and assumes its role in the client's region", async () => {
    sandbox.env({ AWS_ENDPOINT_URL_STS: undefined });
    const role = endpoint.roles.create({ roleName: "Dev", trustedPrincipals: [aliceArn] });
    sandbox.write(".aws/config", `[default]\naws_access_key_id = AKIDDEFAULTEXAMPLE\naws_secret_access_key = default-secret\n[profile dev]\nrole_arn = ${role.arn}\nsource_profile = base\nrole_session_name = ini\n${keys("profile base", alice)}`);
    const seen: string[] = [];
    const handler = redirectingHandler(new URL(endpoint.url), seen);
    const ours = await keysmithResolves({ profile: "dev", region: "eu-central-1", credentials: fromIni(), requestHandler: handler });
    handler.destroy();
    expect(ours.principal).toBe(assumedRole("Dev", "ini"));
    expect(seen[0]).toMatch(/^sts\.eu-central-1\.amazonaws\.com AssumeRole AKIA\w+\/\d{8}\/eu-central-1\/sts\/aws4_request$/);
  });

  it("the official fromTemporaryCredentials() assumes the role in the client's region, from the client's default chain", async () => {
    sandbox.env({ AWS_ENDPOINT_URL_STS: undefined, AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey });
    const role = endpoint.roles.create({ roleName: "Temp", trustedPrincipals: [aliceArn] });
    const seen: string[] = [];
    const handler = redirectingHandler(new URL(endpoint.url), seen);
    const credentials = fromTemporaryCredentials({ params: { RoleArn: role.arn, RoleSessionName: "temp" } });
    const ours = await keysmithResolves({ region: "eu-west-1", credentials, requestHandler: handler });
    handler.destroy();
    expect(ours.principal).toBe(assumedRole("Temp", "temp"));
    expect(seen[0]).toMatch(/^sts\.eu-west-1\.amazonaws\.com AssumeRole AKIA\w+\/\d{8}\/eu-west-1\/sts\/aws4_request$/);
  });

  it("keysmith's fromNodeProviderChain() reads the client's profile", async () => {
    sandbox.write(".aws/credentials", keys("default", { accessKeyId: "AKIDDEFAULTEXAMPLE", secretAccessKey: "default-secret" }) + keys("dev", alice));
    const ours = await keysmithResolves({ profile: "dev", credentials: fromNodeProviderChain() });
    expect(ours.credentials.accessKeyId).toBe(alice.accessKeyId);
  });

  it("credentialDefaultProvider makes the provider, from the client's configuration, when no credentials are given", async () => {
    sandbox.write(".aws/credentials", keys("dev", alice));
    const inputs: Array<{ profile?: string; parentClientConfig?: { profile?: string } }> = [];
    const ours = await keysmithResolves({
      profile: "dev",
      credentialDefaultProvider: (input) => (inputs.push(input), v3FromNodeProviderChain(input)),
    });
    expect(ours.credentials.accessKeyId).toBe(alice.accessKeyId);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ profile: "dev", parentClientConfig: { profile: "dev" } });
  });
});

describe("without the optional packages", () => {
  // A fresh Node whose module resolution finds neither package, as in a project that did not install them.
  const root = fileURLToPath(new URL("..", import.meta.url));
  function chainErrorWithout(profile: string): string {
    sandbox.write("hide.mjs", [
      "export async function resolve(specifier, context, next) {",
      "  if (specifier.startsWith('@aws-sdk/credential-provider-')) {",
      "    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`), { code: 'ERR_MODULE_NOT_FOUND' });",
      "  }",
      "  return next(specifier, context);",
      "}",
    ].join("\n"));
    const register = sandbox.write("register.mjs", `import { register } from "node:module";\nregister(${JSON.stringify(`file://${sandbox.home}/hide.mjs`)});\n`);
    const script = sandbox.write("resolve.mts", [
      `import { defaultCredentialChain } from ${JSON.stringify(join(root, "src/node/credential-chain.ts"))};`,
      `await defaultCredentialChain({ profile: ${JSON.stringify(profile)} })().catch((error) => console.log(error.message));`,
    ].join("\n"));
    return execFileSync(process.execPath, ["--conditions=keysmith-source", "--import", "tsx", "--import", register, script], { cwd: root, env: process.env, encoding: "utf8" }).trim();
  }

  it.each([
    { profile: "sso", config: `[profile sso]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${ACCOUNT}\nsso_role_name = Admin\n`, want: "@aws-sdk/credential-provider-sso" },
    { profile: "console", config: `[profile console]\nlogin_session = arn:aws:iam::${ACCOUNT}:user/alice\n`, want: "@aws-sdk/credential-provider-login" },
  ])("a $profile profile says which package to install, and the chain stops", ({ profile, config, want }) => {
    sandbox.write(".aws/config", config);
    expect(chainErrorWithout(profile)).toMatch(new RegExp(`^profile "${profile}" \\(.*\\) needs the package ${want}, which is not installed: npm install ${want}$`));
  });
});
