import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLocalEndpoint, type FaultRule, type LocalEndpoint, type LocalUserCredentials } from "../../src/entries/local.js";
import { IAM_NS, STS_NS, call, errorOf } from "./helpers.js";

let server: LocalEndpoint;
let admin: LocalUserCredentials;
let userCount = 0;

beforeAll(async () => {
  server = await startLocalEndpoint();
  admin = server.createUser("admin");
});
afterAll(() => server.close());
afterEach(() => server.faults.clear());

const whoAmI = () => call(server.url, "GetCallerIdentity", {}, { credentials: admin });
/** A CreateAccessKey for a fresh user, so keys never run into the quota. */
async function createKey() {
  const userName = `user${++userCount}`;
  server.createUser(userName);
  const before = server.listAccessKeys(userName).length;
  const result = await call(server.url, "CreateAccessKey", { UserName: userName }, { credentials: admin });
  return { result, keysCreated: server.listAccessKeys(userName).length - before };
}

describe("faults that fire before the action", () => {
  const table: Array<{ rule: FaultRule; action: "CreateAccessKey" | "GetCallerIdentity"; want: { status: number; code: string; type: string; message: string; xmlns: string } }> = [
    {
      rule: { kind: "throttling" },
      action: "CreateAccessKey",
      want: { status: 400, code: "Throttling", type: "Sender", message: "Rate exceeded", xmlns: IAM_NS },
    },
    {
      rule: { kind: "unavailable" },
      action: "CreateAccessKey",
      want: { status: 503, code: "ServiceUnavailable", type: "Receiver", message: "The request has failed due to a temporary failure of the server.", xmlns: IAM_NS },
    },
    {
      rule: { kind: "internalError" },
      action: "CreateAccessKey",
      want: { status: 500, code: "ServiceFailure", type: "Receiver", message: "The request processing has failed because of an unknown error, exception or failure.", xmlns: IAM_NS },
    },
    {
      rule: { kind: "internalError" },
      action: "GetCallerIdentity",
      want: { status: 500, code: "InternalFailure", type: "Receiver", message: "The request processing has failed because of an unknown error, exception or failure.", xmlns: STS_NS },
    },
  ];
  it.each(table)("$rule.kind on $action → $want.status $want.code, and the action does not run", async ({ rule, action, want }) => {
    server.faults.add(rule);
    const executed = server.stats.executed[action];
    const fired = server.stats.faultsFired[rule.kind];
    const result = action === "CreateAccessKey" ? (await createKey()).result : await whoAmI();
    expect(result.status).toBe(want.status);
    expect(errorOf(result)).toMatchObject({ Code: want.code, Type: want.type, Message: want.message, xmlns: want.xmlns });
    expect(result.headers["x-amzn-requestid"]).toBe(errorOf(result).RequestId);
    expect(server.stats.executed[action]).toBe(executed);
    expect(server.stats.faultsFired[rule.kind]).toBe(fired + 1);
    // times defaults to 1: the next request is served normally.
    expect((await whoAmI()).status).toBe(200);
  });

  it("reset destroys the connection without a response", async () => {
    server.faults.add({ kind: "reset", action: "CreateAccessKey" });
    const executed = server.stats.executed.CreateAccessKey;
    await expect(createKey()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(server.stats.executed.CreateAccessKey).toBe(executed);
  });

  it("delay holds the response, then serves it", async () => {
    server.faults.add({ kind: "delay", ms: 150 });
    const started = performance.now();
    expect((await whoAmI()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("malformed with headers node cannot write drops the connection instead of crashing", async () => {
    server.faults.add({ kind: "malformed", body: "x", headers: { "x-bad": "line\nbreak" } });
    await expect(whoAmI()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await whoAmI()).status).toBe(200);
  });

  it("malformed returns its status and body verbatim", async () => {
    server.faults.add({ kind: "malformed", status: 502, body: "<html>oops</ht", headers: { "content-type": "text/html" } });
    const result = await whoAmI();
    expect(result.status).toBe(502);
    expect(result.body).toBe("<html>oops</ht");
    expect(result.headers["content-type"]).toBe("text/html");
  });
});

describe("faults after the action: the work happened, the caller cannot tell", () => {
  it("internalError afterAction creates the key and still answers 500 ServiceFailure", async () => {
    server.faults.add({ kind: "internalError", action: "CreateAccessKey", afterAction: true });
    const executed = server.stats.executed.CreateAccessKey;
    const { result, keysCreated } = await createKey();
    expect(result.status).toBe(500);
    expect(errorOf(result).Code).toBe("ServiceFailure");
    expect(keysCreated).toBe(1);
    expect(server.stats.executed.CreateAccessKey).toBe(executed + 1);
  });

  it("reset afterAction creates the key and drops the connection", async () => {
    server.faults.add({ kind: "reset", action: "CreateAccessKey", afterAction: true });
    const executed = server.stats.executed.CreateAccessKey;
    const userName = `user${++userCount}`;
    server.createUser(userName);
    await expect(call(server.url, "CreateAccessKey", { UserName: userName }, { credentials: admin })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(server.listAccessKeys(userName)).toHaveLength(2);
    expect(server.stats.executed.CreateAccessKey).toBe(executed + 1);
  });

  it("delay afterAction runs the action first, then holds the response", async () => {
    server.faults.add({ kind: "delay", ms: 150, action: "CreateAccessKey", afterAction: true });
    const executed = server.stats.executed.CreateAccessKey;
    const pending = createKey();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(server.stats.executed.CreateAccessKey).toBe(executed + 1);
    const { result } = await pending;
    expect(result.status).toBe(200);
  });

  it("malformed afterAction replaces a real answer", async () => {
    server.faults.add({ kind: "malformed", body: "", action: "CreateAccessKey", afterAction: true });
    const { result, keysCreated } = await createKey();
    expect(result.status).toBe(200);
    expect(result.body).toBe("");
    expect(keysCreated).toBe(1);
  });
});

describe("the runs of each call, by its amz-sdk-invocation-id", () => {
  /** One attempt of a CreateAccessKey call: the id is what an SDK sends again with each retry of the call. */
  const attempt = (invocationId: string | undefined, userName: string) =>
    call(server.url, "CreateAccessKey", { UserName: userName }, { credentials: admin, ...(invocationId && { headers: { "amz-sdk-invocation-id": invocationId } }) });

  it("counts every attempt that reaches the action, refused or not, with its request id", async () => {
    const userName = `user${++userCount}`;
    server.createUser(userName);
    server.faults.add({ kind: "internalError", action: "CreateAccessKey", afterAction: true });
    const first = await attempt("call-1", userName); // ran, then the 500: the user's second key exists
    const retry = await attempt("call-1", userName); // ran again, and the action refused: LimitExceeded
    expect([first.status, retry.status]).toEqual([500, 409]);
    expect(server.stats.invocations.get("call-1")).toEqual({ action: "CreateAccessKey", requestIds: [errorOf(first).RequestId, errorOf(retry).RequestId] });
  });

  it("does not count attempts turned away before the action, nor calls without the header", async () => {
    const userName = `user${++userCount}`;
    server.createUser(userName);
    server.faults.add({ kind: "throttling", action: "CreateAccessKey" });
    expect((await attempt("call-2", userName)).status).toBe(400); // throttled
    expect((await attempt("call-2", "not a user name")).status).toBe(400); // ValidationError
    expect(server.stats.invocations.get("call-2")).toBeUndefined();
    const size = server.stats.invocations.size;
    expect((await attempt(undefined, userName)).status).toBe(200);
    expect(server.stats.invocations.size).toBe(size);
  });
});

describe("choosing which requests a fault hits", () => {
  it("only hits its action", async () => {
    server.faults.add({ kind: "throttling", action: "CreateAccessKey" });
    expect((await whoAmI()).status).toBe(200);
    expect((await createKey()).result.status).toBe(400);
  });

  it("fires `times` times, then retires; its handle counts", async () => {
    const handle = server.faults.add({ kind: "throttling", times: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await whoAmI()).status);
    expect(statuses).toEqual([400, 400, 400, 200, 200]);
    expect(handle.fired).toBe(3);
    expect(handle.remaining).toBe(0);
  });

  it("fires forever with times: Infinity until removed or cleared", async () => {
    const handle = server.faults.add({ kind: "unavailable", times: Infinity });
    for (let i = 0; i < 4; i++) expect((await whoAmI()).status).toBe(503);
    handle.remove();
    expect((await whoAmI()).status).toBe(200);
    server.faults.add({ kind: "unavailable", times: Infinity });
    server.faults.clear();
    expect((await whoAmI()).status).toBe(200);
  });

  it("applies the first matching rule only", async () => {
    server.faults.add({ kind: "throttling" });
    server.faults.add({ kind: "unavailable" });
    expect((await whoAmI()).status).toBe(400);
    expect((await whoAmI()).status).toBe(503);
    expect((await whoAmI()).status).toBe(200);
  });

  it("with a rate, fires a repeatable pseudo-random subset for a given seed", async () => {
    const pattern = async (seed: number) => {
      const endpoint = await startLocalEndpoint({ faultSeed: seed });
      try {
        const user = endpoint.createUser("u");
        endpoint.faults.add({ kind: "throttling", rate: 0.5, times: Infinity });
        const statuses: number[] = [];
        for (let i = 0; i < 30; i++) statuses.push((await call(endpoint.url, "GetCallerIdentity", {}, { credentials: user })).status);
        return statuses;
      } finally {
        await endpoint.close();
      }
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    expect(first).toContain(400);
    expect(first).toContain(200);
    expect(await pattern(8)).not.toEqual(first);
  });

  it("never fires with rate 0", async () => {
    server.faults.add({ kind: "throttling", rate: 0, times: Infinity });
    for (let i = 0; i < 5; i++) expect((await whoAmI()).status).toBe(200);
  });

  const invalid: FaultRule[] = [
    { kind: "throttling", times: 0 },
    { kind: "throttling", times: 1.5 },
    { kind: "throttling", rate: 1.5 },
    { kind: "delay", ms: -1 },
    { kind: "malformed", body: "", status: 42 },
  ];
  it.each(invalid)("refuses the rule %o", (rule) => {
    expect(() => server.faults.add(rule)).toThrow(RangeError);
  });
});
