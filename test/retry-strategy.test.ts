// v3's `retryStrategy` option, side by side with v3: the same strategy given to both clients makes the same
// attempts, waits and calls on the same scripted answers; keysmith still never lets it retry a call that may have
// been processed when the operation is not idempotent.
import { CreateAccessKeyCommand as V3CreateAccessKeyCommand, IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { AdaptiveRetryStrategy, ConfiguredRetryStrategy, DeprecatedStandardRetryStrategy, StandardRetryStrategy } from "@smithy/core/retry";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { testCredentials } from "./support/capture.js";

type Answer = "ok" | "throttled" | "failed" | "denied" | { throttled: Record<string, string> };

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const errorBody = (code: string) =>
  `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Receiver</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
const okBodies = {
  update: `<UpdateAccessKeyResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`,
  create:
    `<CreateAccessKeyResponse xmlns="${IAM_NS}"><CreateAccessKeyResult><AccessKey><UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>` +
    `<Status>Active</Status><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey></AccessKey></CreateAccessKeyResult>` +
    `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></CreateAccessKeyResponse>`,
};
type Operation = keyof typeof okBodies;

function respond(operation: Operation, answer: Answer): HttpResponse {
  const [statusCode, body, headers]: [number, string, Record<string, string>] =
    answer === "ok"
      ? [200, okBodies[operation], {}]
      : answer === "throttled"
        ? [400, errorBody("Throttling"), {}]
        : answer === "failed"
          ? [500, errorBody("ServiceFailure"), {}]
          : answer === "denied"
            ? [403, errorBody("AccessDenied"), {}]
            : [400, errorBody("Throttling"), answer.throttled];
  return new HttpResponse({ statusCode, headers: { "content-type": "text/xml", ...headers }, body: new TextEncoder().encode(body) });
}

/** Answers each call's attempts by the script, the last answer repeating; keeps each attempt's amz-sdk-request. */
function scriptedHandler(operation: Operation, script: Answer[]) {
  const sent: string[] = [];
  return {
    sent,
    async handle(request: HttpRequest) {
      sent.push(request.headers["amz-sdk-request"]!);
      return { response: respond(operation, script[Math.min(sent.length - 1, script.length - 1)]!) };
    },
  };
}

const inputs = {
  update: { UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" } as const,
  create: { UserName: "Bob" },
};
const peers = {
  keysmith: (config: object, operation: Operation) => {
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, ...config });
    return (abortSignal?: AbortSignal) =>
      operation === "update" ? client.send(new UpdateAccessKeyCommand(inputs.update), { abortSignal }) : client.send(new CreateAccessKeyCommand(inputs.create), { abortSignal });
  },
  v3: (config: object, operation: Operation) => {
    const client = new V3IAMClient({ region: "us-east-1", credentials: testCredentials, ...config });
    return (abortSignal?: AbortSignal) =>
      operation === "update" ? client.send(new V3UpdateAccessKeyCommand(inputs.update), { abortSignal }) : client.send(new V3CreateAccessKeyCommand(inputs.create), { abortSignal });
  },
};
type Peer = keyof typeof peers;

/** One call through a client of the peer with the strategy: what was sent, and how the call ended. */
async function call(peer: Peer, operation: Operation, script: Answer[], options: object) {
  const handler = scriptedHandler(operation, script);
  const result = await peers[peer]({ ...options, requestHandler: handler }, operation)().then(
    (output) => ({ ok: true, $metadata: output.$metadata }),
    (error: { name: string; $metadata: object }) => ({ ok: false, name: error.name, $metadata: error.$metadata }),
  );
  const { attempts, totalRetryDelay } = result.$metadata as { attempts?: number; totalRetryDelay?: number };
  return { sent: handler.sent, ok: result.ok, name: "name" in result ? result.name : undefined, attempts, totalRetryDelay };
}

/** A strategy that writes down what it is asked and grants every retry up to its limit, with no wait. */
function recordingStrategy(retries: number) {
  const asked: unknown[] = [];
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  const strategy: RetryStrategyV2 = {
    async acquireInitialRetryToken(scope) {
      asked.push(["acquire", scope]);
      return token(0);
    },
    async refreshRetryTokenForRetry(given, info: RetryErrorInfo) {
      asked.push(["refresh", given.getRetryCount(), info.errorType, (info.error as { name?: string } | undefined)?.name, info.retryAfterHint instanceof Date]);
      if (given.getRetryCount() >= retries) throw new Error("no more");
      return token(given.getRetryCount() + 1);
    },
    recordSuccess(given) {
      asked.push(["success", given.getRetryCount()]);
    },
  };
  return { asked, strategy };
}

const both = <T>(run: (peer: Peer) => Promise<T>) => Promise.all([run("keysmith"), run("v3")]);

describe("a v3 retry strategy decides keysmith's retries as it decides v3's", () => {
  it.each<{ name: string; strategy: () => RetryStrategyV2; options?: object; script: Answer[]; want: object }>([
    {
      name: "ConfiguredRetryStrategy: its attempts and its delays, which v3 counts in totalRetryDelay",
      strategy: () => new ConfiguredRetryStrategy(4, (attempt) => attempt * 20),
      script: ["failed", "throttled", "failed", "ok"],
      want: { ok: true, attempts: 4, totalRetryDelay: 20 + 40 + 60, sent: ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3", "attempt=4; max=3"] },
    },
    {
      name: "its limit, not maxAttempts, ends the retries; the header's max is still maxAttempts",
      strategy: () => new ConfiguredRetryStrategy(2, 5),
      options: { maxAttempts: 5 },
      script: ["failed"],
      want: { ok: false, name: "ServiceFailureException", attempts: 2, totalRetryDelay: 5, sent: ["attempt=1; max=5", "attempt=2; max=5"] },
    },
    {
      name: "StandardRetryStrategy with a number: a throttle waits its 1 s base at most",
      strategy: () => new StandardRetryStrategy(2),
      script: ["throttled", "ok"],
      want: { ok: true, attempts: 2, sent: ["attempt=1; max=3", "attempt=2; max=3"] },
    },
    {
      name: "AdaptiveRetryStrategy, with its own rate limiter in place of retryMode's",
      strategy: () => new AdaptiveRetryStrategy(async () => 3),
      options: { retryMode: "standard" },
      script: ["failed", "failed", "ok"],
      want: { ok: true, attempts: 3, sent: ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"] },
    },
    {
      name: "an error no retry would change is not retried",
      strategy: () => new ConfiguredRetryStrategy(4, 5),
      script: ["denied"],
      want: { ok: false, name: "AccessDenied", attempts: 1, totalRetryDelay: 0, sent: ["attempt=1; max=3"] },
    },
  ])("$name", { timeout: 10_000 }, async ({ strategy, options, script, want }) => {
    const [ours, theirs] = await both((peer) => call(peer, "update", script, { ...options, retryStrategy: strategy() }));
    expect(ours).toMatchObject(want);
    if (!("totalRetryDelay" in want)) {
      // The standard and adaptive strategies' waits are random (full jitter); both count what they waited.
      expect(ours.totalRetryDelay).toBeLessThanOrEqual(1_000);
      delete (ours as { totalRetryDelay?: number }).totalRetryDelay;
      delete (theirs as { totalRetryDelay?: number }).totalRetryDelay;
    }
    expect(ours).toEqual(theirs);
  });

  it("is asked the same questions, in the same order: the first token, each retry with its error's kind and Retry-After, the success", async () => {
    const script: Answer[] = [{ throttled: { "x-amz-retry-after": "30" } }, "failed", "ok"];
    const [ours, theirs] = await both(async (peer) => {
      const { asked, strategy } = recordingStrategy(5);
      const result = await call(peer, "update", script, { retryStrategy: strategy });
      return { asked, attempts: result.attempts };
    });
    expect(ours).toEqual({
      attempts: 3,
      asked: [
        ["acquire", ""],
        ["refresh", 0, "THROTTLING", "Throttling", true],
        ["refresh", 1, "TRANSIENT", "ServiceFailureException", false],
        ["success", 2],
      ],
    });
    expect(ours).toEqual(theirs);
  });

  it("takes the place of keysmith's retry quota: a strategy that grants every retry gets them all, as in v3", { timeout: 20_000 }, async () => {
    // keysmith's own quota (500 tokens, 14 a transient retry) would refuse retries after the 35th failing call.
    const [ours, theirs] = await both(async (peer) => {
      const { strategy } = recordingStrategy(1);
      const handler = scriptedHandler("update", ["failed"]);
      const send = peers[peer]({ retryStrategy: strategy, requestHandler: handler }, "update");
      for (let i = 0; i < 50; i++) await send().catch(() => {});
      return handler.sent.length;
    });
    expect(ours).toBe(100);
    expect(ours).toBe(theirs);
  });

  it("an abort while the strategy waits ends the call at once with an AbortError, as in v3", async () => {
    const [ours, theirs] = await both(async (peer) => {
      const abort = new AbortController();
      const handler = scriptedHandler("update", ["failed"]);
      const send = peers[peer]({ retryStrategy: new ConfiguredRetryStrategy(3, 1_500), requestHandler: handler }, "update");
      const started = Date.now();
      setTimeout(() => abort.abort(), 50);
      const error = await send(abort.signal).catch((e: Error) => e);
      return { name: (error as Error).name, sent: handler.sent.length, quick: Date.now() - started < 1_000 };
    });
    expect(ours).toEqual({ name: "AbortError", sent: 1, quick: true });
    expect(ours).toEqual(theirs);
  });
});

it("client.config.retryStrategy() gives the strategy, as v3's does", async () => {
  const strategy = new ConfiguredRetryStrategy(2);
  const given = { region: "us-east-1", credentials: testCredentials, retryStrategy: strategy };
  const [ours, theirs] = [new IAMClient(given).config, new V3IAMClient(given).config];
  expect(await ours.retryStrategy!()).toBe(strategy);
  expect(await theirs.retryStrategy()).toBe(strategy);
});

describe("where keysmith differs: an operation that is not idempotent", () => {
  it("CreateAccessKey is not retried after an error that may follow its processing, and the strategy is not asked (v3 asks it, and retries)", async () => {
    const [ours, theirs] = await both(async (peer) => {
      const { asked, strategy } = recordingStrategy(5);
      return { asked, ...(await call(peer, "create", ["failed", "ok"], { retryStrategy: strategy })) };
    });
    expect(ours).toMatchObject({ ok: false, name: "ServiceFailureException", attempts: 1, asked: [["acquire", ""]] });
    expect(theirs).toMatchObject({ ok: true, attempts: 2 });
  });

  it("a throttle proves the call was not processed: CreateAccessKey is retried as the strategy says, as in v3", async () => {
    const [ours, theirs] = await both((peer) => call(peer, "create", ["throttled", "ok"], { retryStrategy: new ConfiguredRetryStrategy(3, 5) }));
    expect(ours).toMatchObject({ ok: true, attempts: 2, totalRetryDelay: 5 });
    expect(ours).toEqual(theirs);
  });
});

describe("a strategy keysmith cannot use is refused when the client is made, naming the option and the rule", () => {
  it.each([
    { name: "v3's older strategy, which runs the call itself", given: () => new DeprecatedStandardRetryStrategy(async () => 3), want: /got one that runs the call itself, with retry\(\)/ },
    { name: "a function", given: () => async () => new StandardRetryStrategy(3), want: /\(got function\)$/ },
  ])("$name", ({ given, want }) => {
    const make = () => new IAMClient({ region: "us-east-1", credentials: testCredentials, retryStrategy: given() as unknown as RetryStrategyV2 });
    expect(make).toThrow(/^retryStrategy must be a RetryStrategyV2, with acquireInitialRetryToken, refreshRetryTokenForRetry and recordSuccess/);
    expect(make).toThrow(want);
  });
});
