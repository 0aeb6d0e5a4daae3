// No secret in a cassette: every operation and error path recorded against the embedded endpoint, with long-term
// and session credentials, then the file searched for every secret, token and signature that went over the wire.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { loadCassette, openCassette } from "../src/entries/testing.js";

let server: LocalEndpoint;
let dir: string;
beforeAll(async () => {
  server = await startLocalEndpoint();
  dir = await mkdtemp(join(tmpdir(), "keysmith-cassette-secrets-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const HOURS = 60 * 60 * 1000;

describe("a cassette of every operation and error path", () => {
  it("holds none of the secrets, session tokens and signatures used", async () => {
    const file = join(dir, "every-path.json");
    const http = new NodeHttpHandler();
    const sent: HttpRequest[] = [];
    const live = {
      handle: (request: HttpRequest, options?: HttpHandlerOptions) => (sent.push(request), http.handle(request, options)),
      destroy: () => http.destroy(),
    };
    const cassette = await openCassette(file, { mode: "record", live });
    const user = server.createUser("secrets-user");
    const session = server.createSessionCredentials("secrets-user");
    const expiring = server.createSessionCredentials("secrets-user", { durationSeconds: 3600 });
    const config = (credentials: object, more: object = {}) => ({ region: "us-east-1", maxAttempts: 1, ...cassette.clientConfig(() => ({ endpoint: server.url, credentials })), ...more });
    const iam = new IAMClient(config(session));
    const sts = new STSClient(config(session));
    const failure = (promise: Promise<unknown>) => promise.then(() => "ok", (error: Error) => error.name);

    const created = await iam.send(new CreateAccessKeyCommand({ UserName: "secrets-user" }));
    const key = { accessKeyId: created.AccessKey!.AccessKeyId!, secretAccessKey: created.AccessKey!.SecretAccessKey! };
    const outcomes = [
      "ok",
      await failure(new STSClient(config(key)).send(new GetAccessKeyInfoCommand({ AccessKeyId: key.accessKeyId }))),
      await failure(iam.send(new UpdateAccessKeyCommand({ UserName: "secrets-user", AccessKeyId: key.accessKeyId, Status: "Inactive" }))),
      await failure(iam.send(new CreateAccessKeyCommand({ UserName: "secrets-user" }))), // a third key
      await failure(iam.send(new UpdateAccessKeyCommand({ UserName: "secrets-user", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" }))),
      await failure(new IAMClient(config(session, { validateInput: false })).send(new UpdateAccessKeyCommand({ AccessKeyId: key.accessKeyId, Status: "On" as "Active" }))),
      await failure(new STSClient(config({ ...session, secretAccessKey: key.secretAccessKey })).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId }))),
      await failure(new STSClient(config({ accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: user.secretAccessKey })).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId }))),
    ];
    for (const kind of ["throttling", "unavailable", "internalError"] as const) {
      server.faults.add({ kind, action: "GetAccessKeyInfo" });
      outcomes.push(await failure(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId }))));
    }
    // Two hours on, the one-hour session has expired; the client's clock moves with the server's, so it is not skew.
    server.clockOffsetMs = 2 * HOURS;
    outcomes.push(await failure(new STSClient(config(expiring, { systemClockOffset: 2 * HOURS })).send(new GetAccessKeyInfoCommand({ AccessKeyId: user.accessKeyId }))));
    server.clockOffsetMs = 0;
    await cassette.done();

    expect(outcomes).toEqual([
      "ok",
      "ok",
      "ok",
      "LimitExceededException",
      "NoSuchEntityException",
      "ValidationError",
      "SignatureDoesNotMatch",
      "InvalidClientTokenId",
      "Throttling",
      "ServiceUnavailable",
      "InternalFailure",
      "ExpiredToken",
    ]);
    const recorded = await loadCassette(file);
    expect(recorded.exchanges).toHaveLength(outcomes.length);
    expect(recorded.exchanges.map((exchange) => exchange.operation)).toEqual([
      "CreateAccessKey",
      "GetAccessKeyInfo",
      "UpdateAccessKey",
      "CreateAccessKey",
      "UpdateAccessKey",
      "UpdateAccessKey",
      ...Array<string>(6).fill("GetAccessKeyInfo"),
    ]);

    const text = await readFile(file, "utf8");
    const authorizations = sent.map((request) => request.headers.authorization!);
    const secrets: Record<string, string> = {
      "the user's secret": user.secretAccessKey,
      "the session's secret": session.secretAccessKey,
      "the session token": session.sessionToken,
      "the expired session's secret": expiring.secretAccessKey,
      "the expired session token": expiring.sessionToken,
      "the created key's secret": key.secretAccessKey,
      ...Object.fromEntries(authorizations.map((header, index) => [`request ${index + 1}'s Authorization`, header])),
      ...Object.fromEntries(authorizations.map((header, index) => [`request ${index + 1}'s signature`, /Signature=(\w+)/.exec(header)![1]!])),
    };
    expect(Object.keys(secrets)).toHaveLength(6 + 2 * outcomes.length);
    const found = Object.entries(secrets).filter(([, secret]) => text.includes(secret)).map(([name]) => name);
    console.log(`cassette secrets: ${found.length} of ${Object.keys(secrets).length} secrets found in ${recorded.exchanges.length} recorded exchanges`);
    expect(found).toEqual([]);
    expect(text).not.toMatch(/AWS4-HMAC-SHA256|Signature=|X-Amz-Security-Token/i);
    expect(sent.some((request) => request.headers["x-amz-security-token"] === session.sessionToken)).toBe(true); // the token did go over the wire
  });
});
