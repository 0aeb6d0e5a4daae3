// The options v3 users pass: each honoured as v3 honours it (its effect seen on the wire or on the calls), or refused
// when the client is made, with a message naming the option and why.
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKey } from "@aws-sdk/client-iam";
import { Agent, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
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

describe("defaultsMode", () => {
  const connectionTimeout = (client: IAMClient) => (client.config.requestHandler as unknown as { connectionTimeout: number }).connectionTimeout;
  it.each([
    [undefined, 10_000],
    ["legacy", 10_000],
    ["standard", 3100],
  ] as const)("%s gives the default handler a %i ms connection timeout", (defaultsMode, want) => {
    expect(connectionTimeout(new IAMClient({ ...base, defaultsMode }))).toBe(want);
  });
  it("an explicit connectionTimeout wins over the mode's", () => {
    expect(connectionTimeout(new IAMClient({ ...base, defaultsMode: "standard", requestHandler: { connectionTimeout: 500 } }))).toBe(500);
  });
});

describe("options refused at construction, naming the option and why", () => {
  it.each([
    ["retryStrategy", { retryStrategy: { acquireInitialRetryToken() {}, refreshRetryTokenForRetry() {}, recordSuccess() {} } }, /^retryStrategy is not supported: keysmith's retry policy decides by the operation's idempotency/],
    ["extensions", { extensions: [{ configure() {} }] }, /^extensions is not supported: keysmith's clients have no extension configuration/],
    ["defaultsMode auto", { defaultsMode: "auto" }, /^defaultsMode must be "legacy" or "standard" \(got "auto"\): keysmith does not pick defaults from where it runs/],
    ["defaultsMode in-region", { defaultsMode: "in-region" }, /^defaultsMode must be "legacy" or "standard" \(got "in-region"\)/],
    ["endpointProvider not a function", { endpointProvider: "https://x" }, /^endpointProvider must be a function/],
  ])("%s", (_name, options, want) => {
    expect(() => new IAMClient({ ...base, ...(options as object) })).toThrow(want);
  });
});
