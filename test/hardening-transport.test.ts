// Every attempt ends, and ends with the name the official SDK gives its failure: raw servers on 127.0.0.1 that drip,
// stall, switch protocols or answer 1xx, against the default Node handler and the fetch one.
import { createServer, type Server, type Socket } from "node:net";
import type { HttpHandlerOptions } from "@smithy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GetAccessKeyInfoCommand, STSClient, STSServiceException } from "../generated/sts/index.js";
import { FetchHttpHandler } from "../src/http/fetch-handler.js";
import { testCredentials } from "./support/capture.js";

const OK_BODY = "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>";
// Captured before any test fakes them: servers drip and guards wait in real time.
const { setInterval: realSetInterval, clearInterval: realClearInterval, setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;

interface RawServer {
  url: string;
  /** Resolves when the first request's bytes have arrived. */
  requested: Promise<void>;
  close(): Promise<void>;
}

const servers: RawServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A TCP server that answers each connection's first bytes with `answer(socket)`, whatever HTTP says. */
async function rawServer(answer: (socket: Socket, stop: Array<() => void>) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const stops: Array<() => void> = [];
  let requested!: () => void;
  const requestedPromise = new Promise<void>((resolve) => (requested = resolve));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("data", () => {
      requested();
      answer(socket, stops);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const raw = {
    url: `http://127.0.0.1:${port}`,
    requested: requestedPromise,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of stops) stop();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(raw);
  return raw;
}

/** Sends a byte every `ms` forever, after `head`. */
const drip = (head: string, ms: number) => (socket: Socket, stops: Array<() => void>) => {
  socket.write(head);
  const timer = realSetInterval(() => socket.write(" "), ms);
  stops.push(() => realClearInterval(timer));
  socket.once("close", () => realClearInterval(timer));
};

const stsAt = (url: string, options: object = {}) => new STSClient({ region: "us-east-1", endpoint: url, credentials: testCredentials, maxAttempts: 1, ...options });
const call = (sts: STSClient, options?: HttpHandlerOptions) =>
  sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }), options);

/** The call's error and how long it took; a call still pending after `limit` ms fails the test instead of hanging it. */
async function settled(promise: Promise<unknown>, limit = 3_000): Promise<{ error: any; ms: number }> {
  const started = performance.now();
  let guard: ReturnType<typeof setTimeout> | undefined;
  const pending = new Promise((resolve) => (guard = realSetTimeout(() => resolve({ name: "still pending" }), limit)));
  const error = await Promise.race([promise.then(() => ({ name: "resolved" }), (e: unknown) => e), pending]);
  realClearTimeout(guard);
  return { error, ms: performance.now() - started };
}

describe("requestTimeout bounds the whole attempt, not the silence between bytes", () => {
  it.each([
    { name: "a body dripping a byte every 150 ms", head: "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<GetAccessKeyInfoResponse>" },
    { name: "headers dripping a byte every 150 ms", head: "HTTP/1.1 200 OK\r\nX-Slow: a" },
    { name: "endless 102 Processing replies", head: "HTTP/1.1 102 Processing\r\n\r\n" },
  ])("$name: TimeoutError after requestTimeout 400", async ({ name, head }) => {
    const server = await rawServer(name.startsWith("endless") ? dripInformational(head, 150) : drip(head, 150));
    const { error, ms } = await settled(call(stsAt(server.url, { requestHandler: { requestTimeout: 400 } })));
    expect(error).toMatchObject({ name: "TimeoutError", code: "RequestTimeout", $metadata: { attempts: 1 } });
    expect(ms).toBeLessThan(1_500);
  });

  it("the send option requestTimeout bounds one call the same way", async () => {
    const server = await rawServer(drip("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<", 150));
    const { error, ms } = await settled(call(stsAt(server.url), { requestTimeout: 400 }));
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(ms).toBeLessThan(1_500);
  });

  it("the default handler bounds an attempt at 30 s", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = await rawServer(drip("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<", 150));
    const outcome = settled(call(stsAt(server.url)), 1_000);
    await server.requested;
    vi.advanceTimersByTime(29_990);
    expect((await settled(outcome, 100)).error).toMatchObject({ name: "still pending" });
    vi.advanceTimersByTime(10);
    expect((await outcome).error).toMatchObject({ name: "TimeoutError" });
  });
});

/** 1xx replies, one every `ms`, never a final response. */
function dripInformational(head: string, ms: number) {
  return (socket: Socket, stops: Array<() => void>) => {
    socket.write(head);
    const timer = realSetInterval(() => socket.write(head), ms);
    stops.push(() => realClearInterval(timer));
    socket.once("close", () => realClearInterval(timer));
  };
}

describe("1xx replies", () => {
  it.each([
    { name: "with requestTimeout", options: { requestHandler: { requestTimeout: 5_000 } } },
    { name: "with the default handler", options: {} },
  ])("101 Switching Protocols ($name) is a typed error of the service at once, not a hang", async ({ options }) => {
    const server = await rawServer((socket) => socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
    const { error, ms } = await settled(call(stsAt(server.url, options)));
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 101, attempts: 1 } });
    expect(ms).toBeLessThan(1_000);
  });

  it("103 Early Hints before the answer is skipped", async () => {
    const server = await rawServer((socket) =>
      socket.write(`HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: ${OK_BODY.length}\r\n\r\n${OK_BODY}`),
    );
    expect(await call(stsAt(server.url))).toMatchObject({ Account: "123456789012" });
  });
});

describe("failures are named as in the official SDK", () => {
  const stalledBody = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<GetAccessKeyInfoResponse>";

  it.each([
    {
      name: "an AbortController's signal",
      make() {
        const controller = new AbortController();
        return { signal: controller.signal, abort: () => controller.abort() };
      },
    },
    {
      name: "an { aborted, onabort } signal",
      make() {
        const signal = { aborted: false, onabort: null as (() => void) | null };
        return { signal, abort: () => ((signal.aborted = true), signal.onabort?.()) };
      },
    },
  ])("aborting while the body is read is an AbortError ($name)", async ({ make }) => {
    const server = await rawServer((socket) => socket.write(stalledBody));
    const { signal, abort } = make();
    const outcome = settled(call(stsAt(server.url), { abortSignal: signal }));
    await server.requested;
    setTimeout(abort, 100);
    const { error } = await outcome;
    expect(error).toMatchObject({ name: "AbortError", $metadata: { attempts: 1 } });
  });

  it("a stalled body past requestTimeout is a TimeoutError", async () => {
    const server = await rawServer((socket) => socket.write(stalledBody));
    const { error } = await settled(call(stsAt(server.url, { requestHandler: { requestTimeout: 300 } })));
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 1 } });
  });

  it("aborting during the retry backoff is an AbortError with $metadata", async () => {
    const body = "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
    const server = await rawServer((socket) => socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/xml\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
    const controller = new AbortController();
    const sts = stsAt(server.url, { maxAttempts: 3 });
    // The backoff draws its delay at random; with Math.random at its top the first one after a throttle is 999 ms.
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const outcome = settled(call(sts, { abortSignal: controller.signal }));
    await server.requested;
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 300);
    const { error } = await outcome;
    const settledAfterAbort = performance.now() - abortedAt;
    vi.restoreAllMocks();
    expect(error).toMatchObject({ name: "AbortError", $metadata: { attempts: 1 } });
    // It waited about 300 ms of the 999 before the abort, and says so.
    const { totalRetryDelay } = (error as { $metadata: { totalRetryDelay: number } }).$metadata;
    expect(totalRetryDelay).toBeGreaterThanOrEqual(200);
    expect(totalRetryDelay).toBeLessThan(700);
    // The backoff had about 700 ms to go: the abort ended it, not its end.
    expect(settledAfterAbort).toBeLessThan(500);
  });

  it("the fetch handler stops reading an endless body at the size limit, not at the timeout", async () => {
    const server = await rawServer((socket, stops) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n");
      const chunk = "x".repeat(64 * 1024);
      const timer = realSetInterval(() => socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`), 1);
      stops.push(() => realClearInterval(timer));
      socket.once("close", () => realClearInterval(timer));
    });
    const { error, ms } = await settled(call(stsAt(server.url, { requestHandler: new FetchHttpHandler({ requestTimeout: 5_000 }) })));
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error).toMatchObject({ name: "ResponseTooLarge", $metadata: { attempts: 1 } });
    expect(ms).toBeLessThan(2_500);
  });

  it("the fetch handler names a timeout and an abort the same way", async () => {
    const server = await rawServer((socket) => socket.write(stalledBody));
    const timedOut = await settled(call(stsAt(server.url, { requestHandler: new FetchHttpHandler({ requestTimeout: 300 }) })));
    expect(timedOut.error).toMatchObject({ name: "TimeoutError" });
    const controller = new AbortController();
    const aborted = settled(call(stsAt(server.url, { requestHandler: new FetchHttpHandler() }), { abortSignal: controller.signal }));
    setTimeout(() => controller.abort("stop"), 100);
    expect((await aborted).error).toMatchObject({ name: "AbortError" });
  });
});
