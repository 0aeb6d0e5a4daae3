// client.config as v3 code reads it: the settings v3 resolves to providers are providers here too, typed as v3 types
// them (`await client.config.region()` is a string), with the same values from the same options and environment.
import * as v3iam from "@aws-sdk/client-iam";
import * as v3sts from "@aws-sdk/client-sts";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import type { AwsCredentialIdentity, Provider } from "@smithy/types";
import { describe, expect, expectTypeOf, it } from "vitest";
import { IAMClient, type IAMClientResolvedConfig } from "../src/entries/iam.js";
import { GetAccessKeyInfoCommand, STSClient, type STSClientResolvedConfig } from "../src/entries/sts.js";
import type { HttpRequest } from "@smithy/protocol-http";
import { authorizationParts, captureHandler } from "./support/capture.js";
import { withoutAwsEnvironment } from "./support/aws-environment.js";

withoutAwsEnvironment();

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const services = [
  { service: "iam", ours: (config: object) => new IAMClient(config), theirs: (config: object) => new v3iam.IAMClient(config) },
  { service: "sts", ours: (config: object) => new STSClient(config), theirs: (config: object) => new v3sts.STSClient(config) },
];

/** The settings v3 always resolves to providers (its retryMode stays a string when given as one). */
const providers = ["region", "useFipsEndpoint", "useDualstackEndpoint", "maxAttempts"] as const;
const read = async (config: any) => Object.fromEntries(await Promise.all(providers.map(async (name) => [name, await config[name]()])));

describe.each(services)("$service client.config, side by side with v3", ({ ours, theirs }) => {
  it.each([
    { name: "options", env: {}, options: { region: "eu-west-1", useFipsEndpoint: true, maxAttempts: 5 } },
    { name: "a region provider", env: {}, options: { region: async () => "ap-south-1" } },
    { name: "the environment", env: { AWS_REGION: "eu-central-1", AWS_USE_DUALSTACK_ENDPOINT: "true", AWS_MAX_ATTEMPTS: "2" }, options: {} },
  ])("providers of the same values, from $name", async ({ env, options }) => {
    Object.assign(process.env, env);
    expect(await read(ours({ credentials, ...options }).config)).toEqual(await read(theirs({ credentials, ...options }).config));
  });

  it.each([
    { name: "no options", options: {} },
    { name: "an endpoint and a defaults mode", options: { endpoint: "http://127.0.0.1:9", defaultsMode: "standard" } },
  ])("defaultsMode() and isCustomEndpoint as v3's, from $name", async ({ options }) => {
    const shape = async ({ config }: any) => ({ defaultsMode: await config.defaultsMode(), isCustomEndpoint: config.isCustomEndpoint });
    const given = { region: "us-east-1", credentials, ...options };
    expect(await shape(ours(given))).toEqual(await shape(theirs(given)));
  });

  it.each([
    { name: "no endpoint option, with AWS_ENDPOINT_URL set", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4566" }, endpoint: undefined },
    { name: "a URL's text with a port, a path and a query", env: {}, endpoint: "http://127.0.0.1:4566/base/?a=1&b=2&a=3" },
    { name: "a URL's text without them", env: {}, endpoint: "https://iam.example.com" },
    { name: "a query of a name alone, a plus, an escape and an empty value", env: {}, endpoint: "https://iam.example.com/?a&b=x+y&c=%20d&e=&a" },
    { name: "a URL", env: {}, endpoint: new URL("https://iam.example.com:8443/x") },
    { name: "v3's Endpoint", env: {}, endpoint: { protocol: "https:", hostname: "iam.example.com", port: 443, path: "/", query: { a: "1" } } },
    { name: "v3's EndpointV2, with headers", env: {}, endpoint: { url: new URL("https://iam.example.com/p"), headers: { "X-Tenant": ["a", "b"] } } },
    { name: "a provider", env: {}, endpoint: async () => "https://iam.example.com/provided" },
  ])("endpoint() as v3's, an Endpoint or undefined, from $name", async ({ env, endpoint }) => {
    Object.assign(process.env, env);
    const shape = async ({ config }: any) => ({ provider: typeof config.endpoint, endpoint: await config.endpoint?.(), isCustomEndpoint: config.isCustomEndpoint });
    const given = { region: "us-east-1", credentials, endpoint };
    expect(await shape(ours(given))).toStrictEqual(await shape(theirs(given)));
  });

  it.each([
    { name: "not given", options: {} },
    { name: "given", options: { ignoreConfiguredEndpointUrls: true, disableHostPrefix: true, tls: false, serviceId: "Custom" } },
  ])("ignoreConfiguredEndpointUrls, disableHostPrefix, tls and serviceId as v3 holds them, $name", ({ options }) => {
    const shape = ({ config }: any) => ({ ignoreConfiguredEndpointUrls: config.ignoreConfiguredEndpointUrls, disableHostPrefix: config.disableHostPrefix, tls: config.tls, serviceId: config.serviceId });
    const given = { region: "us-east-1", credentials, ...options };
    expect(shape(ours(given))).toStrictEqual(shape(theirs(given)));
  });

  it("region() also reads AWS_DEFAULT_REGION, as the AWS CLI does (v3 reads only AWS_REGION)", async () => {
    process.env.AWS_DEFAULT_REGION = "us-west-2";
    expect(await ours({ credentials }).config.region()).toBe("us-west-2");
    await expect(theirs({ credentials }).config.region()).rejects.toThrow("Region is missing");
  });

  it("credentials() gives the identity, from static keys or a provider", async () => {
    for (const given of [credentials, async () => credentials]) {
      const fromOurs = await ours({ region: "us-east-1", credentials: given }).config.credentials();
      const fromTheirs = await theirs({ region: "us-east-1", credentials: given }).config.credentials();
      expect(fromOurs).toMatchObject(credentials);
      expect(fromTheirs).toMatchObject(credentials);
    }
  });

  it("region() rejects when no region is set anywhere, in v3's words and then where to set one", async () => {
    const theirError = await theirs({ credentials }).config.region().then(() => new Error("resolved"), (e: unknown) => e as Error);
    const ourError = await ours({ credentials }).config.region().then(() => new Error("resolved"), (e: unknown) => e as Error);
    expect(theirError.message).toBe("Region is missing");
    expect(ourError).toBeInstanceOf(Error);
    expect(ourError.message).toBe(`${theirError.message}: set the region option, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile`);
    // A provider that gives nothing is no region either.
    await expect(ours({ credentials, region: async () => undefined }).config.region()).rejects.toThrow(ourError.message);
  });
});

describe("a setting changed on client.config after the client was made is read at the next call, as v3 reads it", () => {
  const rotated = { accessKeyId: "AKIDROTATED", secretAccessKey: "rotatedSecretKeyEXAMPLEEXAMPLEEXAMPLE0" };
  const denied = { status: 400, body: "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>" };
  /** The request a client sends after `change` was made to its configuration. */
  async function sentAfter(client: { config: any; send(command: any): Promise<unknown> }, command: unknown, change: (config: any) => void, handler: ReturnType<typeof captureHandler>) {
    change(client.config);
    await client.send(command).catch(() => undefined);
    return handler.requests[0]!;
  }
  const ours = (handler: object, options: object = {}) => new STSClient({ region: "us-east-1", credentials, requestHandler: handler, maxAttempts: 1, ...options });
  const theirs = (handler: object, options: object = {}) => new v3sts.STSClient({ region: "us-east-1", credentials, requestHandler: handler, maxAttempts: 1, ...options });
  const input = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" };
  const lines: string[] = [];

  it.each([
    { name: "credentials, a new provider", change: (config: any) => (config.credentials = async () => rotated), seen: (request: HttpRequest) => authorizationParts(request).credential.split("/")[0] },
    { name: "region, a new provider", change: (config: any) => (config.region = async () => "eu-west-1"), seen: (request: HttpRequest) => authorizationParts(request).credential.split("/")[2] },
    { name: "maxAttempts, a new provider", change: (config: any) => (config.maxAttempts = async () => 7), seen: (request: HttpRequest) => request.headers["amz-sdk-request"] },
    { name: "systemClockOffset", change: (config: any) => (config.systemClockOffset = 86_400_000), seen: (request: HttpRequest) => request.headers["x-amz-date"]!.slice(0, 8) },
    // Plain values in place of the providers, which v3 takes too: code that switches a client to a new key after rotating.
    { name: "credentials, an identity", change: (config: any) => (config.credentials = rotated), seen: (request: HttpRequest) => authorizationParts(request).credential.split("/")[0] },
    { name: "credentials, a temporary identity", change: (config: any) => (config.credentials = { ...rotated, sessionToken: "token" }), seen: (request: HttpRequest) => request.headers["x-amz-security-token"] },
    { name: "region, text", change: (config: any) => (config.region = "eu-west-1"), seen: (request: HttpRequest) => `${request.hostname} ${authorizationParts(request).credential.split("/")[2]}` },
    { name: "useFipsEndpoint, true", change: (config: any) => (config.useFipsEndpoint = true), seen: (request: HttpRequest) => request.hostname },
    { name: "useDualstackEndpoint, true", change: (config: any) => (config.useDualstackEndpoint = true), seen: (request: HttpRequest) => request.hostname },
    { name: "useGlobalEndpoint, true", change: (config: any) => (config.useGlobalEndpoint = true), seen: (request: HttpRequest) => request.hostname },
  ])("$name", async ({ change, seen }) => {
    const [ourHandler, theirHandler, unchangedHandler] = [captureHandler(denied), captureHandler(denied), captureHandler(denied)];
    const ourRequest = await sentAfter(ours(ourHandler), new GetAccessKeyInfoCommand(input), change, ourHandler);
    const theirRequest = await sentAfter(theirs(theirHandler), new v3sts.GetAccessKeyInfoCommand(input), change, theirHandler);
    const unchangedRequest = await sentAfter(ours(unchangedHandler), new GetAccessKeyInfoCommand(input), () => {}, unchangedHandler);
    expect(seen(ourRequest)).toBe(seen(theirRequest));
    expect(seen(ourRequest)).not.toBe(seen(unchangedRequest));
  });

  it.each([
    { name: "maxAttempts, a number", change: (config: any) => (config.maxAttempts = 2), seen: (request: HttpRequest) => request.headers["amz-sdk-request"], want: "attempt=1; max=2" },
    { name: "userAgentAppId, text", change: (config: any) => (config.userAgentAppId = "replaced-app"), seen: (request: HttpRequest) => / app\/(\S+)/.exec(request.headers["user-agent"]!)?.[1], want: "replaced-app" },
  ])("$name: taken, where v3 fails the call (it calls the setting)", async ({ change, seen, want }) => {
    const [ourHandler, theirHandler] = [captureHandler(denied), captureHandler(denied)];
    expect(seen(await sentAfter(ours(ourHandler), new GetAccessKeyInfoCommand(input), change, ourHandler))).toBe(want);
    const client = theirs(theirHandler);
    change(client.config);
    await expect(client.send(new v3sts.GetAccessKeyInfoCommand(input))).rejects.toThrow(/is not a function/);
  });

  it("retryStrategy, a strategy in place of its provider: asked, where v3 fails the call (it calls the setting)", async () => {
    const asked: string[] = [];
    const strategy = new ConfiguredRetryStrategy(5, 1);
    const acquire = strategy.acquireInitialRetryToken.bind(strategy);
    strategy.acquireInitialRetryToken = (scope) => (asked.push("acquire"), acquire(scope));
    const change = (config: any) => (config.retryStrategy = strategy);
    const handler = captureHandler(denied);
    await sentAfter(ours(handler), new GetAccessKeyInfoCommand(input), change, handler);
    expect([asked, handler.requests.length]).toEqual([["acquire"], 1]);
    const client = theirs(captureHandler(denied));
    change(client.config);
    await expect(client.send(new v3sts.GetAccessKeyInfoCommand(input))).rejects.toThrow(/is not a function/);
  });

  it("credentials, an identity of the wrong kind: refused at the call, naming the field, and nothing is sent", async () => {
    const handler = captureHandler(denied);
    const client = ours(handler);
    (client.config as any).credentials = { accessKeyId: 5, secretAccessKey: "s" };
    await expect(client.send(new GetAccessKeyInfoCommand(input))).rejects.toThrow(/^credentials: accessKeyId must be text \(got a number\)$/);
    expect(handler.requests).toEqual([]);
  });

  const keyInfo = {
    status: 200,
    body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>012345678901</Account></GetAccessKeyInfoResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetAccessKeyInfoResponse>",
  };
  /** What a call answers, and which log lines the loggers saw, after `change` was made to its client's configuration. */
  async function answerAfter(client: { config: any; send(command: any): Promise<unknown> }, command: unknown, change: (config: any) => void) {
    change(client.config);
    return client.send(command).then(
      (output) => (output as { Account?: string }).Account,
      (error: Error) => `${error.name}: ${error.message}`,
    );
  }
  it.each([
    { name: "a new logger: it gets the call's line", logger: () => ({ info: (line: { commandName: string }) => lines.push(line.commandName) }), v3: "012345678901", lines: ["GetAccessKeyInfoCommand"] },
    { name: "undefined: the call writes nothing", logger: () => undefined, v3: "012345678901", lines: [] },
    // keysmith guards it as it guards the option's, since a log line must not turn a success into a failure.
    { name: "one whose info() throws: the call answers all the same, where v3's fails", logger: () => ({ info: () => { throw new Error("disk full"); } }), v3: "Error: disk full", lines: [] },
  ])("logger, replaced with $name", async ({ logger, v3, lines: wantLines }) => {
    const change = (config: any) => (config.logger = logger());
    lines.length = 0;
    expect(await answerAfter(theirs(captureHandler(keyInfo)), new v3sts.GetAccessKeyInfoCommand(input), change)).toBe(v3);
    lines.length = 0;
    // The warnings are taken instead of Node's own listener, which would print the expected one into the run's output.
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    const printers = process.listeners("warning");
    process.removeAllListeners("warning");
    process.on("warning", onWarning);
    try {
      expect(await answerAfter(ours(captureHandler(keyInfo)), new GetAccessKeyInfoCommand(input), change)).toBe("012345678901");
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
      for (const printer of printers) process.on("warning", printer);
    }
    expect(lines).toEqual(wantLines);
    expect(warnings.filter((warning) => warning.includes("disk full"))).toHaveLength(v3 === "Error: disk full" ? 1 : 0);
  });

  const given = { endpoint: "https://given.example/p" };
  const where = (request: HttpRequest) => `${request.protocol}//${request.hostname}:${request.port ?? ""}${request.path}`;
  it.each([
    { name: "a provider of v3's Endpoint", replacement: async () => ({ protocol: "https:", hostname: "replaced.example", port: 8443, path: "/x" }), sentTo: "https://replaced.example:8443/x/" },
    { name: "a provider of text", replacement: async () => "https://replaced.example/w", sentTo: "https://replaced.example:/w/" },
    { name: "a provider of { url }", replacement: async () => ({ url: new URL("https://replaced.example/u") }), sentTo: "https://replaced.example:/u/" },
    { name: "nothing (the rules' endpoint)", replacement: undefined, sentTo: "https://sts.us-east-1.amazonaws.com:/" },
  ])("endpoint, given and then replaced with $name", async ({ replacement, sentTo }) => {
    const [ourHandler, theirHandler, unchangedHandler] = [captureHandler(denied), captureHandler(denied), captureHandler(denied)];
    const change = (config: any) => (config.endpoint = replacement);
    const ourRequest = await sentAfter(ours(ourHandler, given), new GetAccessKeyInfoCommand(input), change, ourHandler);
    const theirRequest = await sentAfter(theirs(theirHandler, given), new v3sts.GetAccessKeyInfoCommand(input), change, theirHandler);
    const unchangedRequest = await sentAfter(ours(unchangedHandler, given), new GetAccessKeyInfoCommand(input), () => {}, unchangedHandler);
    expect(where(theirRequest)).toBe(sentTo);
    expect(where(ourRequest)).toBe(sentTo);
    expect(where(unchangedRequest)).toBe("https://given.example:/p/");
  });

  it("endpoint, not given and then set: the rules' endpoint all the same, as in v3", async () => {
    const [ourHandler, theirHandler] = [captureHandler(denied), captureHandler(denied)];
    const change = (config: any) => (config.endpoint = async () => ({ protocol: "https:", hostname: "replaced.example", path: "/" }));
    const ourRequest = await sentAfter(ours(ourHandler), new GetAccessKeyInfoCommand(input), change, ourHandler);
    const theirRequest = await sentAfter(theirs(theirHandler), new v3sts.GetAccessKeyInfoCommand(input), change, theirHandler);
    expect([where(ourRequest), where(theirRequest)]).toEqual(["https://sts.us-east-1.amazonaws.com:/", "https://sts.us-east-1.amazonaws.com:/"]);
  });

  it("endpoint, replaced with text or a URL: taken, where v3 fails the call (clientConfig.endpoint is not a function)", async () => {
    for (const replacement of ["https://replaced.example/t", new URL("https://replaced.example/t")]) {
      const handler = captureHandler(denied);
      expect(where(await sentAfter(ours(handler, given), new GetAccessKeyInfoCommand(input), (config) => (config.endpoint = replacement), handler))).toBe("https://replaced.example:/t/");
      const client = theirs(captureHandler(denied), given);
      (client.config as any).endpoint = replacement;
      await expect(client.send(new v3sts.GetAccessKeyInfoCommand(input))).rejects.toThrow(/clientConfig\.endpoint is not a function/);
    }
  });

  it("endpoint, replaced with one that is no URL: the call is refused naming client.config.endpoint, and nothing is sent", async () => {
    const handler = captureHandler(denied);
    const client = ours(handler, given);
    (client.config as any).endpoint = async () => "replaced.example";
    await expect(client.send(new GetAccessKeyInfoCommand(input))).rejects.toThrow(/^client\.config\.endpoint must be an absolute http\(s\) URL .*\(got "replaced\.example"\)$/);
    expect(handler.requests).toEqual([]);
  });
});

describe("types, as v3 has them", () => {
  it("config.region is a Provider<string>, and region() a string, as in v3", async () => {
    expectTypeOf<IAMClient["config"]["region"]>().toEqualTypeOf<Provider<string>>();
    expectTypeOf<STSClient["config"]["region"]>().toEqualTypeOf<Provider<string>>();
    // Code written against v3's resolved configuration takes ours.
    expectTypeOf<IAMClientResolvedConfig["region"]>().toExtend<v3iam.IAMClientResolvedConfig["region"]>();
    expectTypeOf<STSClientResolvedConfig["region"]>().toExtend<v3sts.STSClientResolvedConfig["region"]>();
    const client = new STSClient({ region: "eu-west-1", credentials });
    const region: string = await client.config.region();
    expect(region).toBe("eu-west-1");
  });

  it("config.credentials() resolves to an identity, as in v3", async () => {
    const client = new IAMClient({ region: "eu-west-1", credentials });
    expectTypeOf(client.config.credentials).returns.resolves.toMatchTypeOf<AwsCredentialIdentity>();
    expectTypeOf(new v3iam.IAMClient({}).config.credentials).returns.resolves.toMatchTypeOf<AwsCredentialIdentity>();
    const identity: AwsCredentialIdentity = await client.config.credentials();
    expect(identity.accessKeyId).toBe(credentials.accessKeyId);
  });
});
