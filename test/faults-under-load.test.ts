// 100 concurrent calls through throttling storms, 503s, resets and slow responses: every call ends, nothing leaks,
// and no CreateAccessKey runs twice: the endpoint counts the runs of each call by its invocation id.
import { randomUUID } from "node:crypto";
import type { FinalizeRequestMiddleware, RelativeMiddlewareOptions } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, IAMServiceException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient, STSServiceException } from "../generated/sts/index.js";
import { startLocalEndpoint, type FaultRule, type LocalEndpoint } from "../src/entries/local.js";

let server: LocalEndpoint;
beforeAll(async () => {
  server = await startLocalEndpoint({ faultSeed: 20261123 });
});
afterAll(() => server.close());

const scenarios: Array<{ name: string; faults: FaultRule[] }> = [
  { name: "throttling storm", faults: [{ kind: "throttling", rate: 0.5, times: Infinity }] },
  { name: "503s", faults: [{ kind: "unavailable", rate: 0.3, times: Infinity }] },
  { name: "500s after the action ran", faults: [{ kind: "internalError", afterAction: true, rate: 0.3, times: Infinity }] },
  { name: "connection resets, before and after the action", faults: [{ kind: "reset", rate: 0.15, times: Infinity }, { kind: "reset", afterAction: true, rate: 0.15, times: Infinity }] },
  { name: "slow responses past the timeout", faults: [{ kind: "delay", ms: 1_500, rate: 0.2, times: Infinity }, { kind: "delay", ms: 1_500, afterAction: true, rate: 0.1, times: Infinity }] },
  {
    name: "everything at once",
    faults: [
      { kind: "throttling", rate: 0.2, times: Infinity },
      { kind: "unavailable", rate: 0.1, times: Infinity },
      { kind: "reset", afterAction: true, rate: 0.1, times: Infinity },
      { kind: "delay", ms: 1_500, rate: 0.1, times: Infinity },
    ],
  },
];

// Counted from what happened, before any assertion, so the summary reports failures too.
const figures = { scenarios: 0, calls: 0, succeeded: 0, typedErrors: 0, createsRunTwice: 0, idempotentReruns: 0 };
afterAll(() =>
  console.log(
    `faults under load: ${figures.scenarios} scenarios, ${figures.calls} calls (${figures.succeeded} succeeded, ${figures.typedErrors} typed errors); ` +
      `CreateAccessKey calls run twice: ${figures.createsRunTwice}; idempotent calls run again by a retry: ${figures.idempotentReruns}`,
  ),
);

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "TCPSocketWrap").length;
}

/** What a call may end in: output, or an error that says what happened (service exception, timeout, transport). */
function isTypedError(error: unknown): boolean {
  if (error instanceof IAMServiceException || error instanceof STSServiceException) return true;
  if (!(error instanceof Error)) return false;
  const { $metadata, code } = error as Error & { $metadata?: { attempts?: unknown }; code?: unknown };
  return typeof $metadata?.attempts === "number" && (error.name === "TimeoutError" || typeof code === "string");
}

/**
 * The command, sending `amz-sdk-invocation-id: id`: one id per call, the same on every retry, as the client's own, but
 * one the test knows, so the endpoint's count of each call's runs can be read. It runs inside the retry loop, after
 * the retry middleware has set its own id on each attempt.
 */
function withInvocationId<C extends { middlewareStack: { addRelativeTo(middleware: FinalizeRequestMiddleware<any, any>, options: RelativeMiddlewareOptions): void } }>(command: C, id: string): C {
  command.middlewareStack.addRelativeTo(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers["amz-sdk-invocation-id"] = id;
      return next(args);
    },
    { relation: "after", toMiddleware: "retryMiddleware", name: "invocationIdMiddleware" },
  );
  return command;
}

describe.each(scenarios)("$name", ({ name, faults }) => {
  it("100 concurrent calls all end, no socket leaks after destroy(), no key created twice", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const baseline = openSockets();
    server.faults.clear();
    for (const fault of faults) server.faults.add(fault);

    const prefix = name.replace(/\W+/g, "-");
    const users = Array.from({ length: 40 }, (_, i) => ({ name: `${prefix}-${i}`, ...server.createUser(`${prefix}-${i}`) }));
    const admin = server.createUser(`${prefix}-admin`);
    const options = { region: "us-east-1", endpoint: server.url, credentials: admin, requestHandler: { requestTimeout: 500 } };
    const iam = new IAMClient(options);
    const sts = new STSClient(options);
    const ids = Array.from({ length: 100 }, () => randomUUID());

    const calls = ids.map((id, i) => {
      const user = users[i % users.length]!;
      if (i < 40) return iam.send(withInvocationId(new CreateAccessKeyCommand({ UserName: user.name }), id));
      if (i < 70) return iam.send(withInvocationId(new UpdateAccessKeyCommand({ UserName: user.name, AccessKeyId: user.accessKeyId, Status: "Active" }), id));
      return sts.send(withInvocationId(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId }), id));
    });
    const started = Date.now();
    const results = await Promise.allSettled(calls);
    server.faults.clear();

    const elapsed = Date.now() - started;
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
    const runsOf = (id: string) => server.stats.invocations.get(id)?.requestIds ?? [];
    const creates = ids.slice(0, 40);
    const createsRunTwice = creates.filter((id) => runsOf(id).length > 1);
    figures.scenarios++;
    figures.calls += results.length;
    figures.succeeded += results.length - rejected.length;
    figures.typedErrors += rejected.length;
    figures.createsRunTwice += createsRunTwice.length;
    figures.idempotentReruns += ids.slice(40).filter((id) => runsOf(id).length > 1).length;

    expect(elapsed).toBeLessThan(60_000);
    const untyped = rejected.filter((error) => !isTypedError(error));
    expect(untyped.map((e) => `${e?.name}: ${e?.message}`)).toEqual([]);
    // The rule itself: no CreateAccessKey call reached the action twice (a second run would be a second key, an
    // orphaned secret, or a LimitExceeded for a key the caller never saw).
    expect(createsRunTwice.map((id) => `${id} ran in requests ${runsOf(id).join(", ")}`)).toEqual([]);
    // And the count sees the calls: each call that got its key ran exactly once.
    expect(creates.filter((id, i) => results[i]!.status === "fulfilled" && runsOf(id).length !== 1)).toEqual([]);

    iam.destroy();
    sts.destroy();
    const deadline = Date.now() + 3_000;
    while (openSockets() > baseline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(openSockets()).toBeLessThanOrEqual(baseline);
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled).toEqual([]);
  }, 90_000);
});
