// Retries that must not happen, and retries that must end: counted on the embedded endpoint, which executes actions.
import { createServer } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { startLocalEndpoint, type FaultRule, type LocalEndpoint } from "../src/entries/local.js";

let server: LocalEndpoint;
beforeAll(async () => {
  server = await startLocalEndpoint();
});
afterAll(() => server.close());
afterEach(() => {
  server.faults.clear();
  vi.restoreAllMocks();
});

let users = 0;
function freshUser() {
  const name = `hardening-user-${++users}`;
  return { name, credentials: server.createUser(name) };
}
const iamFor = (credentials: object, extra: object = {}) => new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: credentials as any, ...extra });

/** How many times the endpoint executed `action` while `run` ran. */
async function executions(action: string, run: () => Promise<unknown>): Promise<number> {
  const before = server.stats.executed[action]!;
  await run();
  return server.stats.executed[action]! - before;
}

const settle = (promise: Promise<any>) =>
  promise.then(
    (output) => ({ name: "ok", attempts: output.$metadata.attempts }),
    (error) => ({ name: error.name as string, attempts: error.$metadata?.attempts }),
  );

describe("a 503 or 429 that is not an AWS error document may come after the action ran", () => {
  const proxyPages: Array<{ name: string; fault: Omit<Extract<FaultRule, { kind: "malformed" }>, "action">; error: string }> = [
    { name: "a proxy's HTML 503", fault: { kind: "malformed", status: 503, body: "<html>503</html>", headers: { "content-type": "text/html" }, afterAction: true }, error: "ServiceUnavailable" },
    { name: "an empty 503", fault: { kind: "malformed", status: 503, body: "", afterAction: true }, error: "ServiceUnavailable" },
    { name: "a proxy's HTML 429", fault: { kind: "malformed", status: 429, body: "<html>Too Many Requests</html>", headers: { "content-type": "text/html" }, afterAction: true }, error: "TooManyRequestsException" },
  ];

  it.each(proxyPages)("CreateAccessKey after $name is executed once, not retried", async ({ fault, error }) => {
    const user = freshUser();
    server.faults.add({ ...fault, action: "CreateAccessKey", times: Infinity });
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (line: string) => warnings.push(line), error() {} };
    let result: { name: string; attempts?: number } | undefined;
    const executed = await executions("CreateAccessKey", async () => (result = await settle(iamFor(user.credentials, { logger }).send(new CreateAccessKeyCommand({})))));
    expect(executed).toBe(1);
    expect(result).toEqual({ name: error, attempts: 1 });
    expect(server.listAccessKeys(user.name)).toHaveLength(2);
    expect(warnings).toEqual([expect.stringMatching(/^CreateAccessKey not retried: HTTP \d+ without an AWS error document may come after the request was processed/)]);
  });

  it.each(proxyPages)("UpdateAccessKey (idempotent) after $name is retried", async ({ fault }) => {
    const user = freshUser();
    server.faults.add({ ...fault, action: "UpdateAccessKey" });
    const result = await settle(iamFor(user.credentials).send(new UpdateAccessKeyCommand({ AccessKeyId: user.credentials.accessKeyId, Status: "Active" })));
    expect(result).toEqual({ name: "ok", attempts: 2 });
  });

  it("CreateAccessKey after an AWS ServiceUnavailable document, sent before the action ran, is still retried", async () => {
    const user = freshUser();
    server.faults.add({ kind: "unavailable", action: "CreateAccessKey" });
    const executed = await executions("CreateAccessKey", () => iamFor(user.credentials).send(new CreateAccessKeyCommand({})));
    expect(executed).toBe(1);
  });
});

describe("retryMode", () => {
  it.each([
    { retryMode: "standard", waits: false },
    { retryMode: "legacy", waits: false },
    { retryMode: "adaptive", waits: true },
  ] as const)("$retryMode: after a throttle the retry waits for a client-side rate limiter: $waits", async ({ retryMode, waits }) => {
    const user = freshUser();
    vi.spyOn(Math, "random").mockReturnValue(0); // no backoff: what is left is the rate limiter's wait
    server.faults.add({ kind: "throttling", action: "GetAccessKeyInfo" });
    const sts = new STSClient({ region: "us-east-1", endpoint: server.url, credentials: user.credentials, retryMode });
    const started = performance.now();
    const output = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId }));
    expect(output.$metadata).toMatchObject({ attempts: 2, totalRetryDelay: 0 });
    // With no sending rate measured yet, the bucket opens at 0.5 to 1.1 tokens a second: the retry waits 0.9 to 2 s.
    if (waits) expect(performance.now() - started).toBeGreaterThan(700);
    else expect(performance.now() - started).toBeLessThan(400);
  });
});

describe("clock-skew correction trusts only a Date that agrees with the error", () => {
  /** A server that rejects every request with this error document and Date, counting them. */
  async function rejecting(code: string, message: string, date: string) {
    let requests = 0;
    const raw = createServer((request, response) => {
      requests++;
      request.resume();
      response.sendDate = false;
      response.writeHead(403, { "content-type": "text/xml", date });
      response.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`);
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const { port } = raw.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => new Promise((resolve) => raw.close(resolve)) };
  }

  it.each([
    { name: "SignatureDoesNotMatch for a wrong key with Date 2100", code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided.", warning: undefined },
    { name: "RequestTimeTooSkewed with Date 2100, beyond a day", code: "RequestTimeTooSkewed", message: "The difference between the request time and the current time is too large.", warning: /more than a day from the local clock: not corrected/ },
  ])("$name leaves systemClockOffset alone and is not retried", async ({ code, message, warning }) => {
    const raw = await rejecting(code, message, "Fri, 01 Jan 2100 00:00:00 GMT");
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (line: string) => warnings.push(line), error() {} };
    const sts = new STSClient({ region: "us-east-1", endpoint: raw.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, logger });
    const error = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch((e) => e);
    sts.destroy();
    await raw.close();
    expect(error).toMatchObject({ name: code, $metadata: { attempts: 1 } });
    expect(raw.requests()).toBe(1);
    expect(sts.config.systemClockOffset).toBe(0);
    if (warning) expect(warnings).toEqual([expect.stringMatching(warning)]);
    else expect(warnings).toEqual([]);
  });
});
