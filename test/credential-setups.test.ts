// Every credential setup the official SDK resolves, end to end: each test has its own HOME with its own config files
// and environment, the embedded endpoint plays STS (and IAM), and a local server plays IAM Identity Center and
// `aws login`. Side by side, the official v3 client resolves the same sandbox, and both sets of credentials are shown
// to authenticate as the same principal (GetCallerIdentity). Temporary credentials differ from call to call, so
// "the same identity" is the same access key id for static credentials and the same assumed-role ARN otherwise.
import { GetCallerIdentityCommand, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentity, HttpHandlerOptions } from "@smithy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STSClient, GetAccessKeyInfoCommand, type STSClientConfig } from "../generated/sts/index.js";
import { fromNodeProviderChain } from "../src/entries/credentials.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../src/local/index.js";
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
