// keysmith/testing: the replay handler fails loudly on any request that differs from the recording, and the
// recording handler writes fixtures that replay green and hold no secret.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import {
  FixtureFormatError,
  FixtureMismatchError,
  MASK,
  loadFixture,
  loadFixtures,
  maskFixture,
  parseFixture,
  recordingHandler,
  replayHandler,
  type Fixture,
  type FixtureDifference,
} from "../src/entries/testing.js";
import type { StructureSchema } from "../src/contract.js";
import { maskFixture as maskFixtureBy, type OperationSchemas } from "../src/testing/masking.js";
import { authorizationParts, sessionCredentials, testCredentials } from "./support/capture.js";

const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url));
const updateOk = await loadFixture(fixturePath("iam-UpdateAccessKey-ok"));
const createOk = await loadFixture(fixturePath("iam-CreateAccessKey-ok"));

/** The request the fixture recorded, as an HttpRequest, with changes. */
function requestLike(fixture: Fixture, change: { method?: string; path?: string; contentType?: string; body?: Array<[string, string]> } = {}) {
  const pairs = change.body ?? fixture.request.body;
  return new HttpRequest({
    method: change.method ?? fixture.request.method,
    protocol: "https:",
    hostname: "iam.amazonaws.com",
    path: change.path ?? fixture.request.path,
    headers: { "content-type": change.contentType ?? fixture.request.contentType },
    body: pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&"),
  });
}

async function mismatchOf(promise: Promise<unknown>): Promise<FixtureMismatchError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(FixtureMismatchError);
  return error as FixtureMismatchError;
}

const client = (requestHandler: unknown, endpoint?: string) =>
  new IAMClient({ region: "us-east-1", credentials: testCredentials, maxAttempts: 1, requestHandler: requestHandler as any, endpoint });

describe("replayHandler lists every difference and returns no response", () => {
  const pairs = updateOk.request.body; // Action, Version, AccessKeyId, Status, UserName
  const cases: Array<{ name: string; change: Parameters<typeof requestLike>[1]; want: FixtureDifference[] }> = [
    {
      name: "a changed value",
      change: { body: pairs.map(([name, value]) => [name, name === "Status" ? "Active" : value]) },
      want: [{ what: "body pair Status", expected: '"Inactive"', actual: '"Active"' }],
    },
    {
      name: "an extra pair",
      change: { body: [...pairs, ["Marker", "x"]] },
      want: [{ what: "body pair 6", expected: "none", actual: 'Marker="x"' }],
    },
    {
      name: "a missing pair in the middle",
      change: { body: pairs.filter(([name]) => name !== "AccessKeyId") },
      want: [{ what: "body pair 3", expected: 'AccessKeyId="AKIAIOSFODNN7EXAMPLE"', actual: "missing" }],
    },
    {
      name: "pairs out of order",
      change: { body: [pairs[0]!, pairs[1]!, pairs[4]!, pairs[2]!, pairs[3]!] },
      want: [
        { what: "body pair 3", expected: "none", actual: 'UserName="Bob"' },
        { what: "body pair 5", expected: 'UserName="Bob"', actual: "missing" },
      ],
    },
    { name: "the wrong method", change: { method: "GET" }, want: [{ what: "method", expected: "POST", actual: "GET" }] },
    { name: "the wrong path", change: { path: "/iam/" }, want: [{ what: "path", expected: "/", actual: "/iam/" }] },
    {
      name: "the wrong content type",
      change: { contentType: "application/json" },
      want: [{ what: "content type", expected: "application/x-www-form-urlencoded", actual: "application/json" }],
    },
    {
      name: "several differences at once",
      change: { method: "PUT", path: "/x", body: [...pairs.slice(0, 3), ["Status", "Active"], pairs[4]!, ["Extra", "1"]] },
      want: [
        { what: "method", expected: "POST", actual: "PUT" },
        { what: "path", expected: "/", actual: "/x" },
        { what: "body pair Status", expected: '"Inactive"', actual: '"Active"' },
        { what: "body pair 6", expected: "none", actual: 'Extra="1"' },
      ],
    },
  ];

  it.each(cases)("$name", async ({ change, want }) => {
    const handler = replayHandler(updateOk);
    const error = await mismatchOf(handler.handle(requestLike(updateOk, change)));
    expect(error.differences).toEqual(want);
    for (const difference of want) expect(error.message).toContain(`${difference.what}: expected ${difference.expected}, actual ${difference.actual}`);
    expect(error.fixture).toBe(updateOk.source);
    expect(handler.served).toBe(0);
  });

  it("accepts the content type with a charset parameter and in another case", async () => {
    const handler = replayHandler(updateOk);
    const { response } = await handler.handle(requestLike(updateOk, { contentType: "Application/X-WWW-Form-Urlencoded; charset=utf-8" }));
    expect(response.statusCode).toBe(200);
  });

  it("fails a request beyond the recorded ones", async () => {
    const handler = replayHandler([updateOk]);
    await handler.handle(requestLike(updateOk));
    const error = await mismatchOf(handler.handle(requestLike(updateOk)));
    expect(error.differences).toEqual([{ what: "request count", expected: "1 request", actual: "request 2, Action=UpdateAccessKey" }]);
    expect(error.fixture).toBeUndefined();
  });

  it("fails a client call loudly: the call rejects with the mismatch, not with a service error", async () => {
    const error = await mismatchOf(client(replayHandler(updateOk)).send(new UpdateAccessKeyCommand({ ...(updateOk.input as any), UserName: "Alice" })));
    expect(error.differences).toEqual([{ what: "body pair UserName", expected: '"Bob"', actual: '"Alice"' }]);
  });

  it("replays several fixtures in order, and refuses them out of order", async () => {
    const inOrder = replayHandler([createOk, updateOk]);
    const iam = client(inOrder);
    expect((await iam.send(new CreateAccessKeyCommand(createOk.input as any))).AccessKey?.AccessKeyId).toBe("AKIAIOSFODNN7EXAMPLE");
    expect((await iam.send(new UpdateAccessKeyCommand(updateOk.input as any))).$metadata.httpStatusCode).toBe(200);
    expect(inOrder.served).toBe(2);
    await mismatchOf(iam.send(new UpdateAccessKeyCommand(updateOk.input as any)));

    const error = await mismatchOf(client(replayHandler([createOk, updateOk])).send(new UpdateAccessKeyCommand(updateOk.input as any)));
    expect(error.differences[0]).toEqual({ what: "body pair Action", expected: '"CreateAccessKey"', actual: '"UpdateAccessKey"' });
  });

  it("lets a masked pair match any value", async () => {
    const masked: Fixture = { ...updateOk, request: { ...updateOk.request, body: updateOk.request.body.map(([name, value]) => [name, name === "UserName" ? MASK : value]) } };
    const { response } = await replayHandler(masked).handle(requestLike(updateOk));
    expect(response.statusCode).toBe(200);
  });
});

describe("parseFixture", () => {
  it("accepts every committed fixture's shape and refuses a malformed one, listing every problem", () => {
    expect(parseFixture(JSON.parse(JSON.stringify(updateOk)), "ok.json")).toEqual(updateOk);
    const broken = { ...updateOk, source: "", request: { ...updateOk.request, body: [["Action"]] }, expect: { output: {}, error: {} } };
    expect(() => parseFixture(broken, "broken.json")).toThrow(FixtureFormatError);
    expect(() => parseFixture(broken, "broken.json")).toThrow(
      ["broken.json is not a valid fixture:", "  - source must be a non-empty string", "  - request.body must be a list of [name, value] string pairs", "  - expect must hold exactly one of output or error"].join("\n"),
    );
  });
});

describe("maskFixture masks by the operation's @sensitive members, and drops credential headers", () => {
  const profile: StructureSchema = { name: "Profile", members: { Pin: { type: "string", sensitive: true }, Nick: { type: "string" } } };
  const credentials: StructureSchema = { name: "Credentials", members: { AccessKeyId: { type: "string" }, SecretAccessKey: { type: "string", sensitive: true } } };
  const note: StructureSchema = { name: "Note", members: { Text: { type: "string" }, Secret: { type: "string", sensitive: true } } };
  const schemas: OperationSchemas = {
    svc: {
      operations: {
        Login: {
          inputSchema: {
            name: "LoginRequest",
            members: {
              User: { type: "string" },
              Password: { type: "string", sensitive: true },
              Profile: { type: "structure", schema: () => profile },
              Hints: { type: "list", member: { type: "string", sensitive: true } },
              Labels: { type: "map", key: { type: "string" }, value: { type: "string", sensitive: true } },
            },
          },
          outputSchema: {
            name: "LoginResponse",
            members: { Credentials: { type: "structure", schema: () => credentials }, Notes: { type: "list", member: { type: "structure", schema: () => note } } },
          },
        },
      },
    },
  };
  const base: Fixture = { source: "s", service: "svc", operation: "Login", request: { method: "POST", path: "/", contentType: "x", body: [] }, response: { status: 200, headers: {}, body: "" } };
  const xml = (result: string) => `<LoginResponse xmlns="urn:x"><LoginResult>${result}</LoginResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></LoginResponse>`;
  const masked = "&lt;masked&gt;";

  const cases: Array<{ name: string; given: Partial<Fixture>; want: Partial<Fixture> }> = [
    {
      name: "form pairs that lead to a sensitive member, nested, in lists and in map values",
      given: { request: { ...base.request, body: [["Action", "Login"], ["User", "bob"], ["Password", "p"], ["Profile.Pin", "1234"], ["Profile.Nick", "b"], ["Hints.member.1", "h"], ["Labels.entry.1.key", "k"], ["Labels.entry.1.value", "v"], ["Pin", "not a member here"]] } },
      want: { request: { ...base.request, body: [["Action", "Login"], ["User", "bob"], ["Password", MASK], ["Profile.Pin", MASK], ["Profile.Nick", "b"], ["Hints.member.1", MASK], ["Labels.entry.1.key", "k"], ["Labels.entry.1.value", MASK], ["Pin", "not a member here"]] } },
    },
    {
      name: "sensitive elements of the result (a namespace prefix, attributes, CDATA, in list items), escaped so they parse back to the mask",
      given: { response: { ...base.response, body: xml(`<Credentials><AccessKeyId>AKID</AccessKeyId><s:SecretAccessKey xmlns:s="urn:s" a="1>2"><![CDATA[a<b]]></s:SecretAccessKey></Credentials><Notes><member><Text>t</Text><Secret>x&amp;y</Secret></member></Notes><SecretAccessKey>no member of LoginResponse</SecretAccessKey>`) } },
      want: { response: { ...base.response, body: xml(`<Credentials><AccessKeyId>AKID</AccessKeyId><s:SecretAccessKey xmlns:s="urn:s" a="1>2">${masked}</s:SecretAccessKey></Credentials><Notes><member><Text>t</Text><Secret>${masked}</Secret></member></Notes><SecretAccessKey>no member of LoginResponse</SecretAccessKey>`) } },
    },
    {
      name: "a sensitive element left open by a truncated body, to the end",
      given: { response: { ...base.response, body: "<LoginResponse><LoginResult><Credentials><SecretAccessKey>s1/+=" } },
      want: { response: { ...base.response, body: `<LoginResponse><LoginResult><Credentials><SecretAccessKey>${masked}` } },
    },
    {
      name: "nothing in an error envelope, which holds no output",
      given: { response: { ...base.response, body: "<ErrorResponse><Error><Code>X</Code><Message>Password wrong</Message></Error></ErrorResponse>" } },
      want: { response: { ...base.response, body: "<ErrorResponse><Error><Code>X</Code><Message>Password wrong</Message></Error></ErrorResponse>" } },
    },
    {
      name: "the signature and session token headers, in any case",
      given: { response: { ...base.response, headers: { Authorization: "AWS4-HMAC-SHA256 …", "X-Amz-Security-Token": "tok", "x-amzn-requestid": "r" } } },
      want: { response: { ...base.response, headers: { "x-amzn-requestid": "r" } } },
    },
    {
      name: "input and expected output members, by schema",
      given: { input: { User: "bob", Password: "p", Profile: { Pin: "1234", Nick: "b" } }, expect: { output: { Credentials: { AccessKeyId: "AKID", SecretAccessKey: "s" }, $metadata: { httpStatusCode: 200 } } } },
      want: { input: { User: "bob", Password: MASK, Profile: { Pin: MASK, Nick: "b" } }, expect: { output: { Credentials: { AccessKeyId: "AKID", SecretAccessKey: MASK }, $metadata: { httpStatusCode: 200 } } } },
    },
  ];
  it.each(cases)("masks $name", ({ given, want }) => {
    expect(maskFixtureBy(schemas, { ...base, ...given })).toEqual({ ...base, ...want });
  });

  it("refuses an operation it has no schemas for, since it cannot tell its secrets", () => {
    expect(() => maskFixtureBy(schemas, { ...base, operation: "Logout" })).toThrow("keysmith/testing masks the @sensitive members of the operations it has schemas for, and svc Logout is not one of them");
  });

  it("keysmith/testing masks keysmith's own operations: CreateAccessKey's SecretAccessKey", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    expect(JSON.stringify(createOk)).toContain(secret);
    const fixture = maskFixture(createOk);
    expect(JSON.stringify(fixture)).not.toContain(secret);
    expect(fixture.response.body).toContain(`<SecretAccessKey>${masked}</SecretAccessKey>`);
    expect(fixture.expect).toMatchObject({ output: { AccessKey: { SecretAccessKey: MASK, UserName: "Bob" } } });
    expect(maskFixture(updateOk)).toEqual(updateOk);
  });
});

describe("recordingHandler against a local server", () => {
  const SERVER_SECRET = "kS9r/EXAMPLE+secret/ONLYFROMTHESERVER00";
  const seen: IncomingHttpHeaders[] = [];
  let server: Server;
  let endpoint: string;
  let dir: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on("end", () => {
        response.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": `local-${seen.length}` });
        response.end(
          `<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateAccessKeyResult><AccessKey><UserName>Bob</UserName><AccessKeyId>AKIALOCALEXAMPLE0001</AccessKeyId><Status>Active</Status><SecretAccessKey>${SERVER_SECRET}</SecretAccessKey><CreateDate>2026-11-23T10:00:00Z</CreateDate></AccessKey></CreateAccessKeyResult><ResponseMetadata><RequestId>local-${seen.length}</RequestId></ResponseMetadata></CreateAccessKeyResponse>`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), "keysmith-recordings-"));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("passes the exchange through, writes numbered fixtures without any secret, and they replay green", async () => {
    const http = new NodeHttpHandler();
    const recorder = recordingHandler(http, { dir });
    const iam = new IAMClient({ region: "us-east-1", credentials: sessionCredentials, maxAttempts: 1, requestHandler: recorder, endpoint });
    try {
      const live = await iam.send(new CreateAccessKeyCommand({ UserName: "Bob" }));
      expect(live.AccessKey?.SecretAccessKey).toBe(SERVER_SECRET);
      expect(live.$metadata.requestId).toBe("local-1");
      await iam.send(new CreateAccessKeyCommand({ UserName: "Bob" }));
    } finally {
      recorder.destroy();
    }

    const files = (await readdir(dir)).sort();
    expect(files).toEqual(["001-iam-CreateAccessKey.json", "002-iam-CreateAccessKey.json"]);
    const written = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
    const signatures = seen.map((headers) => authorizationParts({ headers } as any).signature);
    const secrets = [sessionCredentials.secretAccessKey, sessionCredentials.sessionToken, SERVER_SECRET, ...seen.map((headers) => headers.authorization!), ...signatures, "Signature=", "AWS4-HMAC-SHA256"];
    for (const text of written) expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    expect(written[0]).toContain('\n      ["Action", "CreateAccessKey"],\n      ["Version", "2010-05-08"],\n      ["UserName", "Bob"]\n');
    expect(seen[0]!["x-amz-security-token"]).toBe(sessionCredentials.sessionToken); // the secrets did go over the wire

    const recorded = await loadFixtures(dir);
    expect(recorded[0]).toMatchObject({ service: "iam", operation: "CreateAccessKey", request: { method: "POST", path: "/", body: [["Action", "CreateAccessKey"], ["Version", "2010-05-08"], ["UserName", "Bob"]] } });
    expect(recorded[0]!.input).toBeUndefined();
    expect(recorded[0]!.expect).toBeUndefined();

    const replay = replayHandler(recorded);
    const replayed = client(replay);
    const first = await replayed.send(new CreateAccessKeyCommand({ UserName: "Bob" }));
    await replayed.send(new CreateAccessKeyCommand({ UserName: "Bob" }));
    expect(replay.served).toBe(2);
    expect(first.AccessKey).toEqual({ UserName: "Bob", AccessKeyId: "AKIALOCALEXAMPLE0001", Status: "Active", SecretAccessKey: MASK, CreateDate: new Date("2026-11-23T10:00:00Z") });
    expect(first.$metadata.requestId).toBe("local-1");
  });
});

describe("recordingHandler with any kind of response body", () => {
  const xml = "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>";
  const bodies: Array<{ kind: string; body: () => unknown }> = [
    { kind: "a Node stream", body: () => Readable.from([Buffer.from(xml.slice(0, 20)), Buffer.from(xml.slice(20))]) },
    { kind: "a web stream", body: () => new Blob([xml]).stream() },
    { kind: "bytes", body: () => new TextEncoder().encode(xml) },
    { kind: "a string", body: () => xml },
  ];

  it.each(bodies)("$kind: the caller gets the same response, the recording gets the text", async ({ body }) => {
    const recordings: Fixture[] = [];
    const inner = { handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { "x-amzn-requestid": "r-1", "content-length": String(xml.length) }, body: body() }) }) };
    const output = await client(recordingHandler(inner, { onRecord: (fixture) => void recordings.push(fixture) })).send(new UpdateAccessKeyCommand(updateOk.input as any));
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, requestId: "r-1" });
    expect(recordings).toHaveLength(1);
    expect(recordings[0]!.response).toEqual({ status: 200, headers: { "x-amzn-requestid": "r-1" }, body: xml });
    expect(recordings[0]!.request).toEqual(updateOk.request);
  });

  it("refuses an unsigned request before sending it", async () => {
    let sent = 0;
    const inner = { handle: async () => ((sent++, { response: new HttpResponse({ statusCode: 200, headers: {}, body: "" }) })) };
    await expect(recordingHandler(inner, { onRecord() {} }).handle(requestLike(updateOk))).rejects.toThrow(/no Authorization header/);
    expect(sent).toBe(0);
  });

  it("refuses, before sending it, a request for an operation whose secrets it cannot tell", async () => {
    let sent = 0;
    const inner = { handle: async () => ((sent++, { response: new HttpResponse({ statusCode: 200, headers: {}, body: "" }) })) };
    const request = requestLike(updateOk, { body: [["Action", "ListUsers"], ["Version", "2010-05-08"]] });
    request.headers.authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc";
    await expect(recordingHandler(inner, { onRecord() {} }).handle(request)).rejects.toThrow("and iam ListUsers is not one of them");
    expect(sent).toBe(0);
  });
});
