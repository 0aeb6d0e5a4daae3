// The default chain keeps its answer as v3's fromNodeProviderChain does (its memoizeChain): one fetch for every caller
// of one provider; near expiry a fetch in the background while the kept credentials go on signing, so a failed
// refresh fails no call before they expire; and, when nothing resolves, an error that stops a chain built around it.
// What the environment and the profile say of the account and the scope comes along, as v3 takes it.
import { fromEnv as v3FromEnv } from "@aws-sdk/credential-provider-env";
import { fromIni as v3FromIni } from "@aws-sdk/credential-provider-ini";
import type { AwsCredentialIdentity } from "@smithy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fromNodeProviderChain } from "../src/entries/credentials.js";
import { GetAccessKeyInfoCommand, STSClient } from "../src/entries/sts.js";
import { captureHandler } from "./support/capture.js";
import { credentialProcessCommand, failureOf, useCredentialSandbox } from "./support/credential-sandbox.js";
import { servedCredentials, startLocalServer, type LocalServer, type Reply } from "./support/credential-servers.js";

const sandbox = useCredentialSandbox();

const servers: LocalServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const MINUTE = 60_000;
const served = (n: number, expiration: Date): Reply => ({ status: 200, body: JSON.stringify(servedCredentials(`ASIACONTAINER${n}EXAMPLE`, `secret-${n}`, `session-${n}`, expiration)) });
const refused: Reply = { status: 401, body: JSON.stringify({ Code: "AccessDenied", Message: "the agent is gone" }) };

/** A container credentials agent answering its requests with `replies` in turn, the last one repeating. */
async function agent(...replies: Array<() => Reply>): Promise<LocalServer> {
  const server = await startLocalServer((_request, index) => replies[Math.min(index, replies.length - 1)]!());
  servers.push(server);
  sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.origin}/creds` });
  return server;
}

describe("one answer for every caller of one provider", () => {
  it("clients given the same fromNodeProviderChain() fetch once", async () => {
    const container = await agent(() => served(1, new Date(Date.now() + 60 * MINUTE)));
    const credentials = fromNodeProviderChain();
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult/></GetAccessKeyInfoResponse>" });
    const clients = [1, 2, 3].map(() => new STSClient({ region: "us-east-1", credentials, requestHandler: handler }));
    await Promise.all(clients.map((client) => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }))));
    expect(container.requests).toHaveLength(1);
    expect(handler.requests.map((request) => request.headers["x-amz-security-token"])).toEqual(["session-1", "session-1", "session-1"]);
  });

  it("calls of the provider itself, at once and in turn, fetch once", async () => {
    const container = await agent(() => served(1, new Date(Date.now() + 60 * MINUTE)));
    const provider = fromNodeProviderChain();
    const answers = [...(await Promise.all([provider(), provider(), provider()])), await provider()];
    expect(new Set(answers.map((identity) => identity.accessKeyId))).toEqual(new Set(["ASIACONTAINER1EXAMPLE"]));
    expect(container.requests).toHaveLength(1);
  });
});

describe("near expiry", () => {
  it("answers with the kept credentials within five minutes of their expiry while it fetches new ones", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const container = await agent(
      () => served(1, new Date(Date.now() + 10 * MINUTE)),
      () => served(2, new Date(Date.now() + 60 * MINUTE)),
    );
    const provider = fromNodeProviderChain();
    expect((await provider()).accessKeyId).toBe("ASIACONTAINER1EXAMPLE");
    vi.setSystemTime(Date.now() + 6 * MINUTE);
    expect((await provider()).accessKeyId).toBe("ASIACONTAINER1EXAMPLE");
    await vi.waitFor(async () => expect((await provider()).accessKeyId).toBe("ASIACONTAINER2EXAMPLE"));
    expect(container.requests).toHaveLength(2);
  });

  // The container source tries 4 times, a second apart, before it gives up: each failed fetch takes 3 seconds.
  it("goes on with the kept credentials when a refresh fails, and waits for a fetch once they have expired", { timeout: 20_000 }, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const container = await agent(
      () => served(1, new Date(Date.now() + 4 * MINUTE)),
      () => refused,
    );
    const warnings: string[] = [];
    const provider = fromNodeProviderChain({ logger: { debug() {}, info() {}, warn: (line: string) => warnings.push(line), error() {} } });
    expect((await provider()).accessKeyId).toBe("ASIACONTAINER1EXAMPLE");
    expect((await provider()).accessKeyId).toBe("ASIACONTAINER1EXAMPLE");
    await vi.waitFor(() => expect(warnings).toEqual([expect.stringContaining("refreshing failed, still signing with the current credentials")]), { timeout: 10_000 });
    expect(warnings[0]).not.toContain("secret-1");
    vi.setSystemTime(Date.now() + 5 * MINUTE);
    expect((await failureOf(provider())).message).toContain("the agent is gone");
    expect(container.requests.length).toBeGreaterThanOrEqual(3);
  });
});

describe("when nothing resolves", () => {
  it("the error stops a chain built around this one, as v3's does (tryNextLink false)", async () => {
    const error = await failureOf(fromNodeProviderChain()());
    expect(error).toMatchObject({ name: "CredentialsProviderError", tryNextLink: false });
    expect(error.message).toMatch(/^No AWS credentials found\. Tried, in order:/);
  });
});

describe("the environment's account and scope", () => {
  it.each([
    { name: "keys only", env: {} },
    { name: "AWS_ACCOUNT_ID", env: { AWS_ACCOUNT_ID: "123456789012" } },
    { name: "AWS_CREDENTIAL_SCOPE", env: { AWS_CREDENTIAL_SCOPE: "eu-west-1" } },
    { name: "both, with a session token", env: { AWS_ACCOUNT_ID: "123456789012", AWS_CREDENTIAL_SCOPE: "eu-west-1", AWS_SESSION_TOKEN: "session" } },
  ])("$name: what v3's fromEnv gives", async ({ env }) => {
    sandbox.env({ AWS_ACCESS_KEY_ID: "AKIDENVEXAMPLE", AWS_SECRET_ACCESS_KEY: "env-secret-EXAMPLE", ...env });
    expect(await fromNodeProviderChain()()).toEqual(withoutSource(await v3FromEnv()()));
  });
});

/** v3's identity without its mark of where the identity came from (for its user agent's metrics). */
function withoutSource(identity: AwsCredentialIdentity): AwsCredentialIdentity {
  const { $source: _, ...rest } = identity as AwsCredentialIdentity & { $source?: unknown };
  return rest;
}

describe("the profile's account and scope", () => {
  const KEYS = "aws_access_key_id = AKIDFILEEXAMPLE\naws_secret_access_key = file-secret-EXAMPLE\n";
  const processOutput = (fields: object) => JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROCESSEXAMPLE", SecretAccessKey: "process-secret-EXAMPLE", ...fields });
  it.each([
    { name: "static keys with aws_account_id", profile: () => `${KEYS}aws_account_id = 123456789012\n` },
    { name: "static keys with aws_credential_scope", profile: () => `${KEYS}aws_credential_scope = eu-west-1\n` },
    {
      name: "credential_process output without AccountId: the profile's aws_account_id",
      profile: () => `credential_process = ${credentialProcessCommand(sandbox, "plain", { stdout: processOutput({}) })}\naws_account_id = 123456789012\n`,
    },
    {
      name: "credential_process output with its own AccountId, over the profile's",
      profile: () => `credential_process = ${credentialProcessCommand(sandbox, "own", { stdout: processOutput({ AccountId: "210987654321" }) })}\naws_account_id = 123456789012\n`,
    },
  ])("$name: what v3's fromIni gives", async ({ profile }) => {
    sandbox.write(".aws/credentials", `[default]\n${profile()}`);
    expect(await fromNodeProviderChain()()).toEqual(withoutSource(await v3FromIni()()));
  });
});
