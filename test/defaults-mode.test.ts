// v3's defaults modes, side by side with v3: the same mode from the same option, environment, profile or instance
// metadata, and the connection timeout v3 gives the default handler in it.
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IAMClient, UpdateAccessKeyCommand, type IAMClientConfig } from "../generated/iam/index.js";
import { testCredentials } from "./support/capture.js";
import { useCredentialSandbox } from "./support/credential-sandbox.js";

const sandbox = useCredentialSandbox();
const update = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" } as const;
const UPDATED = "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>";

/** The IAM endpoint the calls go to, and an instance metadata service that says it runs in `instanceRegion`. */
let iam: Server;
let imds: Server;
let instanceRegion = "us-east-1";
let iamRequests = 0;
const imdsAsked: string[] = [];
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
let dripping: Server;
let endpoint: string;
let imdsEndpoint: string;
let drippingImds: string;
let clockMoves = 0;
beforeAll(async () => {
  iam = createServer((_request, response) => ((iamRequests += 1), response.writeHead(200).end(UPDATED)));
  imds = createServer((request: IncomingMessage, response) => {
    imdsAsked.push(`${request.method} ${request.url}`);
    if (request.method === "PUT" && request.url === "/latest/api/token") return response.writeHead(200).end("imds-token");
    if (request.url === "/latest/meta-data/placement/region" && request.headers["x-aws-ec2-metadata-token"] === "imds-token") return response.writeHead(200).end(instanceRegion);
    response.writeHead(401).end();
  });
  // Gives a token, then the region's headers and a byte every 100 ms, never ending it.
  dripping = createServer((request, response) => {
    if (request.method === "PUT") return response.writeHead(200).end("imds-token");
    response.writeHead(200);
    const drip = setInterval(() => response.write("u"), 100);
    response.on("close", () => clearInterval(drip));
  });
  [endpoint, imdsEndpoint, drippingImds] = await Promise.all([listen(iam), listen(imds), listen(dripping)]);
});
afterAll(() => Promise.all([iam, imds, dripping].map((server) => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))))));

const handlerTimeout = (client: IAMClient) => (client.config.requestHandler as unknown as { connectionTimeout: number }).connectionTimeout;

/** Both SDKs' clients made from the same settings, each after one call: the mode they resolved, and keysmith's timeout. */
async function bothAfterOneCall(settings: IAMClientConfig) {
  const given = { credentials: testCredentials, endpoint, ...settings };
  const ours = new IAMClient(given);
  const theirs = new V3IAMClient(given as object);
  await ours.send(new UpdateAccessKeyCommand(update));
  await theirs.send(new V3UpdateAccessKeyCommand(update));
  return { ours: await ours.config.defaultsMode(), theirs: await (theirs.config.defaultsMode as () => Promise<string>)(), timeout: handlerTimeout(ours) };
}

describe("the mode named, from the option, the environment or the profile", () => {
  it.each([
    { name: "no mode anywhere", env: {}, options: {}, want: "legacy", timeout: 10_000 },
    { name: "the option", env: {}, options: { defaultsMode: "standard" }, want: "standard", timeout: 3100 },
    { name: "the option, in any case", env: {}, options: { defaultsMode: "In-Region" }, want: "in-region", timeout: 1100 },
    { name: "the option as a provider", env: {}, options: { defaultsMode: async () => "mobile" }, want: "mobile", timeout: 30_000 },
    { name: "AWS_DEFAULTS_MODE", env: { AWS_DEFAULTS_MODE: "cross-region" }, options: {}, want: "cross-region", timeout: 3100 },
    { name: "the option over AWS_DEFAULTS_MODE", env: { AWS_DEFAULTS_MODE: "mobile" }, options: { defaultsMode: "standard" }, want: "standard", timeout: 3100 },
    { name: "the profile's defaults_mode", env: {}, profile: "defaults_mode = in-region", options: {}, want: "in-region", timeout: 1100 },
    { name: "the profile's defaults_mode, in any case", env: {}, profile: "defaults_mode = Mobile", options: {}, want: "mobile", timeout: 30_000 },
    { name: "AWS_DEFAULTS_MODE over the profile", env: { AWS_DEFAULTS_MODE: "standard" }, profile: "defaults_mode = mobile", options: {}, want: "standard", timeout: 3100 },
    { name: "a named profile's defaults_mode", env: { AWS_PROFILE: "ops" }, profile: "region = eu-west-1\n[profile ops]\ndefaults_mode = mobile", options: {}, want: "mobile", timeout: 30_000 },
  ])("$name: $want, as v3's, and a $timeout ms connection timeout", async ({ env, profile, options, want, timeout }) => {
    sandbox.env(env);
    if (profile !== undefined) sandbox.write(".aws/config", `[default]\n${profile}\n`);
    const result = await bothAfterOneCall({ region: "us-east-1", ...(options as IAMClientConfig) });
    expect(result).toEqual({ ours: want, theirs: want, timeout });
  });

  it("an explicit connectionTimeout wins over the mode's, from wherever the mode comes", async () => {
    sandbox.write(".aws/config", "[default]\ndefaults_mode = in-region\n");
    for (const defaultsMode of ["standard" as const, async () => "standard" as const, undefined]) {
      const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, endpoint, defaultsMode, requestHandler: { connectionTimeout: 500 } });
      await client.send(new UpdateAccessKeyCommand(update));
      expect(handlerTimeout(client)).toBe(500);
    }
  });
});

describe("auto: in-region or cross-region by where the code runs, else standard", () => {
  // After no answer, neither SDK asks the instance metadata again for a minute (by Date.now()): each test starts a
  // minute past the one before, in whatever order they run.
  beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 * ++clockMoves }));
  afterEach(() => void vi.useRealTimers());
  const lambda = { AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x", AWS_REGION: "us-east-1" };
  it.each([
    { name: "in Lambda, the client in the function's region", env: lambda, options: { region: "us-east-1" }, want: "in-region", timeout: 1100 },
    { name: "in Lambda, the client in another region", env: lambda, options: { region: "eu-west-1" }, want: "cross-region", timeout: 3100 },
    { name: "in Lambda, the region from the environment", env: lambda, options: {}, want: "in-region", timeout: 1100 },
    { name: "in ECS, with AWS_DEFAULT_REGION", env: { AWS_EXECUTION_ENV: "AWS_ECS_FARGATE", AWS_DEFAULT_REGION: "us-west-2" }, options: { region: "us-west-2" }, want: "in-region", timeout: 1100 },
    { name: "in Lambda, the client's region a provider", env: lambda, options: { region: async () => "eu-west-1" }, want: "cross-region", timeout: 3100 },
    { name: "AWS_DEFAULTS_MODE auto, in Lambda", env: { ...lambda, AWS_DEFAULTS_MODE: "auto" }, options: {}, want: "in-region", timeout: 1100 },
    { name: "on EC2 in the client's region (instance metadata)", env: { imds: "us-east-1" }, options: { region: "us-east-1" }, want: "in-region", timeout: 1100 },
    { name: "on EC2 in another region (instance metadata)", env: { imds: "ap-south-1" }, options: { region: "us-east-1" }, want: "cross-region", timeout: 3100 },
    { name: "on EC2, auto from the profile", env: { imds: "us-east-1" }, profile: "defaults_mode = auto", options: { region: "us-east-1" }, want: "in-region", timeout: 1100 },
    { name: "instance metadata disabled", env: {}, options: { region: "us-east-1" }, want: "standard", timeout: 3100 },
  ])("$name: $want, as v3's", async ({ env, profile, options, want, timeout }) => {
    const { imds: region, ...vars } = env as Record<string, string>;
    sandbox.env(vars);
    if (region !== undefined) {
      instanceRegion = region;
      sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imdsEndpoint });
    }
    if (profile !== undefined) sandbox.write(".aws/config", `[default]\n${profile}\n`);
    const result = await bothAfterOneCall({ defaultsMode: profile === undefined ? "auto" : undefined, ...(options as IAMClientConfig) });
    expect(result).toEqual({ ours: want, theirs: want, timeout });
  });

  it("asks the instance metadata with a token, as v3 does", async () => {
    imdsAsked.length = 0;
    instanceRegion = "us-east-1";
    sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imdsEndpoint });
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, endpoint, defaultsMode: "auto" });
    await client.send(new UpdateAccessKeyCommand(update));
    expect(imdsAsked).toEqual(["PUT /latest/api/token", "GET /latest/meta-data/placement/region"]);
  });

  describe("where the instance metadata gives no answer: standard, as v3's, within a second", () => {
    it.each([
      { name: "nothing listens", service: () => "http://127.0.0.1:9" },
      { name: "it drips the region a byte at a time", service: () => drippingImds },
    ])("$name", async ({ service }) => {
      sandbox.env({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: service() });
      const started = performance.now();
      const result = await bothAfterOneCall({ region: "us-east-1", defaultsMode: "auto" });
      expect(result).toEqual({ ours: "standard", theirs: "standard", timeout: 3100 });
      expect(performance.now() - started).toBeLessThan(3_000);
    });
  });
});

describe("a mode that is none is refused, naming where it was given", () => {
  it("the option or AWS_DEFAULTS_MODE, when the client is made (v3: at its first call)", () => {
    const make = (options: object) => () => new IAMClient({ region: "us-east-1", credentials: testCredentials, ...options });
    expect(make({ defaultsMode: "fast" })).toThrow(/^defaultsMode must be one of auto, legacy, standard, in-region, cross-region, mobile \(got "fast"\)$/);
    expect(make({ defaultsMode: 3 })).toThrow(/^defaultsMode must be one of auto, .* \(got a number\)$/);
    sandbox.env({ AWS_DEFAULTS_MODE: "fast" });
    expect(make({})).toThrow(/^AWS_DEFAULTS_MODE must be one of auto, legacy, standard, in-region, cross-region, mobile \(got "fast"\)$/);
  });

  it.each([
    { name: "the profile's defaults_mode", profile: "defaults_mode = fast", options: {}, want: /^the profile's defaults_mode must be one of auto, .* \(got "fast"\)$/ },
    { name: "a provider of the option", options: { defaultsMode: async () => "fast" }, want: /^defaultsMode must be one of auto, .* \(got "fast"\)$/ },
  ])("$name, at every call, with nothing sent", async ({ profile, options, want }) => {
    if (profile !== undefined) sandbox.write(".aws/config", `[default]\n${profile}\n`);
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, endpoint, ...(options as IAMClientConfig) });
    const before = iamRequests;
    await expect(client.send(new UpdateAccessKeyCommand(update))).rejects.toThrow(want);
    await expect(client.send(new UpdateAccessKeyCommand(update))).rejects.toThrow(want);
    expect(iamRequests).toBe(before);
    // v3 fails its calls too, but not here: its handler starts reading the mode when the client is made, and the
    // rejection, with no one awaiting it yet, is reported as unhandled.
  });
});
