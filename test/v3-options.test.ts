// The options v3 users pass: each honoured as v3 honours it (its effect seen on the wire or on the calls), or refused
// when the client is made, with a message naming the option and why.
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKey } from "@aws-sdk/client-iam";
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfo, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import type { HttpRequest } from "@smithy/protocol-http";
import { readFileSync } from "node:fs";
import { Agent, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IAMClient, UpdateAccessKeyCommand, type IAMClientConfig } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { authorizationParts, captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";

const UPDATED: CannedResponse = { status: 200, body: "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>" };
const update = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" } as const;
const base = { region: "us-east-1", credentials: testCredentials };

async function sentBy(options: Record<string, unknown>) {
  const handler = captureHandler(UPDATED);
  await new IAMClient({ ...base, requestHandler: handler, ...options }).send(new UpdateAccessKeyCommand(update));
  return handler.requests[0]!;
}

describe("endpointProvider", () => {
  it("is called with the parameters v3 passes, and its url, headers and auth scheme are used", async () => {
    const asked: { ours: unknown[]; theirs: unknown[] } = { ours: [], theirs: [] };
    const provider = (into: unknown[]) => (parameters: unknown) => {
      into.push(parameters);
      return {
        url: new URL("https://vpce-0123.iam.us-east-1.vpce.amazonaws.com/base"),
        headers: { "x-route": ["a", "b"] },
        properties: { authSchemes: [{ name: "sigv4", signingName: "iam", signingRegion: "eu-west-1", properties: {} }] },
      };
    };
    const theirsHandler = captureHandler(UPDATED);
    await new V3IAMClient({ ...base, requestHandler: theirsHandler, endpointProvider: provider(asked.theirs) }).send(new V3UpdateAccessKey(update));
    const request = await sentBy({ endpointProvider: provider(asked.ours) });
    expect(asked.ours).toEqual(asked.theirs);
    expect(asked.ours).toEqual([{ Region: "us-east-1", UseFIPS: false, UseDualStack: false }]);
    for (const sent of [request, theirsHandler.requests[0]!]) {
      expect(`${sent.protocol}//${sent.hostname}${sent.path}`).toBe("https://vpce-0123.iam.us-east-1.vpce.amazonaws.com/base/");
      expect(sent.headers["x-route"]).toBe("a, b");
      expect(authorizationParts(sent).credential).toMatch(/\/eu-west-1\/iam\/aws4_request$/);
    }
  });

  it("is asked at every call, as in v3", async () => {
    let calls = 0;
    const handler = captureHandler(UPDATED);
    const client = new IAMClient({ ...base, requestHandler: handler, endpointProvider: () => ((calls += 1), { url: new URL(`https://host${calls}.example.com`) }) });
    await client.send(new UpdateAccessKeyCommand(update));
    await client.send(new UpdateAccessKeyCommand(update));
    expect(handler.requests.map((r) => r.hostname)).toEqual(["host1.example.com", "host2.example.com"]);
  });

  it("an auth scheme other than sigv4 is an error before anything is sent", async () => {
    const handler = captureHandler(UPDATED);
    const client = new IAMClient({ ...base, requestHandler: handler, endpointProvider: () => ({ url: new URL("https://x.example.com"), properties: { authSchemes: [{ name: "sigv4a", properties: {} }] } }) as never });
    await expect(client.send(new UpdateAccessKeyCommand(update))).rejects.toThrow("endpointProvider returned auth schemes sigv4a: keysmith signs with sigv4 only");
    expect(handler.requests).toHaveLength(0);
  });

  it.each([
    { returned: "nothing", endpoint: undefined },
    { returned: "a URL's text", endpoint: "https://x.example.com" },
  ])("an answer that is not an EndpointV2 ($returned) is an error before anything is sent, not the rules' endpoint", async ({ endpoint }) => {
    const handler = captureHandler(UPDATED);
    const client = new IAMClient({ ...base, requestHandler: handler, endpointProvider: () => endpoint as never });
    await expect(client.send(new UpdateAccessKeyCommand(update))).rejects.toThrow("endpointProvider must return an EndpointV2: an object whose url is a URL");
    expect(handler.requests).toHaveLength(0);
  });
});

describe("endpoint as v3's objects", () => {
  it.each([
    ["{ protocol, hostname, port, path }", { protocol: "http:", hostname: "127.0.0.1", port: 4580, path: "/base" }],
    ["a protocol without its colon", { protocol: "http", hostname: "127.0.0.1", port: 4580, path: "/base" }],
    ["EndpointV2 { url }", { url: new URL("http://127.0.0.1:4580/base") }],
    ["a provider", async () => ({ protocol: "http:", hostname: "127.0.0.1", port: 4580, path: "/base" })],
    ["a provider of a string", async () => "http://127.0.0.1:4580/base"],
  ])("%s", async (_name, endpoint) => {
    const request = await sentBy({ endpoint });
    expect([request.protocol, request.hostname, request.port, request.path]).toEqual(["http:", "127.0.0.1", 4580, "/base/"]);
  });
});

describe("requestHandler agents (Node)", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(200).end(UPDATED.body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends through the httpAgent given, such as a proxy's", async () => {
    const agent = new Agent({ keepAlive: false });
    let used = 0;
    const addRequest = (agent as unknown as { addRequest: (...args: unknown[]) => void }).addRequest.bind(agent);
    (agent as unknown as { addRequest: (...args: unknown[]) => void }).addRequest = (...args) => ((used += 1), addRequest(...args));
    const client = new IAMClient({ ...base, endpoint: `http://127.0.0.1:${port}`, requestHandler: { httpAgent: agent } });
    await client.send(new UpdateAccessKeyCommand(update));
    expect(used).toBe(1);
    client.destroy();
  });

  it("makes its agent with the agent options given", async () => {
    const handler = new NodeHttpHandler({ httpAgent: { keepAlive: false, maxSockets: 7 } });
    const client = new IAMClient({ ...base, endpoint: `http://127.0.0.1:${port}`, requestHandler: handler });
    await client.send(new UpdateAccessKeyCommand(update));
    const agent = (handler as unknown as { httpAgent: Agent & { keepAlive: boolean } }).httpAgent;
    expect([agent.keepAlive, agent.maxSockets]).toEqual([false, 7]);
    client.destroy();
  });
});

// Code that merges settings often writes null for "none"; v3 reads such an option as one not given (keysmith crashed
// on a null logger and refused a null maxAttempts, endpoint, retryMode and others).
describe("an option set to null is one not given, as in v3", () => {
  const options = [
    "profile", "endpoint", "maxAttempts", "retryMode", "useFipsEndpoint", "useDualstackEndpoint", "logger", "systemClockOffset", "validateInput",
    "customUserAgent", "userAgentAppId", "ignoreConfiguredEndpointUrls", "signingRegion", "signingName", "disableClockSkewCorrection", "defaultsMode",
    "retryStrategy", "credentialDefaultProvider",
  ];
  it.each(options)("%s: null", async (option) => {
    const ours = captureHandler(UPDATED);
    const theirs = captureHandler(UPDATED);
    await new IAMClient({ ...base, requestHandler: ours, [option]: null }).send(new UpdateAccessKeyCommand(update));
    await new V3IAMClient({ ...base, requestHandler: theirs, [option]: null }).send(new V3UpdateAccessKey(update));
    expect([ours.requests.length, theirs.requests.length]).toEqual([1, 1]);
  });
});

describe("options refused at construction, naming the option and why", () => {
  it.each([
    ["retryStrategy that runs the call itself", { retryStrategy: { retry() {} } }, /^retryStrategy must be a RetryStrategyV2, with acquireInitialRetryToken, refreshRetryTokenForRetry and recordSuccess \(got one that runs the call itself, with retry\(\), so could retry an operation that is not idempotent\)$/],
    ["retryStrategy not a strategy", { retryStrategy: "standard" }, /^retryStrategy must be a RetryStrategyV2, .* \(got string\)$/],
    ["extensions", { extensions: [{ configure() {} }] }, /^extensions is not supported: keysmith's clients have no extension configuration/],
    ["defaultsMode not a mode", { defaultsMode: "fast" }, /^defaultsMode must be one of auto, legacy, standard, in-region, cross-region, mobile \(got "fast"\)$/],
    ["endpointProvider not a function", { endpointProvider: "https://x" }, /^endpointProvider must be a function/],
    // Where v3 crashes at the first call ("options?.customUserAgent?.map is not a function"), or takes the value as
    // true ("false" turns FIPS on), or sends with its default handler.
    ["customUserAgent a number", { customUserAgent: 5 }, /^customUserAgent must be text, or a list of \[name, version\] pairs \(got 5\)$/],
    ["customUserAgent zero", { customUserAgent: 0 }, /^customUserAgent must be text, or a list of \[name, version\] pairs \(got 0\)$/],
    ["customUserAgent a list of numbers", { customUserAgent: [5] }, /^customUserAgent must be text, or a list of \[name, version\] pairs \(got an array\)$/],
    ["userAgentAppId a number", { userAgentAppId: 5 }, /^userAgentAppId must be text, or a provider of it \(got 5\)$/],
    ["useFipsEndpoint as text", { useFipsEndpoint: "false" }, /^useFipsEndpoint must be true or false, or a provider of it \(got "false"\)$/],
    ["useDualstackEndpoint a number", { useDualstackEndpoint: 1 }, /^useDualstackEndpoint must be true or false, or a provider of it \(got 1\)$/],
    ["endpoint an object without its parts", { endpoint: {} }, /^the endpoint option must be an absolute http\(s\) URL .* \(got "an object without url, protocol or hostname"\)$/],
    ["requestHandler a number", { requestHandler: 5 }, /^requestHandler must be a handler \(an object with handle\(\)\) or its options \(got 5\)$/],
  ])("%s", (_name, options, want) => {
    expect(() => new IAMClient({ ...base, ...(options as object) })).toThrow(want);
  });
});

describe("ignoreConfiguredEndpointUrls", () => {
  it.each([
    { given: {}, want: "http://127.0.0.1:4566/" },
    { given: { ignoreConfiguredEndpointUrls: true }, want: "https://sts.us-east-1.amazonaws.com/" },
    { given: { ignoreConfiguredEndpointUrls: false }, want: "http://127.0.0.1:4566/" },
  ])("$given with AWS_ENDPOINT_URL set: the call goes to $want, as v3's", async ({ given, want }) => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
    try {
      for (const sdk of ["keysmith", "v3"] as const) expect(new URL((await sentBySts(sdk, given)).url).href).toBe(want);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("signingRegion and signingName", () => {
  const endpointWithScope = () => ({
    url: new URL("https://sts.example.com"),
    properties: { authSchemes: [{ name: "sigv4", signingName: "sts", signingRegion: "ap-south-1" }] },
  });
  it.each([
    { given: {}, scope: "us-east-1/sts/aws4_request" },
    { given: { signingRegion: "eu-west-1" }, scope: "eu-west-1/sts/aws4_request" },
    { given: { signingName: "iam" }, scope: "us-east-1/iam/aws4_request" },
    { given: { signingRegion: "eu-west-1", signingName: "iam" }, scope: "eu-west-1/iam/aws4_request" },
    // The rules' (or the endpointProvider's) scope wins over the options.
    { given: { signingRegion: "eu-west-1", endpointProvider: endpointWithScope }, scope: "ap-south-1/sts/aws4_request" },
  ])("$given: signs for $scope, as v3 does", async ({ given, scope }) => {
    for (const sdk of ["keysmith", "v3"] as const) expect((await sentBySts(sdk, given)).credential).toBe(scope);
  });

  it.each([
    [{ signingRegion: "eu west 1" }, /^signingRegion must be lowercase letters, digits and single hyphens, such as eu-west-1 or sts \(got "eu west 1"\)/],
    [{ signingName: "STS/x" }, /^signingName must be lowercase letters, digits and single hyphens/],
  ])("%o is refused when the client is made", (given, refused) => {
    expect(() => new STSClient({ ...base, ...given })).toThrow(refused);
  });
});

// Every option v3's IAM and STS clients have: the keys of their resolved configuration, and the options v3 reads
// without keeping them there. Each is honoured (the test that shows it named), refused, or without effect on what is
// sent in keysmith, shown beside v3 with the same option.
type Treatment = { honoured: string } | { refused: RegExp } | { noEffect: unknown; inV3?: "the same" | string };
const V3_OPTIONS: Record<string, Treatment> = {
  region: { honoured: "client-config.test.ts" },
  profile: { honoured: "client-config.test.ts" },
  credentials: { honoured: "client-config.test.ts" },
  credentialDefaultProvider: { honoured: "credential-setups.test.ts" },
  endpoint: { honoured: "client-config.test.ts" },
  endpointProvider: { honoured: "v3-options.test.ts" },
  ignoreConfiguredEndpointUrls: { honoured: "v3-options.test.ts" },
  useFipsEndpoint: { honoured: "client-config.test.ts" },
  useDualstackEndpoint: { honoured: "client-config.test.ts" },
  useGlobalEndpoint: { honoured: "endpoint-middleware.test.ts" },
  requestHandler: { honoured: "handler-options.test.ts" },
  maxAttempts: { honoured: "client-config.test.ts" },
  retryMode: { honoured: "client-config.test.ts" },
  logger: { honoured: "sensitive.test.ts" },
  systemClockOffset: { honoured: "client-config.test.ts" },
  disableClockSkewCorrection: { honoured: "retries-e2e.test.ts" },
  signingRegion: { honoured: "v3-options.test.ts" },
  signingName: { honoured: "v3-options.test.ts" },
  customUserAgent: { honoured: "sdk-headers.test.ts" },
  userAgentAppId: { honoured: "sdk-headers.test.ts" },
  defaultsMode: { honoured: "defaults-mode.test.ts" },
  disableRequestCompression: { honoured: "request-compression.test.ts" },
  requestMinCompressionSizeBytes: { honoured: "request-compression.test.ts" },
  retryStrategy: { honoured: "retry-strategy.test.ts" },
  extensions: { refused: /^extensions is not supported/ },
  signer: { refused: /^signer is not supported: keysmith signs with SigV4/ },
  signerConstructor: { refused: /^signerConstructor is not supported: keysmith signs with SigV4/ },
  httpAuthSchemes: { refused: /^httpAuthSchemes is not supported: keysmith signs with SigV4/ },
  httpAuthSchemeProvider: { refused: /^httpAuthSchemeProvider is not supported: keysmith signs with SigV4/ },
  sha256: { refused: /^sha256 is not supported: keysmith hashes with node:crypto/ },
  defaultUserAgentProvider: { refused: /^defaultUserAgentProvider is not supported: use customUserAgent or userAgentAppId/ },
  protocol: { refused: /^protocol is not supported: keysmith's clients speak awsQuery/ },
  protocolSettings: { refused: /^protocolSettings is not supported: keysmith's clients speak awsQuery/ },
  urlParser: { refused: /^urlParser is not supported: keysmith's clients have their own/ },
  streamCollector: { refused: /^streamCollector is not supported/ },
  bodyLengthChecker: { refused: /^bodyLengthChecker is not supported/ },
  base64Decoder: { refused: /^base64Decoder is not supported/ },
  base64Encoder: { refused: /^base64Encoder is not supported/ },
  utf8Decoder: { refused: /^utf8Decoder is not supported/ },
  utf8Encoder: { refused: /^utf8Encoder is not supported/ },
  // The version is the model's; v3 keeps the option for its clients' metadata only.
  apiVersion: { noEffect: "1999-01-01" },
  // Endpoints come from the rules or an explicit URL, whose scheme says whether TLS is used.
  tls: { noEffect: false },
  // awsQuery's path is always "/".
  signingEscapePath: { noEffect: false },
  // The awsQuery operations of IAM and STS have no host prefix: nothing they send changes (test/host-prefix.test.ts:
  // what it does for operations with one).
  disableHostPrefix: { noEffect: true },
  // keysmith keeps each operation's middleware order always.
  cacheMiddleware: { noEffect: true },
  // keysmith's services sign with SigV4, the models' first scheme; v3 follows a preference for SigV4a on STS (IAM's
  // model has only SigV4), which without the CRT it signs with an empty region.
  authSchemePreference: { noEffect: ["sigv4a", "sigv4"], inV3: "a preference for SigV4a is followed on STS" },
  sigv4aSigningRegionSet: { noEffect: ["*"] },
  // Set by v3 itself, whatever is given: what the rules and the runtime say.
  defaultSigningName: { noEffect: "other" },
  serviceId: { noEffect: "Other" },
  runtime: { noEffect: "browser" },
  isCustomEndpoint: { noEffect: true },
  serviceConfiguredEndpoint: { noEffect: async () => "https://elsewhere.example.com" },
  defaultSocketTimeout: { noEffect: 1 },
};

describe("every option of v3's IAM and STS clients", () => {
  it("has its treatment here, so that a new v3 option is noticed", () => {
    const keysOf = (config: object) => Object.keys(config);
    const v3Options = new Set([...keysOf(new V3IAMClient(base).config), ...keysOf(new V3STSClient(base).config)]);
    expect([...v3Options].filter((name) => !(name in V3_OPTIONS))).toEqual([]);
  });

  const honoured = Object.entries(V3_OPTIONS).flatMap(([name, treatment]) => ("honoured" in treatment ? [[name, treatment.honoured] as const] : []));
  // The test file uses the option: this table's own mention of it does not count.
  it.each(honoured)("%s is honoured, as %s shows", (name, testFile) => {
    const source = readFileSync(join(import.meta.dirname, testFile), "utf8").replace(/^const V3_OPTIONS[^]*?^};$/m, "");
    expect(source).toMatch(new RegExp(`\\b${name}\\b`));
  });

  const refused = Object.entries(V3_OPTIONS).flatMap(([name, treatment]) => ("refused" in treatment ? [[name, treatment.refused] as const] : []));
  it.each(refused)("%s is refused when the client is made, saying why", (name, why) => {
    expect(() => new IAMClient({ ...base, [name]: {} })).toThrow(why);
  });

  const withoutEffect = Object.entries(V3_OPTIONS).flatMap(([name, treatment]) => ("noEffect" in treatment ? [[name, treatment] as const] : []));
  it.each(withoutEffect)("%s changes nothing keysmith sends, as in v3 but where said", async (name, { noEffect, inV3 = "the same" }) => {
    expect(await sentBySts("keysmith", { [name]: noEffect })).toEqual(await sentBySts("keysmith", {}));
    const v3Same = JSON.stringify(await sentBySts("v3", { [name]: noEffect })) === JSON.stringify(await sentBySts("v3", {}));
    expect(v3Same ? "the same" : inV3).toBe(inV3);
  });
});

/** What a GetAccessKeyInfo call of either SDK's STS client made with these options sends, as `comparable` has it. */
async function sentBySts(sdk: "keysmith" | "v3", options: object) {
  const handler = captureHandler(INFO);
  const config = { ...base, requestHandler: handler, ...options };
  const input = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" };
  if (sdk === "keysmith") await new STSClient(config).send(new GetAccessKeyInfoCommand(input));
  else await new V3STSClient(config).send(new V3GetAccessKeyInfo(input));
  return comparable(handler.requests[0]!);
}

const INFO: CannedResponse = { status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" };

/** A sent request without what differs between two sends of the same call: the time, the ids, the signature. */
function comparable(request: HttpRequest) {
  const { "x-amz-date": _date, "amz-sdk-invocation-id": _id, authorization: _authorization, ...headers } = request.headers;
  const { credential, signedHeaders } = authorizationParts(request);
  const port = request.port ? `:${request.port}` : "";
  return { url: `${request.protocol}//${request.hostname}${port}${request.path}`, body: request.body, headers, credential: credential.replace(/^[^/]+\/\d{8}\//, ""), signedHeaders };
}

describe("options typed as v3 types them (tsc checks this file)", () => {
  it("v3 code passing the accepted options, provider settings and a retry mode read from a string compiles and runs", async () => {
    const modeFromEnvironment: string = process.env.KEYSMITH_UNSET_RETRY_MODE || "adaptive";
    const config: IAMClientConfig = {
      ...base,
      apiVersion: "2010-05-08",
      tls: true,
      signingEscapePath: true,
      disableHostPrefix: false,
      cacheMiddleware: false,
      sigv4aSigningRegionSet: ["*"],
      defaultSigningName: "iam",
      serviceId: "IAM",
      runtime: "node",
      isCustomEndpoint: false,
      defaultSocketTimeout: 1000,
      authSchemePreference: ["sigv4"],
      useFipsEndpoint: async () => true,
      useDualstackEndpoint: () => Promise.resolve(false),
      retryMode: modeFromEnvironment,
    };
    const client = new IAMClient(config);
    expect([await client.config.useFipsEndpoint(), await client.config.useDualstackEndpoint(), await client.config.retryMode()]).toEqual([true, false, "adaptive"]);
  });

  it("an endpointProvider reads its parameters with the types v3 gives them, each the rules' own", async () => {
    const seen: Array<[string | undefined, boolean | undefined, boolean | undefined]> = [];
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
    const client = new STSClient({
      ...base,
      requestHandler: handler,
      // Typed by the rules: Region a string, UseFIPS and UseGlobalEndpoint booleans, as v3 types them.
      endpointProvider: (parameters) => {
        const region: string | undefined = parameters.Region;
        const fips: boolean | undefined = parameters.UseFIPS;
        const global: boolean | undefined = parameters.UseGlobalEndpoint;
        seen.push([region, fips, global]);
        return { url: new URL(`https://sts.${region}.example.com`) };
      },
    });
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }));
    expect(seen).toEqual([["us-east-1", false, false]]);
    expect(handler.requests[0]!.hostname).toBe("sts.us-east-1.example.com");
  });

  it.each([
    { given: async () => true, host: "sts.amazonaws.com" },
    { given: async () => false, host: "sts.eu-west-1.amazonaws.com" },
    { given: async () => undefined, host: "sts.eu-west-1.amazonaws.com" },
  ])("STS's useGlobalEndpoint takes a provider, as v3 types it: $host", async ({ given, host }) => {
    const answer = { status: 400, body: "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>" };
    const [ours, theirs] = [captureHandler(answer), captureHandler(answer)];
    const options = { ...base, region: "eu-west-1", maxAttempts: 1, useGlobalEndpoint: given };
    await new STSClient({ ...options, requestHandler: ours }).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch(() => undefined);
    await new V3STSClient({ ...options, requestHandler: theirs }).send(new V3GetAccessKeyInfo({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch(() => undefined);
    expect(ours.requests[0]!.hostname).toBe(host);
    expect(theirs.requests[0]!.hostname).toBe(host);
  });

  it("a retry mode typed as any string is still checked, when the client is made", () => {
    const typo: string = "standrad";
    expect(() => new IAMClient({ ...base, retryMode: typo })).toThrow('retryMode must be "standard", "adaptive" or "legacy" (got "standrad")');
  });
});
