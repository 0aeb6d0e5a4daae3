import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { HttpRequest } from "@smithy/protocol-http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NodeHttpHandler } from "../src/http/node-handler.js";
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
