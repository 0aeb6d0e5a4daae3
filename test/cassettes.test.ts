// Cassettes: a key rotation recorded against the embedded endpoint, replayed offline and verified live; replays
// that fail with a readable diff; drift planted on the endpoint and found by verify; lockdown refusing the network.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import { createServer as createHttp2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { HttpRequest } from "@smithy/protocol-http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { sameMembers, sameValues } from "../src/testing/match.js";
import {
  CassetteDriftError,
  CassetteMismatchError,
  FixtureFormatError,
  MASK,
  NetworkRefusedError,
  fixtureModeFromEnvironment,
  loadCassette,
  openCassette,
  parseCassette,
  type Drift,
} from "../src/entries/testing.js";
import { rotate, type Rotation } from "./support/rotation.js";

let dir: string;
let rotationFile: string;
let recorded: Rotation;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "keysmith-cassettes-"));
  rotationFile = join(dir, "rotation.json");
  const server = await startLocalEndpoint();
  const cassette = await openCassette(rotationFile, { mode: "record" });
  try {
    recorded = await rotate(cassette, server);
  } finally {
    await cassette.done();
    await server.close();
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What a promise rejects with (failing the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => expect.unreachable(`resolved with ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

describe("a key rotation recorded against the embedded endpoint", () => {
  it("went create → GetAccessKeyInfo → deactivate → old key refused, and the cassette holds those four exchanges", async () => {
    expect(recorded.account).toBe("123456789012");
    expect(recorded.newKeyId).not.toBe(recorded.oldKeyId);
    expect(recorded.refused).toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });
    const cassette = await loadCassette(rotationFile);
    expect(cassette.values).toEqual({ oldAccessKeyId: recorded.oldKeyId });
    expect(cassette.exchanges.map((exchange) => `${exchange.service} ${exchange.operation} ${exchange.response.status}`)).toEqual([
      "iam CreateAccessKey 200",
      "sts GetAccessKeyInfo 200",
      "iam UpdateAccessKey 200",
      "sts GetAccessKeyInfo 403",
    ]);
    expect(cassette.exchanges[0]!.response.body).toContain(`<SecretAccessKey>&lt;masked&gt;</SecretAccessKey>`);
  });

  it("replays offline, in lockdown, to the same results", async () => {
    const cassette = await openCassette(rotationFile, { mode: "lockdown" });
    const replayed = await rotate(cassette);
    await cassette.done();
    expect({ ...replayed, refused: replayed.refused?.name }).toEqual({ ...recorded, refused: "InvalidClientTokenId" });
  });

  it("is verified live against a fresh embedded endpoint, signed afresh with that endpoint's keys: no drift", async () => {
    const server = await startLocalEndpoint();
    try {
      const cassette = await openCassette(rotationFile, { mode: "verify" });
      const live = await rotate(cassette, server);
      await cassette.done();
      expect(live.oldKeyId).not.toBe(recorded.oldKeyId); // another run, other keys: values are not compared
      expect(server.stats.executed).toMatchObject({ CreateAccessKey: 1, GetAccessKeyInfo: 1, UpdateAccessKey: 1 });
      expect(server.listAccessKeys("alice").map((key) => key.status)).toEqual(["Inactive", "Active"]);
    } finally {
      await server.close();
    }
  });
});

describe("a replay fails with a readable diff, and nothing is sent", () => {
  const replayClients = async () => {
    const cassette = await openCassette(rotationFile, { mode: "replay" });
    const config = { region: "us-east-1", ...cassette.clientConfig() };
    return { cassette, iam: new IAMClient(config), sts: new STSClient(config) };
  };
  const hint = "If the code is meant to do this now, record the cassette again (KEYSMITH_FIXTURES=record) and review the diff.";

  it("when the code sends a member with another value", async () => {
    const { cassette, iam } = await replayClients();
    const error = await rejection(iam.send(new CreateAccessKeyCommand({ UserName: "bob" })));
    expect(error).toBeInstanceOf(CassetteMismatchError);
    expect(error.message).toBe(
      [`request 1 does not match exchange 1 (CreateAccessKey) of ${rotationFile}:`, '  - body pair UserName: expected "alice", actual "bob"', hint].join("\n"),
    );
    expect(error.$metadata?.attempts ?? 1).toBe(1); // a mismatch is not retried
    await cassette.done(); // the mismatch was the failure: not reported again as exchanges left over
  });

  it("when the code leaves a member out", async () => {
    const { cassette, iam } = await replayClients();
    const error = await rejection(iam.send(new CreateAccessKeyCommand({})));
    expect(error.message).toBe(
      [`request 1 does not match exchange 1 (CreateAccessKey) of ${rotationFile}:`, '  - body pair 3: expected UserName="alice", actual missing', hint].join("\n"),
    );
    await cassette.done();
  });

  it("when the code makes one call too many", async () => {
    const cassette = await openCassette(rotationFile, { mode: "replay" });
    await rotate(cassette);
    const sts = new STSClient({ region: "us-east-1", ...cassette.clientConfig() });
    const error = await rejection(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: recorded.newKeyId })));
    expect(error).toBeInstanceOf(CassetteMismatchError);
    expect(error.message).toBe(
      [`request 5 is one more than the 4 exchanges of ${rotationFile}:`, "  - request count: expected 4 requests, actual request 5, Action=GetAccessKeyInfo", hint].join("\n"),
    );
    await cassette.done();
  });

  it("when the code makes one call too few, at done()", async () => {
    const { cassette, iam, sts } = await replayClients();
    await iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: recorded.newKeyId }));
    await iam.send(new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: recorded.oldKeyId, Status: "Inactive" }));
    const error = await rejection(cassette.done());
    expect(error.message).toBe(
      [`the test made 3 of the 4 requests ${rotationFile} recorded:`, "  - request count: expected 4 requests, actual 3 requests; not sent: exchange 4 (GetAccessKeyInfo)", hint].join("\n"),
    );
  });
});

/** A server in front of the embedded endpoint that passes every exchange through, with `plant` applied to response bodies. */
async function plantingProxy(target: LocalEndpoint, plant: (body: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const { hostname, port } = new URL(target.url);
  const server: Server = createServer((incoming, outgoing) => {
    const forwarded = httpRequest({ hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const body = plant(Buffer.concat(chunks).toString("utf8"));
        const { "content-length": _length, ...headers } = answer.headers;
        outgoing.writeHead(answer.statusCode!, { ...headers, "content-length": Buffer.byteLength(body) });
        outgoing.end(body);
      });
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The request is signed for the proxy's host, and forwarded with that Host header: the signature still verifies.
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("verify reports drift planted on the embedded endpoint", () => {
  const plants: Array<{ name: string; plant: (body: string) => string; want: Drift[]; codeFails?: boolean }> = [
    { name: "nothing changed: passes", plant: (body) => body, want: [] },
    {
      name: "a renamed error code",
      plant: (body) => body.replace("<Code>InvalidClientTokenId</Code>", "<Code>UnrecognizedClientException</Code>"),
      want: [{ exchange: 4, operation: "GetAccessKeyInfo", what: "error code", recorded: "InvalidClientTokenId", live: "UnrecognizedClientException" }],
    },
    {
      name: "a new output member",
      plant: (body) => body.replace("<Status>Active</Status>", "<Status>Active</Status><KeyType>long-term</KeyType>"),
      want: [{ exchange: 1, operation: "CreateAccessKey", what: "member CreateAccessKeyResult.AccessKey.KeyType", recorded: "absent", live: "text" }],
    },
    {
      name: "a member gone",
      plant: (body) => body.replace(/<CreateDate>[^<]*<\/CreateDate>/, ""),
      want: [{ exchange: 1, operation: "CreateAccessKey", what: "member CreateAccessKeyResult.AccessKey.CreateDate", recorded: "timestamp", live: "absent" }],
    },
    {
      name: "a member whose type changed (a date in epoch seconds), which the client cannot read either",
      plant: (body) => body.replace(/<CreateDate>([^<]*)<\/CreateDate>/, (_element, iso: string) => `<CreateDate>${Date.parse(iso) / 1000}</CreateDate>`),
      want: [
        { exchange: 1, operation: "CreateAccessKey", what: "type of CreateAccessKeyResult.AccessKey.CreateDate", recorded: "timestamp", live: "number" },
        { exchange: 2, operation: "GetAccessKeyInfo", what: "request count", recorded: "4 requests", live: "1 request" },
      ],
      codeFails: true,
    },
  ];

  it.each(plants)("$name", async ({ plant, want, codeFails }) => {
    const server = await startLocalEndpoint();
    const proxy = await plantingProxy(server, plant);
    try {
      const cassette = await openCassette(rotationFile, { mode: "verify" });
      const outcome = await rotate(cassette, { url: proxy.url, createUser: (name) => server.createUser(name) }).then(
        () => "ok",
        (error: Error) => error.name,
      );
      expect(outcome).toBe(codeFails ? "DeserializationError" : "ok");
      if (want.length === 0) return await cassette.done();
      const error = await rejection(cassette.done());
      expect(error).toBeInstanceOf(CassetteDriftError);
      expect(error.drifts).toEqual(want);
      for (const drift of want) {
        expect(error.message).toContain(`  - exchange ${drift.exchange} (${drift.operation}), ${drift.what}: recorded ${drift.recorded}, live ${drift.live}`);
      }
    } finally {
      await proxy.close();
      await server.close();
    }
  });

  it("reports a request that no longer has the recorded pairs, and a status that changed", async () => {
    const server = await startLocalEndpoint();
    try {
      const cassette = await openCassette(rotationFile, { mode: "verify" });
      const user = server.createUser("alice");
      const iam = new IAMClient({ region: "us-east-1", maxAttempts: 1, ...cassette.clientConfig(() => ({ endpoint: server.url, credentials: user })) });
      const error = await rejection(iam.send(new CreateAccessKeyCommand({ UserName: "nobody" })));
      expect(error.name).toBe("NoSuchEntityException");
      await iam.send(new CreateAccessKeyCommand({}));
      const drift = await rejection(cassette.done());
      expect(drift.drifts).toEqual([
        { exchange: 1, operation: "CreateAccessKey", what: "status", recorded: "200", live: "404" },
        { exchange: 1, operation: "CreateAccessKey", what: "error code", recorded: "none", live: "NoSuchEntity" },
        { exchange: 2, operation: "GetAccessKeyInfo", what: "request body pair Action", recorded: '"GetAccessKeyInfo"', live: '"CreateAccessKey"' },
        { exchange: 2, operation: "GetAccessKeyInfo", what: "request body pair Version", recorded: '"2011-06-15"', live: '"2010-05-08"' },
        { exchange: 2, operation: "GetAccessKeyInfo", what: "request body pair 3", recorded: `AccessKeyId="${recorded.newKeyId}"`, live: "missing" },
        { exchange: 3, operation: "UpdateAccessKey", what: "request count", recorded: "4 requests", live: "2 requests" },
      ]);
    } finally {
      await server.close();
    }
  });
});

describe("lockdown refuses the network", () => {
  let server: LocalEndpoint;
  beforeAll(async () => {
    server = await startLocalEndpoint();
  });
  afterAll(() => server.close());

  it("refuses every connection while its cassette is open — a client that bypasses the cassette, fetch — and done() reports them", async () => {
    const user = server.createUser("lockdown-user");
    const stray = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: user, maxAttempts: 1 });
    const before = server.stats.requests;
    const cassette = await openCassette(rotationFile, { mode: "lockdown" });
    const target = new URL(server.url).host;

    const refused = await rejection(stray.send(new CreateAccessKeyCommand({})));
    expect(refused).toBeInstanceOf(NetworkRefusedError);
    expect(refused.message).toContain(`used one to ${target}`);
    const fetched = await rejection(fetch(server.url));
    expect(fetched.cause ?? fetched).toBeInstanceOf(NetworkRefusedError);
    expect(server.stats.requests).toBe(before);

    await rotate(cassette); // the cassette itself replays
    const reported = await rejection(cassette.done());
    expect(reported).toBeInstanceOf(NetworkRefusedError);
    expect(reported.message).toContain(`used one to ${target}, ${target}`);

    await stray.send(new CreateAccessKeyCommand({})); // closed, the guard is gone
    expect(server.stats.requests).toBe(before + 1);
  });

  // A keep-alive connection opened before the cassette (by an earlier test, say) would carry a request past a guard
  // on connecting alone: lockdown refuses what is written on it too.
  it("refuses a request over a connection opened before it, a client's keep-alive one or fetch's", async () => {
    const user = server.createUser("lockdown-keep-alive");
    const client = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: user, maxAttempts: 1 });
    const activate = () => client.send(new UpdateAccessKeyCommand({ AccessKeyId: user.accessKeyId, Status: "Active" }));
    await activate();
    await (await fetch(server.url)).arrayBuffer();
    const before = server.stats.requests;
    const cassette = await openCassette(rotationFile, { mode: "lockdown" });

    expect(await rejection(activate())).toBeInstanceOf(NetworkRefusedError);
    const fetched = await rejection(fetch(server.url));
    expect(fetched.cause ?? fetched).toBeInstanceOf(NetworkRefusedError);
    expect(server.stats.requests).toBe(before);
    await rotate(cassette);
    const target = new URL(server.url).host;
    expect((await rejection(cassette.done())).message).toContain(`used one to ${target}, ${target}`);

    await activate();
    expect(server.stats.requests).toBe(before + 1);
    client.destroy();
  });

  // An HTTP/2 session writes from native code, past the socket's _write: a request on one opened before is refused
  // where it starts. v3's NodeHttp2Handler keeps its session between calls, as here.
  it("refuses a request over an HTTP/2 session opened before it, v3's NodeHttp2Handler's", async () => {
    const h2 = createHttp2Server((_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => h2.listen(0, "127.0.0.1", resolve));
    const target = `127.0.0.1:${(h2.address() as AddressInfo).port}`;
    let served = 0;
    h2.on("stream", () => served++);
    const handler = new NodeHttp2Handler();
    const get = () => handler.handle(new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port: Number(target.split(":")[1]), method: "GET", path: "/" }));
    try {
      await get();
      const cassette = await openCassette(rotationFile, { mode: "lockdown" });
      let refused: unknown;
      try {
        refused = await rejection(get());
        await rotate(cassette);
      } finally {
        // Closed whatever happened, so that a failure here leaves no lockdown behind for the next test.
        expect((await rejection(cassette.done())).message).toContain(`used one to ${target}`);
      }
      expect(refused).toBeInstanceOf(NetworkRefusedError);
      expect(served).toBe(1);
      await get();
      expect(served).toBe(2);
    } finally {
      handler.destroy();
      await new Promise((resolve) => h2.close(resolve));
    }
  });

  it("replay, the default, sends nothing of its own and leaves other connections alone", async () => {
    const before = server.stats.requests;
    const cassette = await openCassette(rotationFile, { mode: "replay" });
    await rotate(cassette);
    expect(server.stats.requests).toBe(before);
    await fetch(server.url);
    expect(server.stats.requests).toBe(before + 1);
    await cassette.done();
  });
});

describe("modes from the environment", () => {
  const cases: Array<{ value: string | undefined; want: string }> = [
    { value: undefined, want: "replay" },
    { value: "", want: "replay" },
    { value: "record", want: "record" },
    { value: " Verify ", want: "verify" },
    { value: "lockdown", want: "lockdown" },
    { value: "replay", want: "replay" },
  ];
  it.each(cases)("KEYSMITH_FIXTURES=$value is $want", ({ value, want }) => {
    expect(fixtureModeFromEnvironment({ KEYSMITH_FIXTURES: value })).toBe(want);
  });

  it("refuses another value, naming the variable and the values it takes", () => {
    expect(() => fixtureModeFromEnvironment({ KEYSMITH_FIXTURES: "update" })).toThrow(
      'KEYSMITH_FIXTURES must be one of record, replay, verify, lockdown (or unset for replay), got "update"',
    );
  });

  it("is what openCassette uses without a mode", async () => {
    vi.stubEnv("KEYSMITH_FIXTURES", "lockdown");
    try {
      const cassette = await openCassette(rotationFile);
      expect(cassette.mode).toBe("lockdown");
      await rotate(cassette);
      await cassette.done();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("matching rules", () => {
  const token = "5a8f3c2e-9b1d-4e7a-8c6f-0d2b4a6e8f10";
  const cases: Array<{ name: string; pair: string; recorded: string; actual: string; replay: boolean; verify: boolean }> = [
    { name: "the same value", pair: "UserName", recorded: "alice", actual: "alice", replay: true, verify: true },
    { name: "another value", pair: "UserName", recorded: "alice", actual: "bob", replay: false, verify: true },
    { name: "a masked value and any value", pair: "SecretAccessKey", recorded: MASK, actual: "s3cr3t", replay: true, verify: true },
    { name: "two generated idempotency tokens", pair: "ClientToken", recorded: token, actual: "0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b", replay: true, verify: true },
    { name: "a token and a value that is none", pair: "ClientToken", recorded: token, actual: "alice", replay: false, verify: true },
    { name: "another operation", pair: "Action", recorded: "CreateAccessKey", actual: "UpdateAccessKey", replay: false, verify: false },
    { name: "another API version", pair: "Version", recorded: "2010-05-08", actual: "2011-06-15", replay: false, verify: false },
  ];
  it.each(cases)("$name: replay $replay, verify $verify", ({ pair, recorded, actual, replay, verify }) => {
    expect(sameValues(pair, recorded, actual)).toBe(replay);
    expect(sameMembers(pair, recorded, actual)).toBe(verify);
  });
});

describe("the cassette format", () => {
  const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url));

  it("reads a single fixture as a cassette of one exchange, which replays", async () => {
    const cassette = await openCassette(fixturePath("iam-CreateAccessKey-ok"), { mode: "lockdown" });
    const iam = new IAMClient({ region: "us-east-1", ...cassette.clientConfig() });
    expect((await iam.send(new CreateAccessKeyCommand({ UserName: "Bob" }))).AccessKey?.AccessKeyId).toBe("AKIAIOSFODNN7EXAMPLE");
    await cassette.done();
  });

  it("lists every problem of a malformed cassette with its path", () => {
    const broken = { values: { id: 7 }, exchanges: [{ source: "s", service: "iam", operation: "Op", request: {}, response: { status: 200, headers: {}, body: "" } }] };
    expect(() => parseCassette(broken, "broken.json")).toThrow(FixtureFormatError);
    expect(() => parseCassette(broken, "broken.json")).toThrow(
      [
        "broken.json is not a valid fixture:",
        "  - values must be an object of strings",
        "  - exchanges[0].request.method must be a non-empty string",
        "  - exchanges[0].request.path must be a non-empty string",
        "  - exchanges[0].request.contentType must be a non-empty string",
        "  - exchanges[0].request.body must be a list of [name, value] string pairs",
      ].join("\n"),
    );
  });

  it("is required by replay, lockdown and verify, with the way to make it", async () => {
    const missing = join(dir, "missing.json");
    for (const mode of ["replay", "lockdown", "verify"] as const) {
      await expect(openCassette(missing, { mode })).rejects.toThrow(
        `KEYSMITH_FIXTURES=${mode} needs the cassette ${missing}, and there is none: record it once with KEYSMITH_FIXTURES=record`,
      );
    }
  });

  it("gives a replay back the values recorded, and fails clearly for one it lacks", async () => {
    await writeFile(join(dir, "values.json"), JSON.stringify({ values: { user: "alice" }, exchanges: [] }));
    const cassette = await openCassette(join(dir, "values.json"), { mode: "replay" });
    expect(await cassette.value("user", () => expect.unreachable("live() is not called offline"))).toBe("alice");
    await expect(cassette.value("key", () => "x")).rejects.toThrow(`${join(dir, "values.json")} holds no value key: record the cassette again`);
    await cassette.done();
    expect(await readFile(join(dir, "values.json"), "utf8")).toContain('"alice"'); // replay writes nothing
  });
});
