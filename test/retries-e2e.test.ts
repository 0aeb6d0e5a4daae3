// Retries, non-idempotent safety, clock skew, timeouts and cancellation, against the embedded endpoint's faults.
import {
  AssumeRoleWithWebIdentityCommand as V3AssumeRoleWithWebIdentityCommand,
  GetAccessKeyInfoCommand as V3GetAccessKeyInfoCommand,
  STSClient as V3STSClient,
} from "@aws-sdk/client-sts";
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, LimitExceededException, ServiceFailureException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { AssumeRoleWithWebIdentityCommand, GetAccessKeyInfoCommand, IDPCommunicationErrorException, STSClient } from "../generated/sts/index.js";
import { startLocalEndpoint, type FaultRule, type LocalEndpoint } from "../src/entries/local.js";

let server: LocalEndpoint;
beforeAll(async () => {
  server = await startLocalEndpoint();
});
afterAll(() => server.close());
afterEach(() => {
  server.faults.clear();
  server.clockOffsetMs = 0;
});

let users = 0;
function freshUser() {
  const name = `retry-user-${++users}`;
  return { name, credentials: server.createUser(name) };
}
const iamFor = (credentials: object, extra: object = {}) => new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: credentials as any, ...extra });
const stsFor = (credentials: object, extra: object = {}) => new STSClient({ region: "us-east-1", endpoint: server.url, credentials: credentials as any, ...extra });

async function outcome(promise: Promise<any>) {
  return promise.then(
    (output) => ({ ok: true as const, name: "ok", attempts: output.$metadata.attempts, totalRetryDelay: output.$metadata.totalRetryDelay }),
    (error) => ({ ok: false as const, name: error.name as string, code: error.code as string | undefined, attempts: error.$metadata?.attempts, totalRetryDelay: error.$metadata?.totalRetryDelay }),
  );
}

describe("CreateAccessKey (not idempotent) is retried only when the error proves nothing happened", () => {
  const cases: Array<{ name: string; fault: FaultRule; want: { ok: boolean; name: string; code?: string; attempts?: number }; keysCreated: number }> = [
    { name: "throttled twice, then created", fault: { kind: "throttling", action: "CreateAccessKey", times: 2 }, want: { ok: true, name: "ok", attempts: 3 }, keysCreated: 1 },
    { name: "503 before processing, then created", fault: { kind: "unavailable", action: "CreateAccessKey", times: 1 }, want: { ok: true, name: "ok", attempts: 2 }, keysCreated: 1 },
    { name: "500 after the key was made: not retried", fault: { kind: "internalError", action: "CreateAccessKey", afterAction: true }, want: { ok: false, name: "ServiceFailureException", attempts: 1 }, keysCreated: 1 },
    { name: "500 before anything happened looks the same: not retried", fault: { kind: "internalError", action: "CreateAccessKey" }, want: { ok: false, name: "ServiceFailureException", attempts: 1 }, keysCreated: 0 },
    // v3's name for a reset connection; the request was sent whole, so the reset proves nothing about the key.
    {
      name: "connection reset after the key was made: not retried",
      fault: { kind: "reset", action: "CreateAccessKey", afterAction: true },
      want: { ok: false, name: "TimeoutError", code: "ECONNRESET", attempts: 1 },
      keysCreated: 1,
    },
    {
      name: "connection reset before anything happened looks the same: not retried",
      fault: { kind: "reset", action: "CreateAccessKey" },
      want: { ok: false, name: "TimeoutError", code: "ECONNRESET", attempts: 1 },
      keysCreated: 0,
    },
  ];
  it.each(cases)("$name", async ({ fault, want, keysCreated }) => {
    const user = freshUser();
    server.faults.add(fault);
    const result = await outcome(iamFor(user.credentials).send(new CreateAccessKeyCommand({})));
    expect(result).toMatchObject(want);
    expect(server.listAccessKeys(user.name)).toHaveLength(1 + keysCreated);
  });

  it("LimitExceeded is not retried", async () => {
    const user = freshUser();
    const iam = iamFor(user.credentials);
    await iam.send(new CreateAccessKeyCommand({}));
    const error = await iam.send(new CreateAccessKeyCommand({})).catch((e) => e);
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.$metadata.attempts).toBe(1);
  });

  it("connection refused is retried: the request never left", async () => {
    const port = await closedPort();
    const iam = new IAMClient({ region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: "AKID", secretAccessKey: "s" }, maxAttempts: 3 });
    const error = await iam.send(new CreateAccessKeyCommand({})).catch((e) => e);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.$metadata).toMatchObject({ attempts: 3 });
  });
});

describe("idempotent and read-only operations are retried on transient failures", () => {
  it.each<{ name: string; fault: FaultRule }>([
    { name: "500 after UpdateAccessKey ran", fault: { kind: "internalError", action: "UpdateAccessKey", afterAction: true } },
    { name: "reset after UpdateAccessKey ran", fault: { kind: "reset", action: "UpdateAccessKey", afterAction: true } },
  ])("$name", async ({ fault }) => {
    const user = freshUser();
    server.faults.add(fault);
    const result = await outcome(iamFor(user.credentials).send(new UpdateAccessKeyCommand({ AccessKeyId: user.credentials.accessKeyId, Status: "Active" })));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(result.totalRetryDelay).toBeGreaterThanOrEqual(0);
  });

  it("GetAccessKeyInfo gives up after maxAttempts, reporting them", async () => {
    const user = freshUser();
    server.faults.add({ kind: "internalError", action: "GetAccessKeyInfo", times: Infinity });
    const result = await outcome(stsFor(user.credentials, { maxAttempts: 2 }).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId })));
    expect(result).toMatchObject({ ok: false, name: "InternalFailure", attempts: 2 });
  });
});

describe("AssumeRoleWithWebIdentity (not idempotent) is retried after an error the model marks @retryable", () => {
  const ISSUER = "https://oidc.retries.test/id/1";
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const token = () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${part({ alg: "ES256" })}.${part({ iss: ISSUER, sub: "pod", aud: "sts.amazonaws.com", exp: Math.floor(Date.now() / 1000) + 600 })}`;
    return `${unsigned}.${sign("sha256", Buffer.from(unsigned), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
  };
  /** An STS error document, sent before the action runs. */
  const stsError = (code: string, status: number): FaultRule => ({
    kind: "malformed",
    action: "AssumeRoleWithWebIdentity",
    status,
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>r-${code}</RequestId></ErrorResponse>`,
  });
  let roleArn: string;
  beforeAll(() => {
    const provider = server.roles.addOpenIdProvider({ issuer: ISSUER, audiences: ["sts.amazonaws.com"], publicKey });
    roleArn = server.roles.create({ roleName: "RetriedPod", trustedPrincipals: [provider.arn] }).arn;
  });

  it.each([
    { name: "IDPCommunicationError (the IdP was out of reach, nothing issued): retried, as v3 retries it", fault: stsError("IDPCommunicationError", 400), want: { ok: true, name: "ok", attempts: 2 } },
    { name: "IDPRejectedClaim, not @retryable: not retried", fault: stsError("IDPRejectedClaim", 403), want: { ok: false, name: "IDPRejectedClaimException", attempts: 1 } },
  ])("$name", async ({ fault, want }) => {
    const user = freshUser();
    const input = { RoleArn: roleArn, RoleSessionName: "retried", WebIdentityToken: token() };
    server.faults.add(fault);
    const ours = await outcome(stsFor(user.credentials).send(new AssumeRoleWithWebIdentityCommand(input)));
    expect(ours).toMatchObject(want);
    server.faults.add(fault);
    const v3 = new V3STSClient({ region: "us-east-1", endpoint: server.url, credentials: user.credentials });
    const theirs = await outcome(v3.send(new V3AssumeRoleWithWebIdentityCommand(input)));
    v3.destroy();
    expect(theirs).toMatchObject(want);
  });

  it("the exception that reaches the caller when the IdP stays out of reach is the modeled one, after maxAttempts", async () => {
    const user = freshUser();
    server.faults.add({ ...stsError("IDPCommunicationError", 400), times: Infinity });
    const error = await stsFor(user.credentials, { maxAttempts: 2 })
      .send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: "retried", WebIdentityToken: token() }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(IDPCommunicationErrorException);
    expect(error.$retryable).toEqual({});
    expect(error.$metadata.attempts).toBe(2);
  });
});

describe("clock skew", () => {
  it("a server 30 minutes ahead: the client corrects its clock and retries once", async () => {
    const user = freshUser();
    server.clockOffsetMs = 30 * 60_000;
    const sts = stsFor(user.credentials);
    const result = await outcome(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId })));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(Math.abs(sts.config.systemClockOffset - 30 * 60_000)).toBeLessThan(5_000);
    const again = await outcome(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId })));
    expect(again).toMatchObject({ ok: true, attempts: 1 });
  });

  it("also for CreateAccessKey: a rejected signature proves nothing happened", async () => {
    const user = freshUser();
    server.clockOffsetMs = -40 * 60_000;
    const result = await outcome(iamFor(user.credentials).send(new CreateAccessKeyCommand({})));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(server.listAccessKeys(user.name)).toHaveLength(2);
  });

  it("systemClockOffset set up front: the first attempt is accepted", async () => {
    const user = freshUser();
    server.clockOffsetMs = 30 * 60_000;
    const result = await outcome(stsFor(user.credentials, { systemClockOffset: 30 * 60_000 }).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId })));
    expect(result).toMatchObject({ ok: true, attempts: 1 });
  });

  // v3's disableClockSkewCorrection: the local clock as it is, the offset given or learnt ignored, the error standing.
  const configFolder = mkdtempSync(join(tmpdir(), "keysmith-skew-"));
  afterAll(() => rmSync(configFolder, { recursive: true, force: true }));
  function sharedConfig(text: string): string {
    const path = join(configFolder, "config");
    writeFileSync(path, text);
    return path;
  }
  const v3StsFor = (credentials: object, extra: object = {}) => new V3STSClient({ region: "us-east-1", endpoint: server.url, credentials: credentials as any, ...extra });
  it.each([
    { setting: "the option", options: { disableClockSkewCorrection: true }, environment: {} },
    { setting: "AWS_DISABLE_CLOCK_SKEW_CORRECTION", options: {}, environment: { AWS_DISABLE_CLOCK_SKEW_CORRECTION: "true" } },
    { setting: "the profile's disable_clock_skew_correction", options: {}, environment: { AWS_CONFIG_FILE: sharedConfig("[default]\ndisable_clock_skew_correction = true\n") } },
    { setting: "the option, over a systemClockOffset given", options: { disableClockSkewCorrection: true, systemClockOffset: 30 * 60_000 }, environment: {} },
  ])("disableClockSkewCorrection by $setting: a server 30 minutes ahead turns the call away, once, as v3's", async ({ options, environment }) => {
    const user = freshUser();
    server.clockOffsetMs = 30 * 60_000;
    const input = { AccessKeyId: user.credentials.accessKeyId };
    const saved = { ...process.env };
    Object.assign(process.env, environment);
    try {
      const ours = stsFor(user.credentials, options);
      const theirs = v3StsFor(user.credentials, options);
      const [mine, v3] = [await outcome(ours.send(new GetAccessKeyInfoCommand(input))), await outcome(theirs.send(new V3GetAccessKeyInfoCommand(input)))];
      expect(mine).toMatchObject({ ok: false, name: "SignatureDoesNotMatch", attempts: 1 });
      expect(v3).toMatchObject({ ok: false, name: mine.name, attempts: 1 });
      expect(ours.config.systemClockOffset).toBe(theirs.config.systemClockOffset);
    } finally {
      process.env = saved;
    }
  });
});

describe("timeouts and cancellation", () => {
  it("a slow response past requestTimeout: GetAccessKeyInfo times out, then succeeds on retry", async () => {
    const user = freshUser();
    server.faults.add({ kind: "delay", ms: 2_000, action: "GetAccessKeyInfo" });
    const started = Date.now();
    const result = await outcome(stsFor(user.credentials, { requestHandler: { requestTimeout: 200 } }).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId })));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("CreateAccessKey that times out after the key was made is not retried", async () => {
    const user = freshUser();
    server.faults.add({ kind: "delay", ms: 2_000, action: "CreateAccessKey", afterAction: true });
    const result = await outcome(iamFor(user.credentials, { requestHandler: { requestTimeout: 200 } }).send(new CreateAccessKeyCommand({})));
    expect(result).toMatchObject({ ok: false, name: "TimeoutError" });
    expect(server.listAccessKeys(user.name)).toHaveLength(2);
  });

  it("abortSignal stops a call promptly", async () => {
    const user = freshUser();
    server.faults.add({ kind: "delay", ms: 5_000, action: "GetAccessKeyInfo" });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await stsFor(user.credentials)
      .send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId }), { abortSignal: controller.signal })
      .catch((e) => e);
    expect(error.name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("destroy() leaves no open sockets", async () => {
    const user = freshUser();
    const baseline = openSockets();
    const sts = stsFor(user.credentials);
    await Promise.all(Array.from({ length: 8 }, () => sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.credentials.accessKeyId }))));
    expect(openSockets()).toBeGreaterThan(baseline);
    sts.destroy();
    await waitFor(() => openSockets() <= baseline);
    expect(openSockets()).toBeLessThanOrEqual(baseline);
  });
});

describe("ServiceFailure is still a typed error after retries are exhausted", () => {
  it("UpdateAccessKey with 500s on every attempt", async () => {
    const user = freshUser();
    server.faults.add({ kind: "internalError", action: "UpdateAccessKey", times: Infinity });
    const error = await iamFor(user.credentials).send(new UpdateAccessKeyCommand({ AccessKeyId: user.credentials.accessKeyId, Status: "Active" })).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceFailureException);
    expect(error.$metadata.attempts).toBe(3);
  });
});

function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "TCPSocketWrap").length;
}

async function waitFor(condition: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
