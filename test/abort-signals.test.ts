// Every shape of abortSignal v3 takes ends a call as v3 ends it, and leaves nothing behind: no timer, no request still
// going, no listener on the signal. The old `{ aborted, onabort }` shape (@smithy/types' AbortSignal, what
// @aws-sdk/abort-controller hands out) has no addEventListener: listening to it means setting its onabort.
import { execFile } from "node:child_process";
import { getEventListeners } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfoCommand, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { FetchHttpHandler } from "../src/http/fetch-handler.js";
import { testCredentials } from "./support/capture.js";
import { pendingTimers } from "./support/pending-timers.js";

const OK_BODY = "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>";
const THROTTLED_BODY = "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>slow down</Message></Error></ErrorResponse>";

/** What the server does with each request: answer it, throttle it, or hold it until the client gives up. */
let answer: "ok" | "throttle" | "hold" = "hold";
let requestCount = 0;
let requested: () => void = () => {};
const held = new Set<ServerResponse>();
const server = createServer((request, response) => {
  request.resume();
  request.once("end", () => {
    requestCount++;
    requested();
    if (answer === "hold") held.add(response);
    else if (answer === "throttle") response.writeHead(400, { "content-type": "text/xml" }).end(THROTTLED_BODY);
    else response.writeHead(200, { "content-type": "text/xml" }).end(OK_BODY);
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const response of held) response.destroy();
  held.clear();
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const input = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" };
const keysmithSend = (handler: "node" | "fetch", abortSignal: unknown, options: object = {}) => {
  const sts = new STSClient({ region: "us-east-1", endpoint: url, credentials: testCredentials, ...(handler === "fetch" ? { requestHandler: new FetchHttpHandler() } : {}), ...options });
  return sts.send(new GetAccessKeyInfoCommand(input), { abortSignal: abortSignal as AbortSignal }).finally(() => sts.destroy());
};
const v3Send = (abortSignal: unknown) => {
  const sts = new V3STSClient({ region: "us-east-1", endpoint: url, credentials: testCredentials });
  return sts.send(new V3GetAccessKeyInfoCommand(input), { abortSignal: abortSignal as AbortSignal }).finally(() => sts.destroy());
};
const outcome = (call: Promise<{ Account?: string }>) =>
  call.then(
    (output) => `resolved ${output.Account}`,
    (error: Error) => `${error.name}: ${error.message}`,
  );
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The old shape: an object with `aborted` and `onabort`, aborted as @aws-sdk/abort-controller aborts it. */
function legacySignal(aborted = false) {
  const signal = { aborted, onabort: null as ((this: unknown, ...args: unknown[]) => unknown) | null };
  return {
    signal,
    abort() {
      signal.aborted = true;
      signal.onabort?.call(signal, signal);
      signal.onabort = null;
    },
  };
}

interface Shape {
  name: string;
  /** A fresh signal, what aborts it (and resolves once it has), and what of ours it holds: nothing when the call is over. */
  make(): { signal: unknown; abort(): void | Promise<void>; held(): unknown };
  /** Only for signals made aborted: they have no later moment. */
  alreadyAborted?: true;
}
const shapes: Shape[] = [
  {
    name: "an AbortController's signal",
    make() {
      const controller = new AbortController();
      return { signal: controller.signal, abort: () => controller.abort(), held: () => getEventListeners(controller.signal, "abort").length };
    },
  },
  {
    name: "AbortSignal.timeout(300)",
    make() {
      const signal = AbortSignal.timeout(300);
      let onFired!: () => void;
      const fired = new Promise<void>((resolve) => signal.addEventListener("abort", (onFired = () => resolve()), { once: true }));
      return { signal, abort: () => fired, held: () => getEventListeners(signal, "abort").filter((listener) => listener !== onFired).length };
    },
  },
  {
    name: "{ aborted: false, onabort: null }, aborted later through its onabort",
    make() {
      const legacy = legacySignal();
      return { signal: legacy.signal, abort: () => legacy.abort(), held: () => legacy.signal.onabort };
    },
  },
  {
    name: "AbortSignal.abort()",
    alreadyAborted: true,
    make() {
      const signal = AbortSignal.abort();
      return { signal, abort() {}, held: () => getEventListeners(signal, "abort").length };
    },
  },
  { name: "{ aborted: true, onabort: null }", alreadyAborted: true, make: () => ({ signal: legacySignal(true).signal, abort() {}, held: () => null }) },
];
const moments = ["before send", "while waiting for the response"] as const;
const cases = shapes.flatMap((shape) =>
  moments.filter((moment) => !shape.alreadyAborted || moment === "before send").flatMap((moment) => (["node", "fetch"] as const).map((handler) => ({ ...shape, moment, handler }))),
);

describe("an abortSignal of any shape v3 takes ends the call with an AbortError, as v3's does, leaving nothing behind", () => {
  it.each(cases)("$name, aborted $moment, $handler handler", async ({ make, moment, handler }) => {
    answer = "hold";
    /** Sends with a fresh signal, aborted at the moment: the outcome, whether the server saw a request, and what of the call the signal still holds. */
    const run = async (send: (signal: unknown) => Promise<{ Account?: string }>) => {
      const { signal, abort, held } = make();
      const heldBefore = held();
      const sent = requestCount;
      if (moment === "before send") await abort();
      const arrived = new Promise<void>((resolve) => (requested = resolve));
      const result = outcome(send(signal));
      if (moment !== "before send") {
        await Promise.race([arrived, result]);
        await abort();
      }
      const settled = await result;
      await nextTurn();
      return { outcome: settled, sent: requestCount > sent, heldBefore, heldAfter: held() };
    };
    // v3's default handler, with the same kind of signal at the same moment: the outcome to match.
    const theirs = await run(v3Send);
    expect(theirs.outcome).toBe("AbortError: Request aborted");

    const pending = pendingTimers();
    const ours = await run((signal) => keysmithSend(handler, signal));
    expect(ours.outcome).toBe(theirs.outcome);
    if (moment === "before send") expect(ours.sent).toBe(false);
    expect(pending()).toEqual([]);
    expect(ours.heldAfter).toEqual(ours.heldBefore);
  });
});

describe("the abort's reason, as v3 gives it: an Error the cause, anything else the message", () => {
  it.each([
    { name: "abort() (a DOMException)", reason: undefined },
    { name: "abort(new Error(...))", reason: new Error("shutting down") },
    { name: "abort(text)", reason: "the user cancelled" },
  ])("$name", async ({ reason }) => {
    answer = "hold";
    /** The error a call aborted while waiting gets: its name, message, and own enumerable keys with what the cause is. */
    const aborted = async (send: (signal: AbortSignal) => Promise<unknown>) => {
      const controller = new AbortController();
      const arrived = new Promise<void>((resolve) => (requested = resolve));
      const call = send(controller.signal).then(() => undefined, (error: Error) => error);
      await arrived;
      controller.abort(reason);
      const error = (await call)!;
      return { name: error.name, message: error.message, keys: Object.keys(error).filter((key) => key !== "$metadata"), cause: error.cause === controller.signal.reason };
    };
    const theirs = await aborted(v3Send);
    for (const handler of ["node", "fetch"] as const) expect(await aborted((signal) => keysmithSend(handler, signal))).toEqual(theirs);
  });
});

describe("a signal never aborted lets the call complete, as v3's does, and keeps nothing of it", () => {
  const neverAborted = shapes.filter((shape) => shape.name === "an AbortController's signal" || shape.name.startsWith("{ aborted: false"));
  it.each(neverAborted.flatMap((shape) => (["node", "fetch"] as const).map((handler) => ({ ...shape, handler }))))("$name, $handler handler", async ({ make, handler }) => {
    answer = "ok";
    expect(await outcome(v3Send(make().signal))).toBe("resolved 123456789012");
    const { signal, held } = make();
    const heldBefore = held();
    const pending = pendingTimers();
    expect(await outcome(keysmithSend(handler, signal))).toBe("resolved 123456789012");
    await nextTurn();
    expect(pending()).toEqual([]);
    // v3 leaves its own onabort on an { aborted, onabort } signal, which would destroy a finished request if it fired.
    expect(held()).toEqual(heldBefore);
  });
});

describe("the { aborted, onabort } shape", () => {
  it("keeps the onabort the signal had: still called on abort, and put back once the call is over", async () => {
    answer = "hold";
    const legacy = legacySignal();
    const own = vi.fn();
    legacy.signal.onabort = own;
    const call = outcome(keysmithSend("node", legacy.signal));
    await new Promise<void>((resolve) => (requested = resolve));
    expect(legacy.signal.onabort).not.toBe(own);
    const onabort = legacy.signal.onabort!;
    legacy.signal.aborted = true;
    onabort.call(legacy.signal, legacy.signal);
    expect(await call).toBe("AbortError: Request aborted");
    expect(own).toHaveBeenCalledOnce();
    expect(own.mock.contexts[0]).toBe(legacy.signal);
    expect(legacy.signal.onabort).toBe(own);
  });

  it("aborted during the retry backoff, ends the wait at once", async () => {
    answer = "throttle";
    // With Math.random at its top the backoff after a throttle is 999 ms.
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const legacy = legacySignal();
    const pending = pendingTimers();
    const call = keysmithSend("node", legacy.signal, { maxAttempts: 3 }).catch((error: unknown) => error);
    await new Promise<void>((resolve) => (requested = resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = performance.now();
    legacy.abort();
    const error = (await call) as { $metadata: { totalRetryDelay: number } };
    expect(error).toMatchObject({ name: "AbortError", $metadata: { attempts: 1 } });
    // The call waited about 100 ms of the 999 before the abort, and says so.
    expect(error.$metadata.totalRetryDelay).toBeGreaterThanOrEqual(50);
    expect(error.$metadata.totalRetryDelay).toBeLessThan(500);
    expect(performance.now() - abortedAt).toBeLessThan(500);
    await nextTurn();
    expect(pending()).toEqual([]);
  });
});

describe("an abortSignal keysmith cannot listen to", () => {
  it.each(["node", "fetch"] as const)("is a TypeError naming it, with nothing sent and no timer left (%s handler)", async (handler) => {
    answer = "ok";
    const pending = pendingTimers();
    const sent = requestCount;
    const error = await keysmithSend(handler, "soon").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: "abortSignal must be an AbortSignal, or an object with aborted and onabort (got string)" });
    await nextTurn();
    expect(requestCount).toBe(sent);
    expect(pending()).toEqual([]);
  });

  it("is a TypeError naming it before a request handler of the user's is called", async () => {
    let handled = 0;
    const handle = () => ((handled += 1), Promise.reject(new Error("sent")));
    const error = await keysmithSend("node", 5, { requestHandler: { handle } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TypeError", message: "abortSignal must be an AbortSignal, or an object with aborted and onabort (got number)" });
    expect(handled).toBe(0);
  });
});

describe("a program that sends with { aborted, onabort } signals", () => {
  // In a process of its own, as a user's program runs: what is left behind shows as a process that does not end, or
  // ends on an unhandled 'error'.
  const root = fileURLToPath(new URL("..", import.meta.url));
  const script = `
    import { createServer } from "node:http";
    const { STSClient, GetAccessKeyInfoCommand } = await import(${JSON.stringify(`${root}generated/sts/index.ts`)});
    const answer = ${JSON.stringify(OK_BODY)};
    let hold = false;
    const server = createServer((request, response) => request.resume().on("end", () => hold ? setTimeout(() => response.end(answer), 300) : response.end(answer)));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = new STSClient({ region: "us-east-1", endpoint: "http://127.0.0.1:" + server.address().port, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    const send = (abortSignal) => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }), { abortSignal }).then((output) => output.Account, (error) => error.name);
    console.log(await send({ aborted: false, onabort: null }));
    hold = true;
    const signal = { aborted: false, onabort: null };
    setTimeout(() => { signal.aborted = true; signal.onabort?.(); }, 50);
    console.log(await send(signal));
    client.destroy();
    server.close();
    const done = Date.now();
    process.on("exit", (code) => console.log("exit", code, Date.now() - done < 2000 ? "at once" : "after " + (Date.now() - done) + " ms"));
  `;

  it("gets its answers, and ends by itself at once with no unhandled error", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--conditions=keysmith-source", "--import", "tsx", "--input-type=module", "-e", script], { cwd: root, timeout: 60_000 });
    expect(stdout.trim().split("\n")).toEqual(["123456789012", "AbortError", "exit 0 at once"]);
    expect(stderr).toBe("");
  }, 60_000);
});
