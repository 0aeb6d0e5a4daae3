// Hardening, recording and logging: a fixture holds no secret the client could read, nor a credential a server echoed,
// and still parses to what the client read; a recording or a logger that fails never costs the caller a new secret.
import { access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateAccessKeyCommand as V3CreateAccessKeyCommand, IAMClient as V3IAMClient } from "@aws-sdk/client-iam";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { MASK, maskFixture, openCassette, recordingHandler, type Fixture, type RecordingTarget } from "../src/entries/testing.js";
import { NodeHttpHandler } from "../src/http/node-handler.js";
import { authorizationParts, sessionCredentials } from "./support/capture.js";

const HALVES = ["wJalrXUtnFEMI/K7MDENG", "bPxRfiCYzEXAMPLEKEYa"];
const SECRET = HALVES.join("");

const createResponse = (accessKey: string) =>
  `<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateAccessKeyResult><AccessKey>${accessKey}</AccessKey></CreateAccessKeyResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></CreateAccessKeyResponse>`;
const KEY = "<UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status>";

function recorded(body: string, status = 200, operation = "CreateAccessKey"): Fixture {
  return {
    source: "test",
    service: "iam",
    operation,
    request: { method: "POST", path: "/", contentType: "application/x-www-form-urlencoded", body: [["Action", operation], ["Version", "2010-05-08"]] },
    response: { status, headers: {}, body },
  };
}

/** What keysmith's IAM client makes of a CreateAccessKey response body: the output, or the error's name. */
async function clientReads(body: string): Promise<unknown> {
  const iam = new IAMClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" },
    maxAttempts: 1,
    requestHandler: { handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: {}, body }) }) },
  });
  return iam.send(new CreateAccessKeyCommand({ UserName: "Bob" })).then(
    (output) => output.AccessKey,
    (error: Error) => error.name,
  );
}

describe("recording masks a secret wherever the client's XML reader finds it, and the fixture still parses", () => {
  const [a, b] = HALVES;
  const cases = [
    { name: "split by a comment", secret: `${a}<!-- c -->${b}` },
    { name: "split by a processing instruction", secret: `${a}<?pi x?>${b}` },
    { name: "after a processing instruction holding '>' and what looks like a tag", before: "<?note a>b<c?>", secret: SECRET },
    { name: "after a comment holding what looks like the closing tag", before: "<!-- </AccessKey></CreateAccessKeyResult> -->", secret: SECRET },
    { name: "on an element whose attribute holds '>'", attributes: ' note="1>2"', secret: SECRET },
    { name: "on an element whose single-quoted attribute holds '\"' and '>'", attributes: " note='\">'", secret: SECRET },
    { name: "in CDATA, split across two sections", secret: `<![CDATA[${a}]]><![CDATA[${b}]]>` },
    { name: "in CDATA holding what looks like the closing tag", secret: `<![CDATA[${a}</SecretAccessKey>]]>${b}` },
    { name: "written with character references", secret: `&#${SECRET.charCodeAt(0)};${SECRET.slice(1, 30)}&#x${SECRET.charCodeAt(30).toString(16)};${SECRET.slice(31)}` },
    { name: "with CR LF line ends around it", secret: `\r\n${SECRET}\r\n` },
    { name: "under a namespace prefix", element: "iam:SecretAccessKey", attributes: ' xmlns:iam="https://iam.amazonaws.com/doc/2010-05-08/"', secret: SECRET },
  ];

  it.each(cases)("$name", async ({ before = "", element = "SecretAccessKey", attributes = "", secret }) => {
    const body = createResponse(`${KEY}${before}<${element}${attributes}>${secret}</${element}><CreateDate>2026-11-23T10:00:00Z</CreateDate>`);
    const live = (await clientReads(body)) as Record<string, unknown>;
    for (const half of HALVES) expect(live.SecretAccessKey).toContain(half); // a prefix binds a namespace: the client reads the local name

    const masked = maskFixture(recorded(body)).response.body;
    for (const half of HALVES) expect(masked).not.toContain(half);
    expect(masked).not.toContain(SECRET.slice(1, 30));
    // The fixture reads as the live response did, the secret aside.
    expect(await clientReads(masked)).toEqual({ ...live, ...("SecretAccessKey" in live && { SecretAccessKey: MASK }) });
  });

  it.each([
    { name: "a malformed element before the secret (the client reads nothing, so nothing after it is vouched for)", accessKey: `${KEY}<Note attr=unquoted><SecretAccessKey>${SECRET}</SecretAccessKey>` },
    { name: "a body cut off inside the secret", accessKey: `${KEY}<SecretAccessKey>${SECRET}` },
    { name: "a closing tag that does not match, after the secret", accessKey: `${KEY}<SecretAccessKey>${SECRET}</SecretAccessKey></Wrong>` },
  ])("$name: the rest of the body is masked", async ({ accessKey }) => {
    const body = createResponse(accessKey);
    expect(await clientReads(body)).toBe("DeserializationError");
    const masked = maskFixture(recorded(body)).response.body;
    for (const half of HALVES) expect(masked).not.toContain(half);
    expect(masked).toContain("<UserName>Bob</UserName>");
    expect(await clientReads(masked)).toBe("DeserializationError");
  });
});

describe("recording masks credentials a server echoes back", () => {
  let server: LocalEndpoint;
  beforeAll(async () => void (server = await startLocalEndpoint()));
  afterAll(() => server.close());

  it("AWS's IncompleteSignature message quoting the Authorization header: the signature is masked, the message kept", async () => {
    server.createUser("echo");
    const session = server.createSessionCredentials("echo");
    const fixtures: Fixture[] = [];
    const http = new NodeHttpHandler();
    const iam = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: session, maxAttempts: 1, requestHandler: recordingHandler(http, { onRecord: (fixture) => void fixtures.push(fixture) }) });
    // Without X-Amz-Date, AWS (and the embedded endpoint) answers "… requires existence of a 'X-Amz-Date' header. Authorization=<the header>".
    const sent: HttpRequest[] = [];
    iam.middlewareStack.addRelativeTo(
      (next: any) => (args: any) => {
        delete args.request.headers["x-amz-date"];
        sent.push(args.request);
        return next(args);
      },
      { relation: "after", toMiddleware: "awsAuthMiddleware", name: "dropAmzDate" },
    );
    const error = await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })).catch((e: Error) => e);
    iam.destroy();
    const { signature } = authorizationParts(sent[0]!);
    expect(error).toMatchObject({ name: "IncompleteSignature", message: expect.stringContaining(`Signature=${signature}`) }); // the echo happened

    const text = JSON.stringify(fixtures);
    expect(fixtures).toHaveLength(1);
    expect(text).not.toContain(signature);
    expect(text).not.toContain(session.sessionToken);
    expect(fixtures[0]!.response.body).toContain(`<Code>IncompleteSignature</Code>`);
    expect(fixtures[0]!.response.body).toContain(`SignedHeaders=`);
    expect(fixtures[0]!.response.body).toContain(`Signature=&lt;masked&gt;</Message>`);
  });

  const cases: Array<{ name: string; status: number; headers?: (sig: string, token: string) => Record<string, string>; body: (sig: string, token: string) => string; parses?: string }> = [
    { name: "Signature= in an XML message", status: 403, body: (sig) => `<ErrorResponse><Error><Code>IncompleteSignature</Code><Message>bad: Signature=${sig}</Message></Error></ErrorResponse>`, parses: "IncompleteSignature" },
    { name: "the bare signature, a character written as a reference", status: 403, body: (sig) => `<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>got &#x${sig.charCodeAt(0).toString(16)};${sig.slice(1)}</Message></Error></ErrorResponse>`, parses: "SignatureDoesNotMatch" },
    { name: "the bare signature split by a comment", status: 403, body: (sig) => `<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>got ${sig.slice(0, 30)}<!-- -->${sig.slice(30)}</Message></Error></ErrorResponse>`, parses: "SignatureDoesNotMatch" },
    { name: "the session token in CDATA", status: 403, body: (_sig, token) => `<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message><![CDATA[token ${token} is invalid]]></Message></Error></ErrorResponse>`, parses: "InvalidClientTokenId" },
    { name: "Signature= in an XML comment", status: 403, body: (sig) => `<ErrorResponse><!-- Signature=${sig} --><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>`, parses: "AccessDenied" },
    { name: "headers quoted by a proxy's HTML page", status: 400, body: (sig, token) => `<html><body><pre>Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, SignedHeaders=host, Signature=${sig}\nX-Amz-Security-Token: ${token}</pre></body></html>` },
    { name: "the bare token in a JSON body", status: 400, body: (_sig, token) => JSON.stringify({ message: `bad token ${token}` }) },
    { name: "the signature in a response header", status: 403, headers: (sig) => ({ "x-debug-authorization": `Signature=${sig}`, "x-debug-raw": sig }), body: () => "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>", parses: "AccessDenied" },
  ];
  it.each(cases)("$name", async ({ status, headers, body, parses }) => {
    const fixtures: Fixture[] = [];
    let echoed: string[] = [];
    const inner = {
      async handle(request: HttpRequest) {
        echoed = [authorizationParts(request).signature, request.headers["x-amz-security-token"]!];
        return { response: new HttpResponse({ statusCode: status, headers: headers?.(...(echoed as [string, string])) ?? {}, body: body(...(echoed as [string, string])) }) };
      },
    };
    const iam = new IAMClient({ region: "us-east-1", credentials: sessionCredentials, maxAttempts: 1, requestHandler: recordingHandler(inner, { onRecord: (fixture) => void fixtures.push(fixture) }) });
    const live = await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })).catch((e: Error) => e.name);
    expect(echoed[1]).toBe(sessionCredentials.sessionToken);

    const text = JSON.stringify(fixtures);
    for (const secret of echoed) expect(text).not.toContain(secret);
    if (parses) {
      expect(live).toBe(parses);
      const replayed = new IAMClient({ region: "us-east-1", credentials: sessionCredentials, maxAttempts: 1, requestHandler: { handle: async () => ({ response: new HttpResponse({ ...fixtures[0]!.response, statusCode: status }) }) } });
      // What the client reads from the fixture, references decoded and comments dropped, holds no credential either.
      const error = (await replayed.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })).catch((e: Error) => e)) as Error;
      expect(error.name).toBe(parses);
      for (const secret of echoed) expect(error.message).not.toContain(secret);
    }
  });
});

describe("a recording, a logger or a retry strategy that fails never turns a success into a failure", () => {
  let server: LocalEndpoint;
  beforeAll(async () => void (server = await startLocalEndpoint()));
  afterAll(() => server.close());

  /**
   * The process warnings emitted while `run` runs (they are emitted on the next tick), taken instead of Node's own
   * listener, which would print the expected warnings into the test run's output.
   */
  async function warningsDuring<T>(run: () => Promise<T>): Promise<{ result: T; warnings: Array<{ code?: string; message: string }> }> {
    const warnings: Array<{ code?: string; message: string }> = [];
    const listen = (warning: Error & { code?: string }) => void warnings.push({ code: warning.code, message: warning.message });
    const printers = process.listeners("warning");
    process.removeAllListeners("warning");
    process.on("warning", listen);
    try {
      const result = await run();
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { result, warnings };
    } finally {
      process.off("warning", listen);
      for (const printer of printers) process.on("warning", printer);
    }
  }

  const createKey = async (requestHandler: unknown, more: object = {}) => {
    const user = server.createUser(`u${Math.random().toString(36).slice(2, 10)}`);
    const executed = server.stats.executed.CreateAccessKey!;
    const iam = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: user, maxAttempts: 1, requestHandler: requestHandler as never, ...more });
    try {
      const output = await iam.send(new CreateAccessKeyCommand({ UserName: user.userName }));
      return { output, executions: server.stats.executed.CreateAccessKey! - executed, keys: server.listAccessKeys(user.userName).length };
    } finally {
      iam.destroy();
    }
  };

  it.each<{ name: string; target: () => RecordingTarget; reason: RegExp }>([
    { name: "a folder that cannot be written", target: () => ({ dir: `${fileURLToPath(import.meta.url)}/not-a-folder` }), reason: /ENOTDIR|EEXIST/ },
    {
      name: "an onRecord that throws",
      target: () => ({
        onRecord(): void {
          throw new Error("disk full");
        },
      }),
      reason: /disk full/,
    },
  ])("recordingHandler with $name: CreateAccessKey resolves with the new secret, and a process warning says what was not recorded", async ({ target, reason }) => {
    const http = new NodeHttpHandler();
    const { result, warnings } = await warningsDuring(() => createKey(recordingHandler(http, target())));
    http.destroy();
    expect(result.output.AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(result).toMatchObject({ executions: 1, keys: 2 });
    expect(warnings).toEqual([{ code: "KEYSMITH_NOT_RECORDED", message: expect.stringMatching(/^keysmith\/testing: the iam CreateAccessKey exchange was not recorded \(.*\); the call's own result was returned$/) }]);
    expect(warnings[0]!.message).toMatch(reason);
    expect(warnings[0]!.message).not.toContain(result.output.AccessKey!.SecretAccessKey!);
  });

  it("a cassette that cannot record an exchange: the call resolves, and the test fails at done() without writing the cassette", async () => {
    const file = join(tmpdir(), `keysmith-not-recorded-${process.pid}.json`);
    const broken = { name: "CreateAccessKeyResponse", members: { AccessKey: { type: "structure" as const, schema: (): never => { throw new Error("no schema"); } } } };
    const cassette = await openCassette(file, { mode: "record", schemas: { iam: { operations: { CreateAccessKey: { outputSchema: broken } } } } });
    const result = await createKey(cassette.requestHandler);
    expect(result.output.AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    await expect(cassette.done()).rejects.toThrow(`${file}: exchange 1 (iam CreateAccessKey) could not be recorded: no schema. The calls got their results; the cassette was not written.`);
    await expect(access(file)).rejects.toThrow(/ENOENT/);
  });

  const throwing = (message: string) => () => {
    throw new Error(message);
  };
  it.each([
    { name: "info() throws", logger: { info: throwing("info broke") }, level: "info" },
    { name: "every method throws", logger: { trace: throwing("x"), debug: throwing("x"), info: throwing("log broke"), warn: throwing("x"), error: throwing("x") }, level: "info" },
    { name: "info() returns a promise that rejects", logger: { info: () => Promise.reject(new Error("async transport broke")) }, level: "info" },
  ])("a logger whose $name: CreateAccessKey resolves with the new secret, and one process warning names the logger", async ({ logger, level }) => {
    const { result, warnings } = await warningsDuring(async () => [await createKey(undefined, { logger }), await createKey(undefined, { logger })]);
    for (const { output, executions } of result) {
      expect(output.AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
      expect(executions).toBe(1);
    }
    expect(warnings).toEqual([{ code: "KEYSMITH_LOGGER_FAILED", message: expect.stringMatching(new RegExp(`^keysmith: the logger's ${level}\\(\\) failed \\(.*\\); the call went on\\.`)) }]);
  });

  it("a retryStrategy whose recordSuccess() throws: CreateAccessKey resolves with the new secret, run once, and one process warning names it (v3 fails the call)", async () => {
    const strategy = new ConfiguredRetryStrategy(3, 1);
    strategy.recordSuccess = throwing("metrics down");
    const { result, warnings } = await warningsDuring(async () => [await createKey(undefined, { retryStrategy: strategy }), await createKey(undefined, { retryStrategy: strategy })]);
    for (const { output, executions } of result) {
      expect(output.AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
      expect(executions).toBe(1);
    }
    expect(warnings).toEqual([{ code: "KEYSMITH_RETRY_STRATEGY_FAILED", message: expect.stringMatching(/^keysmith: the retryStrategy's recordSuccess\(\) failed \(metrics down\); the call went on\./) }]);
    const user = server.createUser("v3-strategy-user");
    const v3Client = new V3IAMClient({ region: "us-east-1", endpoint: server.url, credentials: user, retryStrategy: strategy });
    await expect(v3Client.send(new V3CreateAccessKeyCommand({ UserName: user.userName }))).rejects.toThrow("metrics down");
    expect(server.listAccessKeys(user.userName)).toHaveLength(2);
  });

  it("a logger whose warn() and error() throw: the service's error reaches the caller, not the logger's", async () => {
    server.faults.add({ kind: "internalError", action: "CreateAccessKey", afterAction: true });
    // CreateAccessKey is not retried after a ServiceFailure, and the retry middleware warns why.
    const logger = { warn: throwing("warn broke"), error: throwing("error broke") };
    const { result } = await warningsDuring(() => createKey(undefined, { logger, maxAttempts: 3 }).catch((error: Error) => error));
    expect(result).toMatchObject({ name: "ServiceFailureException", $metadata: { attempts: 1 } });
  });
});
