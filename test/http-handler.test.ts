import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfoCommand, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { HttpRequest } from "@smithy/protocol-http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { requestError, timeoutError } from "../src/http/errors.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { testCredentials } from "./support/capture.js";
import { pendingTimers } from "./support/pending-timers.js";

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the Node request handler", () => {
  // node:https loads on the first https request; this pins that such a request still goes out over TLS's socket.
  it.each(["http:", "https:"])("sends a %s request (loading its module on first use) and reports a refused connection", async (protocol) => {
    const handler = new NodeHttpHandler();
    const request = new HttpRequest({ protocol, hostname: "127.0.0.1", port: await closedPort(), method: "POST", path: "/", headers: {}, body: "" });
    await expect(handler.handle(request)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    handler.destroy();
  });
});

describe("the Node request handler's time bounds", () => {
  it("leave no timer behind once the body has been read, so nothing holds the process for the 30 s bound", async () => {
    const server = createHttpServer((request, response) => {
      request.resume();
      response.end("<ok/>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
    const before = timers();
    const handler = new NodeHttpHandler();
    const { port } = server.address() as { port: number };
    const { response } = await handler.handle(new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port, method: "POST", path: "/", headers: {}, body: "" }));
    expect(timers()).toBeGreaterThan(before);
    for await (const _chunk of response.body as AsyncIterable<unknown>);
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBe(before);
    handler.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("an already aborted signal sends nothing and is an AbortError", async () => {
    const handler = new NodeHttpHandler();
    const request = new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port: await closedPort(), method: "POST", path: "/", headers: {}, body: "" });
    await expect(handler.handle(request, { abortSignal: AbortSignal.abort() as any })).rejects.toMatchObject({ name: "AbortError", message: "Request aborted" });
  });
});

describe("the Node request handler, when something throws once the request has started", () => {
  it("a body Node cannot write fails the attempt, and leaves no request or timer running", async () => {
    let requests = 0;
    const server = createHttpServer((request, response) => {
      requests++;
      request.resume();
      response.end("<ok/>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const handler = new NodeHttpHandler();
    const pending = pendingTimers();
    const request = new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port, method: "POST", path: "/", headers: {}, body: 42 });
    await expect(handler.handle(request)).rejects.toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending()).toEqual([]);
    expect(requests).toBe(0);
    handler.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});

describe("a connection that breaks before the response is a TimeoutError keeping its code, as v3's NodeHttpHandler names it", () => {
  const systemError = (code: string) => Object.assign(new Error(`${code} from the system`), { code });
  it.each([
    { name: "ECONNRESET", given: systemError("ECONNRESET"), want: { name: "TimeoutError", code: "ECONNRESET", message: "ECONNRESET from the system" } },
    { name: "EPIPE", given: systemError("EPIPE"), want: { name: "TimeoutError", code: "EPIPE" } },
    { name: "ETIMEDOUT", given: systemError("ETIMEDOUT"), want: { name: "TimeoutError", code: "ETIMEDOUT" } },
    { name: "ECONNREFUSED stays an Error, as in v3", given: systemError("ECONNREFUSED"), want: { name: "Error", code: "ECONNREFUSED" } },
    { name: "ENOTFOUND stays an Error, as in v3", given: systemError("ENOTFOUND"), want: { name: "Error", code: "ENOTFOUND" } },
    { name: "keysmith's own ConnectTimeout", given: timeoutError("no connection within 10 ms", "ConnectTimeout"), want: { name: "TimeoutError", code: "ConnectTimeout" } },
    { name: "an AbortError", given: Object.assign(new Error("Request aborted"), { name: "AbortError" }), want: { name: "AbortError", message: "Request aborted" } },
  ])("$name → $want.name", ({ given, want }) => {
    const error = requestError(given);
    expect(error).toBe(given);
    expect(error).toMatchObject(want);
  });

  /** A server that reads each request whole, then drops the connection without a word. */
  async function resettingServer() {
    let requests = 0;
    const server = createHttpServer((request) => {
      request.resume();
      request.once("end", () => {
        requests++;
        request.socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { port, requests: () => requests, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("the handler's error for a connection reset after the request was sent", async () => {
    const server = await resettingServer();
    const handler = new NodeHttpHandler();
    const request = new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port: server.port, method: "POST", path: "/", headers: {}, body: "Action=GetAccessKeyInfo" });
    await expect(handler.handle(request)).rejects.toMatchObject({ name: "TimeoutError", code: "ECONNRESET", message: "socket hang up" });
    handler.destroy();
    await server.close();
  });

  it("GetAccessKeyInfo's error after every attempt was reset, side by side with v3's", async () => {
    const server = await resettingServer();
    const config = { region: "us-east-1", endpoint: `http://127.0.0.1:${server.port}`, credentials: testCredentials, maxAttempts: 2 };
    const summary = (error: any) => ({ name: error.name, code: error.code, message: error.message, attempts: error.$metadata?.attempts });
    const v3 = new V3STSClient(config);
    const theirs = await v3.send(new V3GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch(summary);
    v3.destroy();
    const ours = new STSClient(config);
    const requestsBefore = server.requests();
    expect(await ours.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch(summary)).toEqual(theirs);
    expect(theirs).toEqual({ name: "TimeoutError", code: "ECONNRESET", message: "socket hang up", attempts: 2 });
    expect(server.requests() - requestsBefore).toBe(2);
    ours.destroy();
    await server.close();
  });
});
