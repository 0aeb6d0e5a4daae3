// The retry quota and the waits between attempts, side by side with v3: the same scripted answers to the same calls
// give the same attempts, call by call, and the same honoured Retry-After.
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { testCredentials } from "./support/capture.js";

type Answer = "ok" | "throttled" | "failed" | { failed: Record<string, string> };

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const errorBody = (code: string) =>
  `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Receiver</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
const okBody = `<UpdateAccessKeyResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>`;

function respond(answer: Answer): HttpResponse {
  const [statusCode, body, headers] =
    answer === "ok" ? [200, okBody, {}] : answer === "throttled" ? [400, errorBody("Throttling"), {}] : answer === "failed" ? [500, errorBody("ServiceFailure"), {}] : [500, errorBody("ServiceFailure"), answer.failed];
  return new HttpResponse({ statusCode, headers: { "content-type": "text/xml", ...headers }, body: new TextEncoder().encode(body) });
}

/**
 * A request handler that answers each call by its script: the call is told by its amz-sdk-invocation-id (one per call,
 * kept across its attempts, in both SDKs), the attempt by amz-sdk-request; a script's last answer repeats.
 */
function scriptedHandler(scripts: Answer[][]) {
  const calls = new Map<string, number>();
  const attempts: number[] = [];
  return {
    attempts,
    async handle(request: HttpRequest) {
      const id = request.headers["amz-sdk-invocation-id"]!;
      if (!calls.has(id)) calls.set(id, calls.size);
      const call = calls.get(id)!;
      attempts[call] = (attempts[call] ?? 0) + 1;
      const script = scripts[call]!;
      return { response: respond(script[Math.min(attempts[call]! - 1, script.length - 1)]!) };
    },
  };
}

const input = { UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" } as const;
const config = { region: "us-east-1", credentials: testCredentials, maxAttempts: 3 };
const peers = {
  keysmith: (handler: ReturnType<typeof scriptedHandler>) => {
    const client = new IAMClient({ ...config, requestHandler: handler });
    return (first: number, count: number) => client.send(new UpdateAccessKeyCommand(input)).then(metadataOf, metadataOf).then((m) => ({ first, count, ...m }));
  },
  v3: (handler: ReturnType<typeof scriptedHandler>) => {
    const client = new V3IAMClient({ ...config, requestHandler: handler as any });
    return (first: number, count: number) => client.send(new V3UpdateAccessKeyCommand(input)).then(metadataOf, metadataOf).then((m) => ({ first, count, ...m }));
  },
};
function metadataOf(result: { $metadata?: { attempts?: number; totalRetryDelay?: number } }) {
  return { attempts: result.$metadata?.attempts, totalRetryDelay: result.$metadata?.totalRetryDelay ?? 0 };
}

/**
 * One client's run of the script: first calls that retry and recover, at once (the quota stays far from empty, so
 * their order does not matter), then calls that keep failing, one after another, until the quota refuses retries.
 */
async function run(peer: keyof typeof peers, recovering: Answer[][], failing: number) {
  const handler = scriptedHandler([...recovering, ...Array.from({ length: failing }, () => ["failed" as const])]);
  const send = peers[peer](handler);
  await Promise.all(recovering.map((_, i) => send(i, 1)));
  for (let i = 0; i < failing; i++) await send(recovering.length + i, 1);
  return handler.attempts;
}

describe("the retry quota spends and earns back tokens as v3's does", () => {
  // A throttled retry costs 5 tokens and a transient one 14 (v3's costs since its 2026 retry behaviour); a call that
  // recovers earns back its last retry's cost. So these recovering calls leave 500 − 10·5 − 20·14 = 170 tokens, and
  // the failing calls after them are retried 12 times (14 each) before the quota refuses.
  const recovering: Answer[][] = [
    ...Array.from({ length: 10 }, (): Answer[] => ["throttled", "failed", "ok"]),
    ...Array.from({ length: 20 }, (): Answer[] => ["failed", "throttled", "ok"]),
  ];

  it("the same attempts, call by call, as v3", { timeout: 30_000 }, async () => {
    const [ours, theirs] = await Promise.all([run("keysmith", recovering, 10), run("v3", recovering, 10)]);
    expect(ours).toEqual(theirs);
    expect(ours.slice(30)).toEqual([3, 3, 3, 3, 3, 3, 1, 1, 1, 1]);
  });
});

describe("a response's Retry-After is honoured as v3 honours it", () => {
  it.each<{ name: string; headers: Record<string, string>; atLeast: number }>([
    { name: "x-amz-retry-after in milliseconds", headers: { "x-amz-retry-after": "400" }, atLeast: 400 },
    { name: "Retry-After in seconds", headers: { "retry-after": "1" }, atLeast: 1_000 },
  ])("$name: the retry waits for it, not for the 50 ms backoff", async ({ headers, atLeast }) => {
    const script: Answer[] = [{ failed: headers }, "ok"];
    const [ours, theirs] = await Promise.all(
      (["keysmith", "v3"] as const).map(async (peer) => {
        const handler = scriptedHandler([script]);
        return { peer, ...(await peers[peer](handler)(0, 1)), sent: handler.attempts[0] };
      }),
    );
    // v3 turns the header into a Date and later subtracts Date.now(), so its delay can come out a few milliseconds
    // short of the header's; keysmith keeps the header's value.
    for (const [result, slack] of [[ours!, 0], [theirs!, 10]] as const) {
      expect(result.attempts, result.peer).toBe(2);
      expect(result.totalRetryDelay, result.peer).toBeGreaterThanOrEqual(atLeast - slack);
      expect(result.totalRetryDelay, result.peer).toBeLessThan(atLeast + 50);
    }
  });
});
