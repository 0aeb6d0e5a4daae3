// Hardening, the embedded endpoint: reachable only where the caller chose, and as strict as AWS where tests need it
// strict (the credential scope's region, the Authorization header's shape, connections and header time).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../src/entries/local.js";
import { call, errorOf, rawExchange, sign, type CallOptions, type CallResult } from "./local/helpers.js";

/** Whether something accepts TCP connections at host:port (127.0.0.2 is loopback too, on Linux). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host, () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

describe("the embedded endpoint listens on loopback unless told otherwise by name", () => {
  it.each([
    { name: "no host", options: {} },
    { name: 'host ""', options: { host: "" } },
  ])("$name: 127.0.0.1 only, with a URL that works", async ({ options }) => {
    const server = await startLocalEndpoint(options);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(new URL(server.url).port);
      expect(await accepts("127.0.0.1", port)).toBe(true);
      // Bound to every interface, it would answer on 127.0.0.2 as on any other address of the machine.
      expect(await accepts("127.0.0.2", port)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it.each(["0.0.0.0", "::", "10.1.2.3", " "])("refuses host %j without exposeBeyondLoopback, naming the option", async (host) => {
    await expect(startLocalEndpoint({ host })).rejects.toThrow(
      `keysmith/local listens on loopback only, and host '${host}' is not a loopback address (127.x.x.x, ::1, localhost); pass exposeBeyondLoopback: true (keysmith-local: --expose-beyond-loopback) to let other machines reach it`,
    );
  });

  it("listens on every interface with exposeBeyondLoopback, and gives a URL clients can use", async () => {
    const server = await startLocalEndpoint({ host: "0.0.0.0", exposeBeyondLoopback: true });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await accepts("127.0.0.2", Number(new URL(server.url).port))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it.each([
    { host: "localhost", url: /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/ },
    { host: "127.0.0.2", url: /^http:\/\/127\.0\.0\.2:\d+$/ },
  ])("takes the loopback host $host as it is", async ({ host, url }) => {
    const server = await startLocalEndpoint({ host });
    try {
      expect(server.url).toMatch(url);
    } finally {
      await server.close();
    }
  });
});

describe("the embedded endpoint refuses what AWS refuses in a request's signature", () => {
  let server: LocalEndpoint;
  let alice: LocalUserCredentials;
  beforeAll(async () => {
    server = await startLocalEndpoint();
    alice = server.createUser("alice");
  });
  afterAll(() => server.close());

  const whoAmI = (options: CallOptions = {}) => call(server.url, "GetCallerIdentity", {}, { credentials: alice, ...options });
  const refusal = (result: CallResult) => {
    const { Code, Message } = errorOf(result);
    return { status: result.status, Code, Message };
  };

  it.each([
    { region: "xx-bogus-9", Code: "SignatureDoesNotMatch", Message: "Credential should be scoped to a valid region, not 'xx-bogus-9'." },
    { region: "eu-west-1", Code: "SignatureDoesNotMatch", Message: "Credential should be scoped to a valid region, not 'eu-west-1'." },
    { region: "us-east-1 ", Code: "IncompleteSignature", Message: expect.stringMatching(/^'\/sts\/aws4_request' not a valid key=value pair \(missing equal-sign\) in Authorization header/) },
  ])("STS signed for $region, not the region it serves, is refused with $Code", async ({ region, Code, Message }) => {
    const executed = server.stats.executed.GetCallerIdentity;
    expect(refusal(await whoAmI({ region }))).toEqual({ status: 403, Code, Message });
    expect(server.stats.executed.GetCallerIdentity).toBe(executed);
  });

  it("STS serves the region it was started for, and only that one", async () => {
    const frankfurt = await startLocalEndpoint({ region: "eu-central-1" });
    try {
      const carol = frankfurt.createUser("carol");
      const ask = (region: string) => call(frankfurt.url, "GetCallerIdentity", {}, { credentials: carol, region });
      expect(frankfurt.region).toBe("eu-central-1");
      expect((await ask("eu-central-1")).status).toBe(200);
      expect(refusal(await ask("us-east-1"))).toEqual({ status: 403, Code: "SignatureDoesNotMatch", Message: "Credential should be scoped to a valid region, not 'us-east-1'." });
      // IAM is global: us-east-1, whatever region STS serves.
      expect((await call(frankfurt.url, "CreateAccessKey", {}, { credentials: carol, region: "us-east-1" })).status).toBe(200);
      expect((await call(frankfurt.url, "CreateAccessKey", {}, { credentials: carol, region: "eu-central-1" })).status).toBe(403);
    } finally {
      await frankfurt.close();
    }
  });

  it.each([
    { host: "sts.eu-west-2.amazonaws.com", region: "eu-west-2" },
    { host: "sts-fips.us-east-2.amazonaws.com", region: "us-east-2" },
    { host: "sts.amazonaws.com", region: "us-east-1" },
  ])("STS sent to $host (a test redirecting AWS's endpoints here) is held to $region, as AWS holds it", async ({ host, region }) => {
    expect((await whoAmI({ region, headers: { host } })).status).toBe(200);
    expect(refusal(await whoAmI({ region: "ap-south-1", headers: { host } }))).toEqual({ status: 403, Code: "SignatureDoesNotMatch", Message: "Credential should be scoped to a valid region, not 'ap-south-1'." });
  });

  it("refuses a region option that names no region", async () => {
    await expect(startLocalEndpoint({ region: "us-east-1 " })).rejects.toThrow("region must be a region name such as us-east-1, got 'us-east-1 '");
  });

  it("two Authorization headers, both valid, are refused: no telling which one the sender meant", async () => {
    const signed = await sign(server.url, "Action=GetCallerIdentity&Version=2011-06-15", "sts", { credentials: alice });
    const { authorization, ...headers } = signed.headers;
    const head = [`POST / HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), `authorization: ${authorization}`, `authorization: ${authorization}`];
    const response = await rawExchange(server.url, `${head.join("\r\n")}\r\ncontent-length: ${Buffer.byteLength(signed.body)}\r\nconnection: close\r\n\r\n${signed.body}`);
    expect(response).toMatch(/^HTTP\/1\.1 403 /);
    expect(response).toContain("<Code>IncompleteSignature</Code>");
    expect(response).toContain("<Message>&apos;AWS4-HMAC-SHA256&apos; not a valid key=value pair (missing equal-sign) in Authorization header: ");
  });

  it.each([
    { name: "a forged Signature before the real one", tamper: (header: string) => header.replace("Signature=", `Signature=${"0".repeat(64)}, Signature=`), repeated: "Signature" },
    { name: "a forged Signature after the real one", tamper: (header: string) => `${header}, Signature=${"0".repeat(64)}`, repeated: "Signature" },
    { name: "a second Credential", tamper: (header: string) => `${header}, Credential=AKIAIOSFODNN7EXAMPLE/20240229/us-east-1/sts/aws4_request`, repeated: "Credential" },
    { name: "a second SignedHeaders", tamper: (header: string) => `${header}, SignedHeaders=host`, repeated: "SignedHeaders" },
  ])("$name is refused with IncompleteSignature", async ({ tamper, repeated }) => {
    const result = await whoAmI({ tamper: (request) => void (request.headers.authorization = tamper(request.headers.authorization!)) });
    expect(refusal(result)).toEqual({ status: 403, Code: "IncompleteSignature", Message: expect.stringMatching(new RegExp(`^'${repeated}' is repeated in Authorization header: 'AWS4-HMAC-SHA256 `)) });
  });
});

describe("the embedded endpoint bounds connections and the time to send headers", () => {
  /** Opens `count` connections that each send half a request line and then nothing; resolves once all are open. */
  async function slowloris(url: string, count: number) {
    const { hostname, port } = new URL(url);
    const sockets = await Promise.all(
      Array.from({ length: count }, () => new Promise<net.Socket>((resolve) => {
        const socket = net.connect(Number(port), hostname, () => (socket.write("POST / HTTP/1.1\r\nHost: x\r\n"), resolve(socket)));
        socket.on("error", () => resolve(socket));
      })),
    );
    const closed = new Set<net.Socket>();
    for (const socket of sockets) {
      if (socket.destroyed) closed.add(socket);
      socket.on("close", () => closed.add(socket));
    }
    return { sockets, closed };
  }
  const until = async (predicate: () => boolean, ms: number) => {
    for (const deadline = Date.now() + ms; !predicate() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it("200 connections held open: those beyond the cap of 128 are closed at once", async () => {
    const server = await startLocalEndpoint();
    const { sockets, closed } = await slowloris(server.url, 200);
    try {
      await until(() => closed.size >= 72, 2000);
      expect(closed.size).toBeGreaterThanOrEqual(72);
      expect(closed.size).toBeLessThan(200);
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
  });

  it("a connection that has not sent its headers within headersTimeoutMs is closed, and the endpoint serves again", async () => {
    const server = await startLocalEndpoint({ headersTimeoutMs: 500, maxConnections: 20 });
    const alice = server.createUser("alice");
    const { sockets, closed } = await slowloris(server.url, 20);
    try {
      expect(await call(server.url, "GetCallerIdentity", {}, { credentials: alice }).catch((error: Error) => error.message)).toMatch(/ECONNRESET|socket hang up/);
      await until(() => closed.size === 20, 3000);
      expect(closed.size).toBe(20);
      expect((await call(server.url, "GetCallerIdentity", {}, { credentials: alice })).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
  });

  it.each([
    { options: { maxConnections: 0 }, message: "maxConnections must be a whole number of at least 1, got 0" },
    { options: { headersTimeoutMs: Number.NaN }, message: "headersTimeoutMs must be a whole number of at least 1, got NaN" },
  ])("refuses $options", async ({ options, message }) => {
    await expect(startLocalEndpoint(options)).rejects.toThrow(message);
  });
});
