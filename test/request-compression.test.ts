// Request compression (`@requestCompression`), as the official SDK does it: an operation with the trait gzips a body
// of at least `requestMinCompressionSizeBytes` bytes (10240 by default) unless compression is disabled, appends the
// encoding to Content-Encoding, and signs and measures the compressed body. The settings come from the option, the
// environment or the profile. Checked on a client generated from a small model of our own, on one generated from
// AWS's CloudWatch model (PutMetricData), and byte for byte against @smithy/middleware-compression, v3's middleware.
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { compressionMiddleware as v3CompressionMiddleware, getCompressionPlugin, resolveCompressionConfig } from "@smithy/middleware-compression";
import { CreateAccessKeyCommand as V3CreateAccessKey, IAMClient as V3IAMClient } from "@aws-sdk/client-iam";
import type { HttpRequest } from "@smithy/protocol-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySigV4 } from "../src/local/sigv4-verify.js";
import { gzip as browserGzip } from "../src/platform/browser.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { useCredentialSandbox } from "./support/credential-sandbox.js";
import { hasShared, sharedDir, sharedSkipReason } from "./support/shared.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const sandbox = useCredentialSandbox();

const VERSION = "2024-01-01";
const id = (name: string) => `keysmith.compression#${name}`;
/** A service with one operation that accepts a gzipped body (PutData) and one that does not (GetData). */
const MODEL = {
  smithy: "2.0",
  shapes: {
    [id("Compressing")]: {
      type: "service",
      version: VERSION,
      operations: [{ target: id("PutData") }, { target: id("GetData") }],
      traits: { "aws.api#service": { sdkId: "Compressing", endpointPrefix: "compressing" }, "aws.auth#sigv4": { name: "compressing" }, "aws.protocols#awsQuery": {} },
    },
    [id("PutData")]: { type: "operation", input: { target: id("DataInput") }, traits: { "smithy.api#requestCompression": { encodings: ["gzip"] } } },
    [id("GetData")]: { type: "operation", input: { target: id("DataInput") } },
    [id("DataInput")]: { type: "structure", members: { Data: { target: "smithy.api#String" } } },
  },
};

const scratch = scratchDir("compression");
let generated: Map<string, string>;
let service: Record<string, any>;
beforeAll(async () => {
  generated = generateInto(scratch.path, MODEL, { source: "compressing.json" });
  service = await importGenerated(scratch.path);
});
afterAll(() => scratch.remove());

const OK = (operation: string): CannedResponse => ({ status: 200, body: `<${operation}Response><${operation}Result/></${operation}Response>` });

/** The form body's bytes before `Data`'s value. */
const PREFIX_BYTES = `Action=PutData&Version=${VERSION}&Data=`.length;

/** Sends PutData (or GetData) with a body of exactly `bytes` bytes before compression; returns the request sent. */
async function send(bytes: number, options: Record<string, unknown> = {}, operation = "PutData") {
  const handler = captureHandler(OK(operation));
  const client = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, ...options });
  await client.send(new service[`${operation}Command`]({ Data: "a".repeat(bytes - PREFIX_BYTES) }));
  return handler.requests[0]!;
}

/** The body as sent, uncompressed when it was gzipped, and whether it was. */
function readBody(request: HttpRequest): { gzipped: boolean; text: string } {
  const gzipped = request.headers["content-encoding"] === "gzip";
  return { gzipped, text: gzipped ? gunzipSync(request.body as Uint8Array).toString("utf8") : String(request.body) };
}

/** What v3's own middleware does to a request sent uncompressed: the body and Content-Encoding it hands on. */
async function v3Compress(request: HttpRequest): Promise<{ body: any; contentEncoding: string | undefined }> {
  const config = resolveCompressionConfig({
    disableRequestCompression: false,
    requestMinCompressionSizeBytes: 10_240,
    bodyLengthChecker: (body: string) => Buffer.byteLength(body),
  });
  let handed: any;
  const next = async (args: any) => {
    handed = args.request;
    return { output: {}, response: {} } as any;
  };
  await v3CompressionMiddleware(config, { encodings: ["gzip"] })(next, {})({ input: {}, request: { ...request, headers: { "content-type": request.headers["content-type"]! } } } as any);
  return { body: handed.body, contentEncoding: handed.headers["content-encoding"] };
}

describe("which bodies are gzipped", () => {
  it.each([
    { name: "below the default 10240 bytes: sent as it is", bytes: 10_239, options: {}, gzipped: false },
    { name: "at the default: gzipped", bytes: 10_240, options: {}, gzipped: true },
    { name: "above the default: gzipped", bytes: 10_241, options: {}, gzipped: true },
    { name: "a minimum of 0: any body", bytes: PREFIX_BYTES, options: { requestMinCompressionSizeBytes: 0 }, gzipped: true },
    { name: "below a minimum of 100", bytes: 99, options: { requestMinCompressionSizeBytes: 100 }, gzipped: false },
    { name: "at a minimum of 100", bytes: 100, options: { requestMinCompressionSizeBytes: 100 }, gzipped: true },
    { name: "the largest minimum, 10485760", bytes: 20_000, options: { requestMinCompressionSizeBytes: 10_485_760 }, gzipped: false },
    { name: "a minimum from a provider", bytes: 100, options: { requestMinCompressionSizeBytes: async () => 50 }, gzipped: true },
  ])("$name", async ({ bytes, options, gzipped }) => {
    const request = await send(bytes, options);
    const body = readBody(request);
    expect(body.gzipped).toBe(gzipped);
    expect(Buffer.byteLength(body.text)).toBe(bytes);
    expect(request.headers["content-length"]).toBe(String(gzipped ? (request.body as Uint8Array).byteLength : bytes));
  });

  it("never for an operation without @requestCompression", async () => {
    const request = await send(20_000, { requestMinCompressionSizeBytes: 0 }, "GetData");
    expect(request.headers["content-encoding"]).toBeUndefined();
    expect(typeof request.body).toBe("string");
  });

  it("only for the compressing operation when one client sends both, in turn", async () => {
    const handler = captureHandler(OK("Data"));
    const client = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    const order = ["GetData", "PutData", "GetData", "PutData", "PutData", "GetData"];
    for (const operation of order) await client.send(new service[`${operation}Command`]({ Data: "a".repeat(20_000) })).catch(() => undefined);
    expect(handler.requests.map((request) => request.headers["content-encoding"] ?? "none")).toEqual(order.map((operation) => (operation === "PutData" ? "gzip" : "none")));
  });

  it.each([
    { name: "an empty body (v3 too compresses none)", body: () => "" },
    { name: "a stream put in the body's place", body: () => Readable.from(["Action=PutData"]) },
  ])("not $name", async ({ body }) => {
    const handler = captureHandler(OK("PutData"));
    const client = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, requestMinCompressionSizeBytes: 0 });
    const replaced = body();
    client.middlewareStack.add(
      (next: any) => (args: any) => {
        args.request.body = replaced;
        return next(args);
      },
      { step: "serialize", name: "replaceBody" },
    );
    await client.send(new service.PutDataCommand({ Data: "a" }));
    expect(handler.requests[0]!.headers["content-encoding"]).toBeUndefined();
    expect(handler.requests[0]!.body).toBe(replaced);
  });
});

describe("disableRequestCompression and requestMinCompressionSizeBytes from the option, environment and profile", () => {
  it.each([
    { name: "the option", env: {}, config: "", options: { disableRequestCompression: true }, bytes: 20_000, gzipped: false },
    { name: "a provider option", env: {}, config: "", options: { disableRequestCompression: async () => true }, bytes: 20_000, gzipped: false },
    { name: "AWS_DISABLE_REQUEST_COMPRESSION", env: { AWS_DISABLE_REQUEST_COMPRESSION: "true" }, config: "", options: {}, bytes: 20_000, gzipped: false },
    { name: "disable_request_compression in the profile", env: {}, config: "[default]\ndisable_request_compression = true\n", options: {}, bytes: 20_000, gzipped: false },
    { name: "a named profile", env: { AWS_PROFILE: "plain" }, config: "[profile plain]\ndisable_request_compression = true\n", options: {}, bytes: 20_000, gzipped: false },
    { name: "the environment beats the profile", env: { AWS_DISABLE_REQUEST_COMPRESSION: "false" }, config: "[default]\ndisable_request_compression = true\n", options: {}, bytes: 20_000, gzipped: true },
    { name: "the option beats the environment", env: { AWS_DISABLE_REQUEST_COMPRESSION: "true" }, config: "", options: { disableRequestCompression: false }, bytes: 20_000, gzipped: true },
    { name: "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "30000" }, config: "", options: {}, bytes: 20_000, gzipped: false },
    { name: "request_min_compression_size_bytes in the profile", env: {}, config: "[default]\nrequest_min_compression_size_bytes = 100\n", options: {}, bytes: 100, gzipped: true },
    {
      name: "the minimum: the environment beats the profile",
      env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "200" },
      config: "[default]\nrequest_min_compression_size_bytes = 100\n",
      options: {},
      bytes: 100,
      gzipped: false,
    },
    { name: "the minimum: the option beats the environment", env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "30000" }, config: "", options: { requestMinCompressionSizeBytes: 0 }, bytes: 100, gzipped: true },
  ])("$name", async ({ env, config, options, bytes, gzipped }) => {
    sandbox.env(env);
    if (config) sandbox.write(".aws/config", config);
    expect(readBody(await send(bytes, options)).gzipped).toBe(gzipped);
  });
});

describe("a minimum size outside 0 to 10485760 is refused, naming the setting and the rule", () => {
  const RULE = "a whole number from 0 to 10485760";
  it.each([
    { name: "-1", value: -1 },
    { name: "10485761", value: 10_485_761 },
    { name: "1.5", value: 1.5 },
    { name: "NaN", value: NaN },
    { name: "Infinity", value: Infinity },
  ])("the option $name, when the client is made", ({ value }) => {
    expect(() => new service.CompressingClient({ region: "us-east-1", requestMinCompressionSizeBytes: value })).toThrow(
      new TypeError(`requestMinCompressionSizeBytes must be ${RULE} (got ${value})`),
    );
  });

  it.each([
    { name: "a provider giving -1", env: {}, config: "", options: { requestMinCompressionSizeBytes: async () => -1 }, want: `requestMinCompressionSizeBytes must be ${RULE} (got -1)` },
    { name: "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES=-1", env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "-1" }, config: "", options: {}, want: `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES must be ${RULE} (got "-1")` },
    { name: "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES too large", env: { AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES: "10485761" }, config: "", options: {}, want: `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES must be ${RULE} (got "10485761")` },
    { name: "the profile's value not a number", env: {}, config: "[default]\nrequest_min_compression_size_bytes = ten\n", options: {}, want: `request_min_compression_size_bytes must be ${RULE}, not "ten"` },
    { name: "AWS_DISABLE_REQUEST_COMPRESSION not a boolean", env: { AWS_DISABLE_REQUEST_COMPRESSION: "yes" }, config: "", options: {}, want: `AWS_DISABLE_REQUEST_COMPRESSION must be "true" or "false" (got "yes")` },
  ])("$name: the call fails before sending", async ({ env, config, options, want }) => {
    sandbox.env(env);
    if (config) sandbox.write(".aws/config", config);
    const handler = captureHandler(OK("PutData"));
    const client = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, ...options });
    const error = await client.send(new service.PutDataCommand({ Data: "a".repeat(20_000) })).catch((e: unknown) => e);
    expect((error as Error).message).toContain(want);
    expect(handler.requests).toHaveLength(0);
  });

  it.each([0, 10_485_760])("%s is allowed", (value) => {
    expect(() => new service.CompressingClient({ region: "us-east-1", requestMinCompressionSizeBytes: value })).not.toThrow();
  });
});

describe("Content-Encoding", () => {
  /** A client whose serialize-step middleware sets a Content-Encoding of its own, as a caller's plugin might. */
  async function sendWithEncoding(name: string, value: string, bytes: number) {
    const handler = captureHandler(OK("PutData"));
    const client = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    client.middlewareStack.add(
      (next: any) => (args: any) => {
        args.request.headers[name] = value;
        return next(args);
      },
      { step: "serialize", name: "setEncoding" },
    );
    await client.send(new service.PutDataCommand({ Data: "a".repeat(bytes - PREFIX_BYTES) }));
    const { headers } = handler.requests[0]!;
    return Object.entries(headers).filter(([key]) => key.toLowerCase() === "content-encoding");
  }

  it.each([
    { name: "an existing content-encoding: gzip appended", header: "content-encoding", value: "custom", bytes: 20_000, want: [["content-encoding", "custom, gzip"]] },
    { name: "an existing Content-Encoding, in another case: appended to it, one header", header: "Content-Encoding", value: "br", bytes: 20_000, want: [["Content-Encoding", "br, gzip"]] },
    { name: "below the minimum: left as it is", header: "content-encoding", value: "custom", bytes: 100, want: [["content-encoding", "custom"]] },
  ])("$name", async ({ header, value, bytes, want }) => {
    expect(await sendWithEncoding(header, value, bytes)).toEqual(want);
  });
});

describe("the signature and the retries cover the compressed body", () => {
  const record = { ...testCredentials, userName: "u", status: "Active" as const, createDate: new Date(0) };
  const verify = (request: HttpRequest, body: Buffer) =>
    verifySigV4({ method: request.method, target: request.path, rawHeaders: Object.entries(request.headers).flat(), body }, () => record, Date.now());

  it("the signed body is the gzipped one, on every attempt", async () => {
    const throttled: CannedResponse = { status: 400, body: "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>" };
    const handler = captureHandler(throttled, OK("PutData"));
    const client = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    await client.send(new service.PutDataCommand({ Data: "a".repeat(20_000) }));
    expect(handler.requests).toHaveLength(2);
    for (const request of handler.requests) {
      const sent = Buffer.from(request.body as Uint8Array);
      expect(request.headers["content-encoding"]).toBe("gzip");
      expect(() => verify(request, sent)).not.toThrow();
      expect(() => verify(request, gunzipSync(sent))).toThrow(/signature we calculated does not match/);
    }
    expect(handler.requests[1]!.body).toEqual(handler.requests[0]!.body);
  }, 10_000);
});

describe("as v3 does it", () => {
  it.each([
    { name: "below the minimum", bytes: 10_239 },
    { name: "at the minimum", bytes: 10_240 },
    { name: "a large body", bytes: 300_000 },
  ])("$name: the same body bytes and Content-Encoding as @smithy/middleware-compression", async ({ bytes }) => {
    const raw = await send(bytes, { disableRequestCompression: true });
    const ours = await send(bytes);
    const theirs = await v3Compress(raw);
    expect(ours.headers["content-encoding"]).toBe(theirs.contentEncoding);
    expect(Buffer.from(ours.body)).toEqual(Buffer.from(theirs.body));
  });

  it("compressionMiddleware is on the command's stack where v3 puts it", async () => {
    const ours = new service.CompressingClient({ region: "us-east-1", credentials: testCredentials, requestHandler: captureHandler(OK("PutData")) });
    const command = new service.PutDataCommand({ Data: "a" });
    await ours.send(command);
    const v3Client = new V3IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: captureHandler(OK("CreateAccessKey")) as any });
    const v3Command = new V3CreateAccessKey({});
    const compression = resolveCompressionConfig({ disableRequestCompression: true, requestMinCompressionSizeBytes: 10_240, bodyLengthChecker: () => 0 });
    v3Command.middlewareStack.use(getCompressionPlugin(compression, { encodings: ["gzip"] }));
    await v3Client.send(v3Command).catch(() => undefined);
    const list = (client: any, sent: any) => (client.middlewareStack.concat(sent.middlewareStack).identify() as string[]).filter((entry) => !/^(validateInputMiddleware|httpAuthSchemeMiddleware) /.test(entry));
    expect(list(ours, command)).toEqual(list(v3Client, v3Command));
    expect(list(ours, command)).toContain("compressionMiddleware - build");
  });
});

describe("gzip outside Node: CompressionStream", () => {
  it.each([
    { name: "a form body", body: "Action=PutData&Version=2024-01-01&Data=" + "ab".repeat(6_000) },
    { name: "text beyond ASCII", body: "Data=é€😀" },
    { name: "bytes", body: new Uint8Array([0, 1, 2, 255]) },
  ])("$name comes back whole", async ({ body }) => {
    const compressed = await browserGzip(body);
    expect([compressed[0], compressed[1]]).toEqual([0x1f, 0x8b]);
    expect(new Uint8Array(gunzipSync(compressed))).toEqual(typeof body === "string" ? new TextEncoder().encode(body) : body);
  });
});

describe("the generated operation description", () => {
  it("carries the encodings of an operation with @requestCompression, and nothing for one without", () => {
    expect(generated.get("commands/PutDataCommand.ts")).toContain('  middleware: [requestCompression(["gzip"])],\n');
    expect(generated.get("commands/GetDataCommand.ts")).not.toContain("requestCompression");
  });
});

describe.skipIf(!hasShared)("CloudWatch PutMetricData, generated from AWS's model", () => {
  if (!hasShared) console.warn(sharedSkipReason);
  const cloudwatch = hasShared ? scratchDir("cloudwatch") : undefined;
  let module: Record<string, any>;
  beforeAll(async () => {
    const ast = JSON.parse(readFileSync(`${sharedDir}aws-models/cloudwatch.json`, "utf8"));
    generateInto(cloudwatch!.path, ast, { source: "cloudwatch.json", operations: ["PutMetricData"] });
    module = await importGenerated(cloudwatch!.path);
  });
  afterAll(() => cloudwatch?.remove());

  /** 150 data points with a dimension each: about 30 KiB of form body. */
  const input = {
    Namespace: "Checkout",
    MetricData: Array.from({ length: 150 }, (_, i) => ({ MetricName: `RequestLatency${i}`, Value: i + 0.5, Unit: "Milliseconds", Dimensions: [{ Name: "Service", Value: "checkout" }] })),
  };

  async function put(options: Record<string, unknown> = {}) {
    const handler = captureHandler(OK("PutMetricData"));
    await new module.CloudWatchClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, ...options }).send(new module.PutMetricDataCommand(input));
    return handler.requests[0]!;
  }

  it("sends a body of 10 KiB or more gzipped: the bytes v3's middleware makes of the same form body", async () => {
    const raw = await put({ disableRequestCompression: true });
    expect(Buffer.byteLength(String(raw.body))).toBeGreaterThan(10_240);
    const sent = await put();
    expect(sent.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(sent.body as Uint8Array).toString("utf8")).toBe(raw.body);
    expect(sent.headers["content-length"]).toBe(String((sent.body as Uint8Array).byteLength));
    const theirs = await v3Compress(raw);
    expect(theirs.contentEncoding).toBe("gzip");
    expect(Buffer.from(sent.body as Uint8Array)).toEqual(Buffer.from(theirs.body));
  });
});
