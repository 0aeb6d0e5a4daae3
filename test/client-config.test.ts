// Configuration as the official SDK reads it — options, environment, shared config profile — checked on the real
// request: its URL, and the region and service it is signed for.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { authorizationParts, captureHandler, testCredentials } from "./support/capture.js";

const AWS_VARIABLES = Object.keys(process.env).filter((name) => name.startsWith("AWS_"));
let savedEnv: NodeJS.ProcessEnv;
let home: string;

beforeEach(() => {
  savedEnv = { ...process.env };
  for (const name of AWS_VARIABLES) delete process.env[name];
  home = mkdtempSync(join(tmpdir(), "keysmith-config-"));
  process.env.HOME = home;
  process.env.AWS_EC2_METADATA_DISABLED = "true";
});
afterEach(() => {
  process.env = savedEnv;
  rmSync(home, { recursive: true, force: true });
});

function writeConfig(text: string) {
  mkdirSync(join(home, ".aws"), { recursive: true });
  writeFileSync(join(home, ".aws", "config"), text);
}

const responses = {
  sts: { status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" },
  iam: { status: 200, body: "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>u</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><SecretAccessKey>s</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>" },
};

/** Sends one call and reports where it went and what it was signed for. */
async function sent(service: "sts" | "iam", options: Record<string, unknown> = {}) {
  const handler = captureHandler(responses[service]);
  const config = { credentials: testCredentials, requestHandler: handler, ...options };
  const call = service === "sts" ? new STSClient(config).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })) : new IAMClient(config).send(new CreateAccessKeyCommand({}));
  await call;
  const request = handler.requests[0]!;
  const [, , region, signingName] = authorizationParts(request).credential.split("/");
  return { url: `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}`, region, signingName, host: request.headers.host };
}

describe("endpoints by partition, FIPS and dual-stack (AWS's documented endpoints)", () => {
  it.each([
    { service: "iam", options: { region: "us-west-2" }, url: "https://iam.amazonaws.com/", region: "us-east-1" },
    { service: "iam", options: { region: "us-east-1", useFipsEndpoint: true }, url: "https://iam-fips.amazonaws.com/", region: "us-east-1" },
    { service: "iam", options: { region: "eu-west-1", useDualstackEndpoint: true }, url: "https://iam.global.api.aws/", region: "us-east-1" },
    { service: "iam", options: { region: "cn-northwest-1" }, url: "https://iam.cn-north-1.amazonaws.com.cn/", region: "cn-north-1" },
    { service: "iam", options: { region: "us-gov-east-1" }, url: "https://iam.us-gov.amazonaws.com/", region: "us-gov-west-1" },
    { service: "iam", options: { region: "us-iso-east-1" }, url: "https://iam.us-iso-east-1.c2s.ic.gov/", region: "us-iso-east-1" },
    { service: "iam", options: { region: "us-isob-east-1" }, url: "https://iam.us-isob-east-1.sc2s.sgov.gov/", region: "us-isob-east-1" },
    { service: "sts", options: { region: "eu-west-1" }, url: "https://sts.eu-west-1.amazonaws.com/", region: "eu-west-1" },
    { service: "sts", options: { region: "us-east-2", useFipsEndpoint: true }, url: "https://sts-fips.us-east-2.amazonaws.com/", region: "us-east-2" },
    { service: "sts", options: { region: "eu-west-1", useDualstackEndpoint: true }, url: "https://sts.eu-west-1.api.aws/", region: "eu-west-1" },
    { service: "sts", options: { region: "cn-north-1" }, url: "https://sts.cn-north-1.amazonaws.com.cn/", region: "cn-north-1" },
    { service: "sts", options: { region: "us-gov-west-1", useFipsEndpoint: true }, url: "https://sts.us-gov-west-1.amazonaws.com/", region: "us-gov-west-1" },
    { service: "sts", options: { region: "aws-global" }, url: "https://sts.amazonaws.com/", region: "us-east-1" },
    { service: "sts", options: { region: "eu-west-1", useGlobalEndpoint: true }, url: "https://sts.amazonaws.com/", region: "us-east-1" },
    { service: "sts", options: { region: "ap-east-1", useGlobalEndpoint: true }, url: "https://sts.ap-east-1.amazonaws.com/", region: "ap-east-1" },
  ] as const)("$service $options.region $options → $url signed for $region", async ({ service, options, url, region }) => {
    expect(await sent(service, options)).toMatchObject({ url, region, signingName: service });
  });
});

describe("endpoint overrides", () => {
  it.each([
    { name: "the endpoint option", env: {}, options: { endpoint: "http://127.0.0.1:4580" }, url: "http://127.0.0.1:4580/" },
    { name: "AWS_ENDPOINT_URL", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:5000" }, options: {}, url: "http://127.0.0.1:5000/" },
    { name: "AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:5000", AWS_ENDPOINT_URL_STS: "http://127.0.0.1:5001" }, options: {}, url: "http://127.0.0.1:5001/" },
    { name: "the option beats the environment", env: { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:5001" }, options: { endpoint: "http://127.0.0.1:5002/base" }, url: "http://127.0.0.1:5002/base/" },
    { name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:5000", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }, options: {}, url: "https://sts.eu-west-1.amazonaws.com/" },
  ])("$name", async ({ env, options, url }) => {
    Object.assign(process.env, env);
    const where = await sent("sts", { region: "eu-west-1", ...options });
    expect(where).toMatchObject({ url, region: "eu-west-1", signingName: "sts" });
  });

  it.each([
    { name: "the profile's endpoint_url", config: "[default]\nendpoint_url = http://127.0.0.1:6000\n", service: "iam" as const, url: "http://127.0.0.1:6000/" },
    {
      name: "the services section beats endpoint_url",
      config: "[default]\nendpoint_url = http://127.0.0.1:6000\nservices = local\n[services local]\niam =\n  endpoint_url = http://127.0.0.1:6001\n",
      service: "iam" as const,
      url: "http://127.0.0.1:6001/",
    },
    { name: "the environment beats the profile", config: "[default]\nendpoint_url = http://127.0.0.1:6000\n", env: { AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:6002" }, service: "iam" as const, url: "http://127.0.0.1:6002/" },
    { name: "ignore_configured_endpoint_urls in the profile", config: "[default]\nendpoint_url = http://127.0.0.1:6000\nignore_configured_endpoint_urls = true\n", service: "iam" as const, url: "https://iam.amazonaws.com/" },
  ])("$name", async ({ config, env, service, url }) => {
    writeConfig(config);
    Object.assign(process.env, env ?? {});
    expect((await sent(service, { region: "us-east-1" })).url).toBe(url);
  });
});

describe("FIPS, dual-stack and the STS global endpoint from the environment and profile", () => {
  it.each([
    { name: "AWS_USE_FIPS_ENDPOINT", env: { AWS_USE_FIPS_ENDPOINT: "true" }, config: "", url: "https://sts-fips.us-east-1.amazonaws.com/" },
    { name: "AWS_USE_DUALSTACK_ENDPOINT", env: { AWS_USE_DUALSTACK_ENDPOINT: "true" }, config: "", url: "https://sts.us-east-1.api.aws/" },
    { name: "use_fips_endpoint in the profile", env: {}, config: "[default]\nuse_fips_endpoint = true\n", url: "https://sts-fips.us-east-1.amazonaws.com/" },
    { name: "the environment beats the profile", env: { AWS_USE_FIPS_ENDPOINT: "false" }, config: "[default]\nuse_fips_endpoint = true\n", url: "https://sts.us-east-1.amazonaws.com/" },
    { name: "AWS_STS_REGIONAL_ENDPOINTS=legacy", env: { AWS_STS_REGIONAL_ENDPOINTS: "legacy" }, config: "", url: "https://sts.amazonaws.com/" },
    { name: "sts_regional_endpoints = legacy in a named profile", env: { AWS_PROFILE: "old" }, config: "[profile old]\nsts_regional_endpoints = legacy\n", url: "https://sts.amazonaws.com/" },
    { name: "AWS_STS_REGIONAL_ENDPOINTS=regional", env: { AWS_STS_REGIONAL_ENDPOINTS: "regional" }, config: "", url: "https://sts.us-east-1.amazonaws.com/" },
  ])("$name", async ({ env, config, url }) => {
    if (config) writeConfig(config);
    Object.assign(process.env, env);
    expect((await sent("sts", { region: "us-east-1" })).url).toBe(url);
  });
});

describe("region", () => {
  it.each([
    { name: "the option", env: { AWS_REGION: "eu-west-1" }, config: "", options: { region: "ap-south-1" }, want: "ap-south-1" },
    { name: "AWS_REGION", env: { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-west-2" }, config: "", options: {}, want: "eu-west-1" },
    { name: "AWS_DEFAULT_REGION", env: { AWS_DEFAULT_REGION: "eu-west-2" }, config: "[default]\nregion = eu-west-3\n", options: {}, want: "eu-west-2" },
    { name: "the profile", env: {}, config: "[default]\nregion = eu-west-3\n", options: {}, want: "eu-west-3" },
    { name: "the profile option picks the profile", env: { AWS_PROFILE: "other" }, config: "[profile other]\nregion = sa-east-1\n[profile mine]\nregion = ca-central-1\n", options: { profile: "mine" }, want: "ca-central-1" },
  ])("$name", async ({ env, config, options, want }) => {
    if (config) writeConfig(config);
    Object.assign(process.env, env);
    expect((await sent("sts", options)).region).toBe(want);
  });
});

describe("configuration errors fail before sending and say what to change", () => {
  it.each([
    { name: "no region anywhere", options: {}, want: /^Region is missing: set the region option, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile$/ },
    { name: "FIPS with a custom endpoint", options: { region: "us-east-1", useFipsEndpoint: true, endpoint: "http://127.0.0.1:1" }, want: /FIPS and custom endpoint are not supported/ },
    { name: "dual-stack with a custom endpoint", options: { region: "us-east-1", useDualstackEndpoint: true, endpoint: "http://127.0.0.1:1" }, want: /Dualstack and custom endpoint are not supported/ },
    { name: "a malformed AWS_USE_FIPS_ENDPOINT", env: { AWS_USE_FIPS_ENDPOINT: "yes" }, options: { region: "us-east-1" }, want: /AWS_USE_FIPS_ENDPOINT must be "true" or "false" \(got "yes"\)/ },
    { name: "a malformed AWS_ENDPOINT_URL", env: { AWS_ENDPOINT_URL: "not a url" }, options: { region: "us-east-1" }, want: /AWS_ENDPOINT_URL must be an absolute http\(s\) URL/ },
    { name: "a malformed AWS_MAX_ATTEMPTS", env: { AWS_MAX_ATTEMPTS: "0" }, options: { region: "us-east-1" }, want: /AWS_MAX_ATTEMPTS must be a whole number of at least 1/ },
    { name: "a region provider's answer that is not text", options: { region: (async () => 5) as never }, want: /^region must be text such as eu-west-1, or a provider of it \(got 5\)$/ },
    { name: "a region provider's nothing", options: { region: (async () => undefined) as never }, want: /^Region is missing: set the region option/ },
    { name: "a useFipsEndpoint provider's text", options: { region: "us-east-1", useFipsEndpoint: (async () => "false") as never }, want: /^useFipsEndpoint must be true or false, or a provider of it \(got "false"\)$/ },
    { name: "a userAgentAppId provider's number", options: { region: "us-east-1", userAgentAppId: (async () => 5) as never }, want: /^userAgentAppId must be text, or a provider of it \(got 5\)$/ },
    // v3 fails inside its signer ("headers[headerName].replace is not a function") or its expiry check
    // ("identity.expiration.getTime is not a function"), or reads a property of null.
    { name: "credentials that resolve to nothing", options: { region: "us-east-1", credentials: (async () => null) as never }, want: /^credentials: the identity must be an object with accessKeyId and secretAccessKey \(got null\)$/ },
    { name: "credentials that resolve to undefined", options: { region: "us-east-1", credentials: (async () => undefined) as never }, want: /^credentials: the identity must be an object with accessKeyId and secretAccessKey \(got undefined\)$/ },
    { name: "a static key id that is not text", options: { region: "us-east-1", credentials: { ...testCredentials, accessKeyId: 5 } as never }, want: /^credentials: accessKeyId must be text \(got a number\)$/ },
    { name: "a session token that is not text", options: { region: "us-east-1", credentials: (async () => ({ ...testCredentials, sessionToken: 5 })) as never }, want: /^credentials: sessionToken must be text when given \(got a number\)$/ },
    { name: "an expiration that is not a Date", options: { region: "us-east-1", credentials: (async () => ({ ...testCredentials, expiration: "2099-01-01T00:00:00Z" })) as never }, want: /^credentials: expiration must be a Date when given \(got a string\)$/ },
  ])("$name", async ({ env, options, want }) => {
    Object.assign(process.env, env ?? {});
    const handler = captureHandler(responses.sts);
    const error = await new STSClient({ credentials: testCredentials, requestHandler: handler, ...options })
      .send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }))
      .catch((e) => e);
    expect(error.message).toMatch(want);
    expect(handler.requests).toHaveLength(0);
  });

  it("a malformed endpoint option fails at construction", () => {
    expect(() => new IAMClient({ endpoint: "localhost:4580" })).toThrow(/the endpoint option must be an absolute http\(s\) URL/);
  });

  // v3 says "region is not a function" at the first call.
  it.each([
    { region: 5, got: "5" },
    { region: ["eu-west-1"], got: "an array" },
    { region: { name: "eu-west-1" }, got: "an object" },
  ])("a region that is not text ($got) fails at construction, saying so", ({ region, got }) => {
    expect(() => new IAMClient({ region: region as never })).toThrow(`region must be text such as eu-west-1, or a provider of it (got ${got})`);
  });
});

describe("attempts and credentials from the environment and profile", () => {
  const failing = { status: 500, body: "<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>" };
  it.each([
    { name: "default 3", env: {}, config: "", options: {}, attempts: 3 },
    { name: "AWS_MAX_ATTEMPTS", env: { AWS_MAX_ATTEMPTS: "2" }, config: "", options: {}, attempts: 2 },
    { name: "max_attempts in the profile", env: {}, config: "[default]\nmax_attempts = 4\n", options: {}, attempts: 4 },
    { name: "the option beats both", env: { AWS_MAX_ATTEMPTS: "2" }, config: "[default]\nmax_attempts = 4\n", options: { maxAttempts: 1 }, attempts: 1 },
  ])("maxAttempts: $name", async ({ env, config, options, attempts }) => {
    if (config) writeConfig(config);
    Object.assign(process.env, env);
    const handler = captureHandler(failing);
    const sts = new STSClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, ...options });
    const error = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch((e) => e);
    expect(error.$metadata.attempts).toBe(attempts);
    expect(handler.requests).toHaveLength(attempts);
  }, 20_000);

  it.each([
    { name: "environment variables", env: { AWS_ACCESS_KEY_ID: "AKIAENVEXAMPLE", AWS_SECRET_ACCESS_KEY: "env-secret" }, credentials: "", key: "AKIAENVEXAMPLE" },
    { name: "the shared credentials file", env: {}, credentials: "[default]\naws_access_key_id = AKIAFILEEXAMPLE\naws_secret_access_key = file-secret\n", key: "AKIAFILEEXAMPLE" },
  ])("credentials from $name when none are passed", async ({ env, credentials, key }) => {
    Object.assign(process.env, env);
    if (credentials) {
      mkdirSync(join(home, ".aws"), { recursive: true });
      writeFileSync(join(home, ".aws", "credentials"), credentials);
    }
    const handler = captureHandler(responses.sts);
    await new STSClient({ region: "us-east-1", requestHandler: handler }).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }));
    expect(authorizationParts(handler.requests[0]!).credential.startsWith(`${key}/`)).toBe(true);
  });
});

describe("numeric and mode options are checked as the environment and profile values are", () => {
  const sts = (options: Record<string, unknown>) => new STSClient({ region: "us-east-1", credentials: testCredentials, requestHandler: captureHandler(responses.sts), ...options });
  it.each([
    { name: "maxAttempts NaN (Number of an unset variable)", options: { maxAttempts: Number(process.env.KEYSMITH_UNSET) }, want: /^maxAttempts must be a whole number of at least 1 \(got NaN\)$/ },
    { name: "maxAttempts Infinity", options: { maxAttempts: Infinity }, want: /^maxAttempts must be a whole number of at least 1 \(got Infinity\)$/ },
    { name: "maxAttempts 0", options: { maxAttempts: 0 }, want: /maxAttempts must be a whole number of at least 1 \(got 0\)/ },
    { name: "maxAttempts 2.5", options: { maxAttempts: 2.5 }, want: /maxAttempts must be a whole number of at least 1 \(got 2.5\)/ },
    { name: "systemClockOffset NaN", options: { systemClockOffset: NaN }, want: /^systemClockOffset must be a finite number of milliseconds \(got NaN\)$/ },
    { name: "systemClockOffset Infinity", options: { systemClockOffset: -Infinity }, want: /systemClockOffset must be a finite number of milliseconds \(got -Infinity\)/ },
    { name: "retryMode unknown", options: { retryMode: "agressive" }, want: /^retryMode must be "standard", "adaptive" or "legacy" \(got "agressive"\)$/ },
    { name: "requestTimeout NaN", options: { requestHandler: { requestTimeout: NaN } }, want: /^requestTimeout must be a number of milliseconds from 1 to 2147483647 \(got NaN\)$/ },
    { name: "requestTimeout Infinity (a timer would fire at once)", options: { requestHandler: { requestTimeout: Infinity } }, want: /requestTimeout must be a number of milliseconds from 1 to 2147483647 \(got Infinity\)/ },
    { name: "requestTimeout 0", options: { requestHandler: { requestTimeout: 0 } }, want: /requestTimeout must be a number of milliseconds from 1 to 2147483647 \(got 0\)/ },
    { name: "connectionTimeout past a timer's range", options: { requestHandler: { connectionTimeout: 2 ** 31 } }, want: /connectionTimeout must be a number of milliseconds from 1 to 2147483647 \(got 2147483648\)/ },
    { name: "maxSockets 0", options: { requestHandler: { maxSockets: 0 } }, want: /^maxSockets must be a whole number of at least 1, or Infinity \(got 0\)$/ },
  ])("$name fails at construction", ({ options, want }) => {
    expect(() => sts(options)).toThrow(want);
  });

  it.each([
    { name: "a maxAttempts provider giving NaN", options: { maxAttempts: async () => NaN }, env: {}, want: /maxAttempts must be a whole number of at least 1 \(got NaN\)/ },
    { name: "a retryMode provider giving an unknown mode", options: { retryMode: (async () => "fast") as any }, env: {}, want: /retryMode must be "standard", "adaptive" or "legacy" \(got "fast"\)/ },
    { name: "AWS_RETRY_MODE unknown", options: {}, env: { AWS_RETRY_MODE: "fast" }, want: /AWS_RETRY_MODE must be "standard", "adaptive" or "legacy" \(got "fast"\)/ },
    { name: "the requestTimeout send option NaN", options: {}, env: {}, send: { requestTimeout: NaN }, want: /requestTimeout must be a number of milliseconds from 1 to 2147483647 \(got NaN\)/ },
  ])("$name fails the call before sending", async ({ options, env, send, want }) => {
    Object.assign(process.env, env);
    const handler = captureHandler(responses.sts);
    const client = new STSClient({ region: "us-east-1", credentials: testCredentials, requestHandler: send ? undefined : handler, endpoint: "http://127.0.0.1:9", ...options });
    const error = await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }), send).catch((e) => e);
    expect(error.message).toMatch(want);
    expect(handler.requests).toHaveLength(0);
  });
});
