import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../../src/entries/local.js";
import { IAM_NS, call, errorOf, formEncode, rawExchange, sign } from "./helpers.js";

let server: LocalEndpoint;
let alice: LocalUserCredentials;

beforeAll(async () => {
  server = await startLocalEndpoint();
  alice = server.createUser("alice");
});
afterAll(() => server.close());

describe("keep-alive and concurrency", () => {
  it("verifies 200 concurrent signed requests over a small pool of keep-alive sockets", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const sockets = new Set<unknown>();
    agent.on("free", (socket) => sockets.add(socket));
    const received = server.stats.received.GetCallerIdentity!;
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, () => call(server.url, "GetCallerIdentity", {}, { credentials: alice, agent })),
      );
      expect(results.map((result) => result.status)).toEqual(Array(200).fill(200));
      expect(new Set(results.map((result) => result.headers["x-amzn-requestid"])).size).toBe(200);
      expect(server.stats.received.GetCallerIdentity).toBe(received + 200);
      expect(sockets.size).toBeLessThanOrEqual(16);
    } finally {
      agent.destroy();
    }
  });
});

describe("startLocalEndpoint", () => {
  it("listens on loopback by default and reports its URL", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.accountId).toBe("123456789012");
  });

  it("rejects a port that is taken", async () => {
    await expect(startLocalEndpoint({ port: Number(new URL(server.url).port) })).rejects.toThrow(/EADDRINUSE/);
  });

  it("rejects an account id that is not 12 digits", async () => {
    await expect(startLocalEndpoint({ accountId: "12345" })).rejects.toThrow(RangeError);
  });
});

describe("close()", () => {
  it("closes idle keep-alive connections, so clients see 'close'", async () => {
    const endpoint = await startLocalEndpoint();
    const user = endpoint.createUser("u");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      let socket: net.Socket | undefined;
      agent.once("free", (free: net.Socket) => (socket = free));
      expect((await call(endpoint.url, "GetCallerIdentity", {}, { credentials: user, agent })).status).toBe(200);
      expect(socket).toBeDefined();
      const closed = new Promise<void>((resolve) => socket!.once("close", () => resolve()));
      await endpoint.close();
      await closed;
      expect(socket!.destroyed).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it("ends requests held by a delay fault instead of waiting for them", async () => {
    const endpoint = await startLocalEndpoint();
    const user = endpoint.createUser("u");
    endpoint.faults.add({ kind: "delay", ms: 60_000 });
    const pending = call(endpoint.url, "GetCallerIdentity", {}, { credentials: user });
    pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await endpoint.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(endpoint.stats.executed.GetCallerIdentity).toBe(0);
  });

  it("can be called twice", async () => {
    const endpoint = await startLocalEndpoint();
    await Promise.all([endpoint.close(), endpoint.close()]);
    await endpoint.close();
  });
});

describe("hostile and broken requests get AWS-style errors, never a crash", () => {
  it.each([
    { name: "GET", method: "GET", path: "/", contentType: "application/x-www-form-urlencoded", status: 405, code: "MethodNotAllowed" },
    { name: "another path", method: "POST", path: "/admin", contentType: "application/x-www-form-urlencoded", status: 404, code: "NotFound" },
    { name: "a JSON body", method: "POST", path: "/", contentType: "application/json", status: 415, code: "UnsupportedMediaType" },
  ])("$name → $status $code", async ({ method, path, contentType, status, code }) => {
    const body = formEncode({ Action: "CreateAccessKey", Version: "2010-05-08" });
    const request = await sign(server.url, body, "iam", { credentials: alice, headers: { "content-type": contentType } });
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(server.url);
      const outgoing = http.request({ host: url.hostname, port: url.port, method, path, headers: request.headers }, (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: text }));
      });
      outgoing.on("error", reject);
      outgoing.end(method === "GET" ? undefined : body);
    });
    expect(result.status).toBe(status);
    expect(result.body).toContain(`<Code>${code}</Code>`);
    expect(result.body).toContain(`<ErrorResponse xmlns="${IAM_NS}">`);
  });

  it("accepts the form media type without a charset", async () => {
    const result = await call(server.url, "GetCallerIdentity", {}, {
      credentials: alice,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(result.status).toBe(200);
  });

  it("refuses a declared body over 1 MiB with 413 without reading it", async () => {
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: "/",
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(2 * 1024 * 1024) },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode!);
          outgoing.destroy();
        },
      );
      outgoing.on("error", (error) => (outgoing.destroyed ? undefined : reject(error)));
      outgoing.write("Action=GetCallerIdentity&");
    });
    expect(status).toBe(413);
  });

  it("stops reading a chunked body once it passes 1 MiB and answers 413", async () => {
    const url = new URL(server.url);
    const chunk = "A".repeat(64 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const outgoing = http.request(
        { host: url.hostname, port: url.port, method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded" } },
        (response) => {
          answered = true;
          response.resume();
          resolve(response.statusCode!);
          outgoing.destroy();
        },
      );
      outgoing.on("error", (error) => (answered ? undefined : reject(error)));
      const pump = () => {
        if (answered || outgoing.destroyed) return;
        outgoing.write(chunk, () => setImmediate(pump));
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it("answers garbage that is not HTTP with 400 and keeps serving", async () => {
    const reply = await rawExchange(server.url, "HELLO THERE\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await call(server.url, "GetCallerIdentity", {}, { credentials: alice })).status).toBe(200);
  });

  it("answers binary bodies and odd encodings with errors and keeps serving", async () => {
    const bodies = ["\u0000\u0001\u0002%%%&&&==", "Action=%FF%FE&Version=2011-06-15", "&&&=&=", "Action=GetCallerIdentity&Version=2011-06-15&" + "x=".repeat(5000)];
    for (const rawBody of bodies) {
      const result = await call(server.url, "GetCallerIdentity", {}, { credentials: alice, rawBody });
      expect(result.status).toBeGreaterThanOrEqual(200);
      expect(result.status).toBeLessThan(500);
    }
    const result = await call(server.url, "GetCallerIdentity", {}, { credentials: alice, rawBody: "Action=%FF" });
    expect(errorOf(result).Code).toBe("MalformedQueryString");
    expect((await call(server.url, "GetCallerIdentity", {}, { credentials: alice })).status).toBe(200);
  });

  it("survives a client that vanishes mid-body", async () => {
    const { hostname, port } = new URL(server.url);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=");
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on("close", () => resolve());
    });
    expect((await call(server.url, "GetCallerIdentity", {}, { credentials: alice })).status).toBe(200);
  });
});
