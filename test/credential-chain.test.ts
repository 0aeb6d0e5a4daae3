import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AwsCredentialIdentity, Logger } from "@smithy/types";
import { fromProcess as v3FromProcess } from "@aws-sdk/credential-providers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultCredentialChain } from "../src/node/credential-chain.js";
import { containerCredentialsUrl, fromContainerEndpoint } from "../src/node/credentials/container.js";
import { fromInstanceMetadataService } from "../src/node/credentials/instance-metadata.js";
import { runCredentialProcess } from "../src/node/credentials/process.js";
import { profileSettings, type ProfileSettings } from "../src/node/profile.js";
import { credentialProcessCommand, failureOf, useCredentialSandbox, type ProcessScript } from "./support/credential-sandbox.js";
import {
  IMDS_ROLE,
  IMDS_TOKEN,
  servedCredentials,
  startContainerAgent,
  startInstanceMetadataService,
  startLocalServer,
  type LocalServer,
} from "./support/credential-servers.js";

const sandbox = useCredentialSandbox();

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(server: Promise<LocalServer>): Promise<LocalServer> {
  const started = await server;
  servers.push(started);
  return started;
}

const LATER = new Date("2999-01-01T00:00:00.000Z");
const ENV = { accessKeyId: "AKIDENVEXAMPLE", secretAccessKey: "env-secret-EXAMPLE" };
const FILE = { accessKeyId: "AKIDFILEEXAMPLE", secretAccessKey: "file-secret-EXAMPLE" };
const DEV = { accessKeyId: "AKIDDEVEXAMPLE", secretAccessKey: "dev-secret-EXAMPLE" };
const PROCESS = { accessKeyId: "AKIDPROCESSEXAMPLE", secretAccessKey: "process-secret-EXAMPLE", sessionToken: "process-session-EXAMPLE" };
const CONTAINER = { accessKeyId: "ASIACONTAINEREXAMPLE", secretAccessKey: "container-secret-EXAMPLE", sessionToken: "container-session-EXAMPLE", expiration: LATER };
const IMDS = { accessKeyId: "ASIAIMDSEXAMPLE", secretAccessKey: "imds-secret-EXAMPLE", sessionToken: "imds-session-EXAMPLE", expiration: LATER };
const CONTAINER_AUTH = "container-authorization-EXAMPLE";

function keys(section: string, { accessKeyId, secretAccessKey }: { accessKeyId: string; secretAccessKey: string }): string {
  return `[${section}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
}

function processOutput(fields: Record<string, unknown>): string {
  return JSON.stringify({ Version: 1, AccessKeyId: PROCESS.accessKeyId, SecretAccessKey: PROCESS.secretAccessKey, ...fields });
}

describe("environment variables", () => {
  it("yields the keys, the session token and the expiration", async () => {
    sandbox.env({
      AWS_ACCESS_KEY_ID: ENV.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ENV.secretAccessKey,
      AWS_SESSION_TOKEN: "env-session-EXAMPLE",
      AWS_CREDENTIAL_EXPIRATION: LATER.toISOString(),
    });
    expect(await defaultCredentialChain()()).toEqual({ ...ENV, sessionToken: "env-session-EXAMPLE", expiration: LATER });
  });
});

describe("shared config and credentials files", () => {
  const table: Array<{ name: string; files: Record<string, string>; env?: Record<string, string>; profile?: string; want: AwsCredentialIdentity }> = [
    { name: "[default] static keys in the credentials file", files: { ".aws/credentials": keys("default", FILE) }, want: FILE },
    {
      name: "[default] static keys with aws_session_token",
      files: { ".aws/credentials": `${keys("default", FILE)}aws_session_token = file-session-EXAMPLE\n` },
      want: { ...FILE, sessionToken: "file-session-EXAMPLE" },
    },
    { name: "[default] static keys in the config file", files: { ".aws/config": keys("default", FILE) }, want: FILE },
    { name: "[profile dev] of the config file, by the profile option", files: { ".aws/config": keys("profile dev", DEV) }, profile: "dev", want: DEV },
    { name: "[dev] of the credentials file, by AWS_PROFILE", files: { ".aws/credentials": keys("dev", DEV) }, env: { AWS_PROFILE: "dev" }, want: DEV },
    {
      name: "the profile option over AWS_PROFILE",
      files: { ".aws/credentials": keys("dev", DEV) + keys("other", FILE) },
      env: { AWS_PROFILE: "other" },
      profile: "dev",
      want: DEV,
    },
    {
      name: "the credentials file over the config file for the same profile",
      files: { ".aws/credentials": keys("default", FILE), ".aws/config": keys("default", DEV) },
      want: FILE,
    },
    {
      name: "files at AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE",
      files: { ".aws/credentials": keys("default", FILE), "elsewhere/creds": keys("dev", DEV), "elsewhere/conf": "[profile dev]\nregion = eu-west-1\n" },
      env: { AWS_SHARED_CREDENTIALS_FILE: "~/elsewhere/creds", AWS_CONFIG_FILE: "~/elsewhere/conf", AWS_PROFILE: "dev" },
      want: DEV,
    },
    {
      name: "static keys over role settings without role_arn, as in the official SDK",
      files: { ".aws/config": `${keys("profile dev", DEV)}source_profile = base\n` },
      profile: "dev",
      want: DEV,
    },
    {
      name: "static keys over SSO settings in the same profile, as in the official SDK",
      files: { ".aws/config": `${keys("profile dev", DEV)}sso_session = corp\n` },
      profile: "dev",
      want: DEV,
    },
    {
      name: "static keys over credential_process in the same profile",
      files: { ".aws/config": `${keys("profile dev", DEV)}credential_process = exit 9\n` },
      profile: "dev",
      want: DEV,
    },
  ];

  it.each(table)("$name", async ({ files, env, profile, want }) => {
    for (const [path, content] of Object.entries(files)) sandbox.write(path, content);
    sandbox.env(env ?? {});
    expect(await defaultCredentialChain(profile === undefined ? {} : { profile })()).toEqual(want);
  });

  it("does not take [dev] of the config file for a profile: config profiles need the `profile ` prefix", async () => {
    sandbox.write(".aws/config", keys("dev", DEV));
    const error = await failureOf(defaultCredentialChain({ profile: "dev" })());
    expect(error.message).toContain(`profile "dev" is not in ${join(sandbox.home, ".aws/credentials")} or ${join(sandbox.home, ".aws/config")}`);
  });
});

describe("credential_process", () => {
  const KEYS = { accessKeyId: PROCESS.accessKeyId, secretAccessKey: PROCESS.secretAccessKey };
  const MAX_STREAM_BYTES = 1024 * 1024;

  it.each([
    {
      name: "keys, session token and expiration",
      script: { stdout: processOutput({ SessionToken: PROCESS.sessionToken, Expiration: LATER.toISOString() }) },
      want: { ...PROCESS, expiration: LATER },
    },
    {
      name: "keys only, with surrounding whitespace and chatter on stderr",
      script: { stdout: `\n${processOutput({})}\n`, stderr: "fetched from the vault\n" },
      want: KEYS,
    },
    { name: "keys only, SessionToken and Expiration null (Python's None)", script: { stdout: processOutput({ SessionToken: null, Expiration: null }) }, want: KEYS },
    { name: "keys only, SessionToken and Expiration empty", script: { stdout: processOutput({ SessionToken: "", Expiration: "" }) }, want: KEYS },
    { name: "keys only, Expiration 0", script: { stdout: processOutput({ Expiration: 0 }) }, want: KEYS },
    { name: "an Expiration in milliseconds since 1970", script: { stdout: processOutput({ Expiration: LATER.getTime() }) }, want: { ...KEYS, expiration: LATER } },
    {
      name: "AccountId and CredentialScope",
      script: { stdout: processOutput({ AccountId: "012345678901", CredentialScope: "us-west-2" }) },
      want: { ...KEYS, accountId: "012345678901", credentialScope: "us-west-2" },
    },
    { name: "keys only, AccountId and CredentialScope null", script: { stdout: processOutput({ AccountId: null, CredentialScope: null }) }, want: KEYS },
    {
      name: "keys, after 1 MiB (v3's bound, per stream) of logging on stderr",
      script: { stdout: processOutput({}), stderr: "x".repeat(MAX_STREAM_BYTES) },
      want: KEYS,
    },
  ])("yields $name, as v3", async ({ script, want }) => {
    sandbox.write(".aws/config", `[profile tool]\ncredential_process = ${credentialProcessCommand(sandbox, "tool", script)}\n`);
    expect(await defaultCredentialChain({ profile: "tool" })()).toEqual(want);
    const { $source, ...v3 } = (await v3FromProcess({ profile: "tool" })()) as AwsCredentialIdentity & { $source?: unknown };
    expect(v3).toEqual(want);
  });

  it.each([
    { name: "the profile's aws_account_id when the output has no AccountId", output: {}, want: "444455556666" },
    { name: "the profile's aws_account_id when the output's AccountId is null", output: { AccountId: null }, want: "444455556666" },
    { name: "the output's AccountId over the profile's", output: { AccountId: "111122223333" }, want: "111122223333" },
  ])("takes $name, as v3", async ({ output, want }) => {
    const command = credentialProcessCommand(sandbox, "tool", { stdout: processOutput(output) });
    expect(await runCredentialProcess(command, { profileAccountId: "444455556666" })).toEqual({ ...KEYS, accountId: want });
  });

  const failures: Array<{ name: string; script: ProcessScript; want: RegExp }> = [
    {
      name: "a non-zero exit: the code and stderr, never stdout",
      script: { stdout: processOutput({}), stderr: "session expired: run `vault login`\n", exitCode: 3 },
      want: /profile "tool": credential_process exited with code 3; its stderr: session expired: run `vault login`/,
    },
    {
      name: "output that is not JSON",
      script: { stdout: `AccessKeyId=${PROCESS.accessKeyId} SecretAccessKey=${PROCESS.secretAccessKey}` },
      want: /profile "tool": credential_process printed something that is not JSON/,
    },
    {
      name: "an Expiration in the past",
      script: { stdout: processOutput({ Expiration: "2001-02-03T04:05:06Z" }) },
      want: /credential_process returned credentials that expired at 2001-02-03T04:05:06\.000Z/,
    },
    {
      name: "an Expiration that is not a timestamp",
      script: { stdout: processOutput({ Expiration: "tomorrow" }) },
      want: /Expiration that is neither an RFC 3339 timestamp nor milliseconds since 1970: "tomorrow"/,
    },
    { name: "an Expiration of true", script: { stdout: processOutput({ Expiration: true }) }, want: /Expiration that is neither .*: true/ },
    {
      name: "an Expiration in seconds since 1970, taken as milliseconds as v3 does",
      script: { stdout: processOutput({ Expiration: 1893456000 }) },
      want: /credential_process returned credentials that expired at 1970-01-22T21:57:36\.000Z/,
    },
    { name: "a SessionToken that is not a string", script: { stdout: processOutput({ SessionToken: 7 }) }, want: /credential_process output's SessionToken is not a string/ },
    {
      name: "an AccountId that is not a string, which would lose a leading zero",
      script: { stdout: processOutput({ AccountId: 12345678901 }) },
      want: /credential_process output's AccountId is not a string/,
    },
    {
      name: "more than 1 MiB on stdout",
      script: { stdout: processOutput({ Padding: "x".repeat(MAX_STREAM_BYTES) }) },
      want: /credential_process wrote more than 1048576 bytes to stdout/,
    },
    { name: "more than 1 MiB on stderr", script: { stdout: processOutput({}), stderr: "x".repeat(MAX_STREAM_BYTES + 1) }, want: /wrote more than 1048576 bytes to stderr/ },
    { name: "a Version other than 1", script: { stdout: processOutput({ Version: 2 }) }, want: /output must have "Version": 1/ },
    { name: "no SecretAccessKey", script: { stdout: processOutput({ SecretAccessKey: undefined }) }, want: /output lacks SecretAccessKey/ },
  ];

  it.each(failures)("reports $name, without the secret", async ({ script, want }) => {
    sandbox.write(".aws/config", `[profile tool]\ncredential_process = ${credentialProcessCommand(sandbox, "tool", script)}\n`);
    const error = await failureOf(defaultCredentialChain({ profile: "tool" })());
    expect(error.message).toMatch(want);
    expect(error.message).not.toContain(PROCESS.secretAccessKey);
  });

  it("gives up on a process that does not finish within the timeout", async () => {
    const command = credentialProcessCommand(sandbox, "slow", { lingerMs: 3000 });
    const started = Date.now();
    await expect(runCredentialProcess(command, { timeoutMs: 200 })).rejects.toThrow("credential_process did not finish within 200 ms");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("container credentials endpoint", () => {
  const served = servedCredentials(CONTAINER.accessKeyId, CONTAINER.secretAccessKey, CONTAINER.sessionToken, LATER);

  it.each([
    { name: "AWS_CONTAINER_AUTHORIZATION_TOKEN", env: { AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_AUTH }, tokenFile: undefined, warning: undefined },
    { name: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, trailing newline ignored", env: {}, tokenFile: `${CONTAINER_AUTH}\n`, warning: undefined },
    {
      name: "the token file over the token variable, as v3, with a warning",
      env: { AWS_CONTAINER_AUTHORIZATION_TOKEN: "stale-token-EXAMPLE" },
      tokenFile: CONTAINER_AUTH,
      warning: "both AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE and AWS_CONTAINER_AUTHORIZATION_TOKEN are set; AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is used",
    },
  ])("GETs AWS_CONTAINER_CREDENTIALS_FULL_URI with the token of $name", async ({ env, tokenFile, warning }) => {
    const agent = await serve(startContainerAgent(served, CONTAINER_AUTH));
    sandbox.env({ ...env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/creds` });
    if (tokenFile !== undefined) sandbox.env({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: sandbox.write("token", tokenFile) });
    // Without a logger the warning goes to the console, as v3's does.
    const consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await defaultCredentialChain()()).toEqual(CONTAINER);
      expect(consoleWarn.mock.calls.map(([message]) => message)).toEqual(warning ? [expect.stringContaining(warning)] : []);
    } finally {
      consoleWarn.mockRestore();
    }
    expect(agent.requests).toMatchObject([{ method: "GET", path: "/creds", headers: { authorization: CONTAINER_AUTH } }]);
  });

  it("warns the given logger, not the console, naming the variables without their values", async () => {
    const agent = await serve(startContainerAgent(served, CONTAINER_AUTH));
    sandbox.env({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/creds`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "stale-token-EXAMPLE",
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: sandbox.write("token", CONTAINER_AUTH),
    });
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await fromContainerEndpoint({ logger })).toEqual(CONTAINER);
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      consoleWarn.mockRestore();
    }
    expect(logger.warn.mock.calls).toEqual([[expect.stringContaining("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is used")]]);
    expect(logger.warn.mock.calls[0]![0]).not.toMatch(/stale-token|container-authorization/);
  });

  it("reports a refused token with the agent's error, not the token", async () => {
    const agent = await serve(startContainerAgent(served, "the-right-token"));
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_AUTH });
    const error = await failureOf(fromContainerEndpoint({ attempts: 1 }));
    expect(error.message).toBe(`${agent.origin} failed once, last: HTTP 401: AccessDenied: unauthorized request`);
    expect(error.message).not.toContain(CONTAINER_AUTH);
  });

  it("retries a failed request", async () => {
    const agent = await serve(startContainerAgent(served, CONTAINER_AUTH, 1));
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_AUTH });
    expect(await fromContainerEndpoint({ attempts: 2, retryDelayMs: 0 })).toEqual(CONTAINER);
    expect(agent.requests).toHaveLength(2);
  });

  it.each([
    { given: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc?x=1" }, want: "http://169.254.170.2/v2/credentials/abc?x=1" },
    { given: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/rel", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/full" }, want: "http://169.254.170.2/rel" },
    { given: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/full" }, want: "http://127.0.0.1:9/full" },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.23/v1/credentials" }, want: "http://169.254.170.23/v1/credentials" },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://[fd00:ec2::23]/v1/credentials" }, want: "http://[fd00:ec2::23]/v1/credentials" },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.5.6.7:8080/c" }, want: "http://127.5.6.7:8080/c" },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://localhost/c" }, want: "http://localhost/c" },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "https://creds.example.com/c" }, want: "https://creds.example.com/c" },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://creds.example.com/c" }, want: /points at http:\/\/creds\.example\.com, which is not accepted/ },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1.example.com/c" }, want: /which is not accepted/ },
    { given: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "not a url" }, want: /AWS_CONTAINER_CREDENTIALS_FULL_URI does not make a valid URL/ },
    { given: {}, want: /neither AWS_CONTAINER_CREDENTIALS_FULL_URI nor AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set/ },
  ])("containerCredentialsUrl: $given", ({ given, want }) => {
    sandbox.env(given);
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    if (typeof want === "string") expect(containerCredentialsUrl(logger).href).toBe(want);
    else expect(() => containerCredentialsUrl(logger)).toThrow(want);
  });

  it("warns, as v3 does, when RELATIVE_URI overrides FULL_URI", () => {
    sandbox.env({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/rel", AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:9/full" });
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    containerCredentialsUrl(logger);
    expect(logger.warn.mock.calls).toEqual([
      ["keysmith credentials: both AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are set; AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is used, as by the official SDK"],
    ]);
  });
});

describe("EC2 instance metadata service", () => {
  const served = servedCredentials(IMDS.accessKeyId, IMDS.secretAccessKey, IMDS.sessionToken, LATER);

  it("IMDSv2: PUTs for a session token, then GETs the role and its credentials sending that token", async () => {
    const imds = await serve(startInstanceMetadataService(served));
    sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.origin });
    expect(await defaultCredentialChain()()).toEqual(IMDS);
    const base = "/latest/meta-data/iam/security-credentials/";
    expect(imds.requests.map(({ method, path }) => `${method} ${path}`)).toEqual(["PUT /latest/api/token", `GET ${base}`, `GET ${base}${IMDS_ROLE}`]);
    expect(imds.requests[0]!.headers["x-aws-ec2-metadata-token-ttl-seconds"]).toBe("21600");
    expect(imds.requests.slice(1).map((request) => request.headers["x-aws-ec2-metadata-token"])).toEqual([IMDS_TOKEN, IMDS_TOKEN]);
  });

  it("fails fast, saying why, when the service does not answer", async () => {
    const closed = await startLocalServer(() => ({ status: 200, body: "" }));
    await closed.close();
    sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: closed.origin });
    await expect(fromInstanceMetadataService({ timeoutMs: 200 })()).rejects.toThrow(/ECONNREFUSED/);
  });

  it.each(["true", "1"])("is not asked when AWS_EC2_METADATA_DISABLED=%s", async (value) => {
    const imds = await serve(startInstanceMetadataService(served));
    sandbox.env({ AWS_EC2_METADATA_DISABLED: value, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.origin });
    await expect(fromInstanceMetadataService()()).rejects.toThrow("disabled by AWS_EC2_METADATA_DISABLED");
    expect(imds.requests).toEqual([]);
  });
});

describe("precedence", () => {
  type Source = "environment" | "files" | "container" | "instance metadata";
  const table: Array<{ name: string; given: Source[]; env?: Record<string, string>; want: AwsCredentialIdentity }> = [
    { name: "environment over files", given: ["environment", "files"], want: ENV },
    { name: "files over container", given: ["files", "container"], want: FILE },
    { name: "container over instance metadata, which is then not asked", given: ["container", "instance metadata"], want: CONTAINER },
    { name: "instance metadata when nothing else is there", given: ["instance metadata"], want: IMDS },
    { name: "everything: the environment", given: ["environment", "files", "container", "instance metadata"], want: ENV },
    // The official SDK skips the environment's keys when a profile is selected.
    { name: "a profile selected by AWS_PROFILE over the environment", given: ["environment", "files"], env: { AWS_PROFILE: "default" }, want: FILE },
  ];

  it.each(table)("$name", async ({ given, env, want }) => {
    let container: LocalServer | undefined;
    let imds: LocalServer | undefined;
    if (given.includes("environment")) sandbox.env({ AWS_ACCESS_KEY_ID: ENV.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV.secretAccessKey });
    if (given.includes("files")) sandbox.write(".aws/credentials", keys("default", FILE));
    if (given.includes("container")) {
      container = await serve(startContainerAgent(servedCredentials(CONTAINER.accessKeyId, CONTAINER.secretAccessKey, CONTAINER.sessionToken, LATER), CONTAINER_AUTH));
      sandbox.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.origin}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_AUTH });
    }
    if (given.includes("instance metadata")) {
      imds = await serve(startInstanceMetadataService(servedCredentials(IMDS.accessKeyId, IMDS.secretAccessKey, IMDS.sessionToken, LATER)));
      sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.origin });
    }
    sandbox.env(env ?? {});
    expect(await defaultCredentialChain()()).toEqual(want);
    if (want !== CONTAINER) expect(container?.requests ?? []).toEqual([]);
    if (want !== IMDS) expect(imds?.requests ?? []).toEqual([]);
  });

  it("warns once when a profile and environment keys are both set", async () => {
    sandbox.env({ AWS_PROFILE: "default", AWS_ACCESS_KEY_ID: ENV.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV.secretAccessKey });
    sandbox.write(".aws/credentials", keys("default", FILE));
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const chain = defaultCredentialChain({ logger });
    await chain();
    await chain();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(`Both a profile ("default") and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set`));
  });
});

describe("when no source has credentials", () => {
  it("one error lists every source in order with its reason", async () => {
    const error = await failureOf(defaultCredentialChain()());
    expect(error.name).toBe("CredentialsProviderError");
    expect(error.message).toBe(
      [
        "No AWS credentials found. Tried, in order:",
        "  - environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set",
        "  - IAM Identity Center options: none given",
        `  - shared config and credentials files: profile "default" is not in ${join(sandbox.home, ".aws/credentials")} or ${join(sandbox.home, ".aws/config")}`,
        `  - credential_process: profile "default" has none`,
        "  - web identity token: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set",
        "  - container credentials endpoint: neither AWS_CONTAINER_CREDENTIALS_FULL_URI nor AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set",
        "  - EC2 instance metadata service: disabled by AWS_EC2_METADATA_DISABLED",
        "Pass `credentials` to the client, or configure one of these sources.",
      ].join("\n"),
    );
  });

  it("the error holds no secret even when sources failed holding one", async () => {
    sandbox.env({
      AWS_SECRET_ACCESS_KEY: ENV.secretAccessKey,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://creds.example.com/c",
      AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_AUTH,
    });
    const command = credentialProcessCommand(sandbox, "leaky", { stdout: processOutput({ SessionToken: PROCESS.sessionToken }), exitCode: 1 });
    sandbox.write(".aws/credentials", `[default]\naws_secret_access_key = ${FILE.secretAccessKey}\ncredential_process = ${command}\n`);
    const error = await failureOf(defaultCredentialChain()());
    expect(error.message).toMatch(/\n  - shared config and credentials files: profile "default": credential_process exited with code 1.*\n  - credential_process: profile "default": already run with the shared files\n/);
    expect(error.message).toMatch(/container credentials endpoint: AWS_CONTAINER_CREDENTIALS_FULL_URI points at http:\/\/creds\.example\.com/);
    expect(error.message).toMatch(/EC2 instance metadata service: not asked, because container credentials are configured/);
    for (const secret of [ENV.secretAccessKey, FILE.secretAccessKey, PROCESS.secretAccessKey, PROCESS.sessionToken, CONTAINER_AUTH]) {
      expect(error.message).not.toContain(secret);
    }
  });
});

describe("the profile's region", () => {
  const table: Array<{ name: string; files: Record<string, string>; env?: Record<string, string>; profile?: string; want: string | undefined }> = [
    { name: "the default profile", files: { ".aws/config": "[default]\nregion = eu-west-1\n" }, want: "eu-west-1" },
    { name: "a profile by argument", files: { ".aws/config": "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-2\n" }, profile: "dev", want: "ap-south-2" },
    { name: "a profile by AWS_PROFILE", files: { ".aws/config": "[profile dev]\nregion = ap-south-2\n" }, env: { AWS_PROFILE: "dev" }, want: "ap-south-2" },
    {
      name: "the config file over the credentials file",
      files: { ".aws/config": "[default]\nregion = eu-west-1\n", ".aws/credentials": "[default]\nregion = us-west-2\n" },
      want: "eu-west-1",
    },
    { name: "the credentials file when the config file has none", files: { ".aws/credentials": "[default]\nregion = us-west-2\n" }, want: "us-west-2" },
    { name: "no files", files: {}, want: undefined },
    { name: "a config section without the `profile ` prefix is no profile", files: { ".aws/config": "[dev]\nregion = ap-south-2\n" }, profile: "dev", want: undefined },
  ];

  it.each(table)("$name", async ({ files, env, profile, want }) => {
    for (const [path, content] of Object.entries(files)) sandbox.write(path, content);
    sandbox.env(env ?? {});
    expect((await profileSettings(profile)).region).toBe(want);
  });
});

describe("profileSettings", () => {
  const table: Array<{ name: string; config: string; want: ProfileSettings }> = [
    {
      name: "every setting, with a services section",
      config: [
        "[profile dev]",
        "region = eu-central-1",
        "endpoint_url = http://127.0.0.1:4566",
        "services = local-iam",
        "ignore_configured_endpoint_urls = false",
        "use_fips_endpoint = true",
        "use_dualstack_endpoint = false",
        "sts_regional_endpoints = legacy",
        "max_attempts = 5",
        "retry_mode = adaptive",
        "[services local-iam]",
        "iam =",
        "  endpoint_url = http://127.0.0.1:9001",
        "sts =",
        "  endpoint_url = http://127.0.0.1:9002",
        "s3 =",
        "  endpoint_url = http://127.0.0.1:9003",
      ].join("\n"),
      want: {
        region: "eu-central-1",
        endpointUrl: "http://127.0.0.1:4566",
        serviceEndpointUrls: { iam: "http://127.0.0.1:9001", sts: "http://127.0.0.1:9002", s3: "http://127.0.0.1:9003" },
        ignoreConfiguredEndpointUrls: false,
        useFipsEndpoint: true,
        useDualstackEndpoint: false,
        stsRegionalEndpoints: "legacy",
        maxAttempts: 5,
        retryMode: "adaptive",
      },
    },
    {
      name: "a services section for one of the services",
      config: "[profile dev]\nservices = only-sts\n[services only-sts]\nsts =\n  endpoint_url = https://sts.internal.example.com\n",
      want: { serviceEndpointUrls: { sts: "https://sts.internal.example.com" } },
    },
    { name: "no settings", config: "[profile dev]\noutput = json\n", want: { serviceEndpointUrls: {} } },
    { name: "no such profile", config: "[default]\nregion = eu-west-1\n", want: { serviceEndpointUrls: {} } },
  ];

  it.each(table)("$name", async ({ config, want }) => {
    sandbox.write(".aws/config", config);
    const settings = await profileSettings("dev");
    expect(JSON.parse(JSON.stringify(settings))).toEqual(JSON.parse(JSON.stringify(want)));
  });

  it.each([
    { config: "use_fips_endpoint = yes", want: `use_fips_endpoint must be "true" or "false", not "yes"` },
    { config: "use_dualstack_endpoint = True", want: `use_dualstack_endpoint must be "true" or "false", not "True"` },
    { config: "max_attempts = three", want: `max_attempts must be a whole number of at least 1, not "three"` },
    { config: "max_attempts = 0", want: `max_attempts must be a whole number of at least 1, not "0"` },
    { config: "retry_mode = fast", want: `retry_mode must be "legacy" or "standard" or "adaptive", not "fast"` },
    { config: "sts_regional_endpoints = global", want: `sts_regional_endpoints must be "legacy" or "regional", not "global"` },
    { config: "services = missing", want: `names the services section "missing", but` },
  ])("rejects $config", async ({ config, want }) => {
    const path = sandbox.write(".aws/config", `[profile dev]\n${config}\n`);
    const error = await failureOf(profileSettings("dev"));
    expect(error.message).toContain(`Profile "dev"`);
    expect(error.message).toContain(want);
    expect(error.message).toContain(path);
  });

  it("reads each pair of files once per process", async () => {
    sandbox.write(".aws/config", "[default]\nregion = eu-west-1\n");
    expect((await profileSettings()).region).toBe("eu-west-1");
    sandbox.write(".aws/config", "[default]\nregion = us-east-2\n");
    expect((await profileSettings()).region).toBe("eu-west-1");
    sandbox.env({ AWS_CONFIG_FILE: sandbox.write("other/config", "[default]\nregion = sa-east-1\n") });
    expect((await profileSettings()).region).toBe("sa-east-1");
  });
});

describe("lazy loading", () => {
  const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
  const sourceFiles = (readdirSync(srcDir, { recursive: true }) as string[]).filter((file) => file.endsWith(".ts")).map((file) => join(srcDir, file));
  const staticImports = (file: string) => [...readFileSync(file, "utf8").matchAll(/^(?:import|export) (?!type )[^;]*? from "([^"]+)"/gm)].map((match) => match[1]!);

  it("no runtime module imports the credential chain or the profile reader statically", () => {
    const offenders = sourceFiles
      .filter((file) => !/[\\/]node[\\/](credential-chain|profile)\.ts$|[\\/]node[\\/]credentials[\\/]/.test(file))
      .filter((file) => staticImports(file).some((specifier) => /node\/(credential-chain|profile|credentials\/)/.test(specifier)));
    expect(offenders).toEqual([]);
  });

  it("the generated STS client reaches the chain only through import() of src/entries/wiring/sts-credentials.ts", () => {
    const offenders = sourceFiles.filter((file) => staticImports(file).some((specifier) => /entries\/wiring\/sts-credentials/.test(specifier)));
    expect(offenders).toEqual([]);
    const dynamic = sourceFiles.filter((file) => /import\("\.\.\/\.\.\/entries\/wiring\/sts-credentials\.js"\)/.test(readFileSync(file, "utf8")));
    expect(dynamic.map((file) => file.slice(srcDir.length))).toEqual([join("node", "credentials", "sts.ts")]);
  });

  // A client reads the profile for each setting neither its options nor the environment gave; without either file
  // there is nothing to read, and the first call does not load (read, compile) the profile reader at all.
  it.each([
    { name: "neither file: no settings, the reader not loaded", files: {}, env: {}, want: { region: undefined, loaded: false } },
    { name: "~/.aws/config: read through the reader", files: { ".aws/config": "[default]\nregion = eu-west-1\n" }, env: {}, want: { region: "eu-west-1", loaded: true } },
    { name: "~/.aws/credentials only: the reader loaded", files: { ".aws/credentials": "[default]\n" }, env: {}, want: { region: undefined, loaded: true } },
    { name: "AWS_CONFIG_FILE elsewhere: read", files: { "elsewhere/config": "[default]\nregion = sa-east-1\n" }, env: { AWS_CONFIG_FILE: "~/elsewhere/config" }, want: { region: "sa-east-1", loaded: true } },
  ])("a client's profile settings, $name", async ({ files, env, want }) => {
    for (const [path, content] of Object.entries(files)) sandbox.write(path, content);
    sandbox.env(env);
    let loaded = false;
    vi.resetModules();
    vi.doMock("../src/node/profile.js", async (importOriginal) => {
      loaded = true;
      return importOriginal();
    });
    try {
      const platform = await import("../src/platform/node.js");
      const { region } = await platform.profileSettings();
      expect({ region, loaded }).toEqual(want);
    } finally {
      vi.doUnmock("../src/node/profile.js");
    }
  });

  it("the chain loads the shared-file parser and the IMDS client only when a source needs them", () => {
    const chainFiles = sourceFiles.filter((file) => /[\\/]node[\\/](credential-chain|profile)\.ts$|[\\/]node[\\/]credentials[\\/]/.test(file));
    expect(chainFiles.length).toBeGreaterThan(5);
    const heavy = chainFiles.filter((file) => staticImports(file).some((specifier) => /^@smithy\/(shared-ini-file-loader|credential-provider-imds)$/.test(specifier)));
    expect(heavy).toEqual([]);
  });
});
