// What a client keeps between calls — the order of its middleware, its derived signing keys, its endpoints — must
// never carry one call's state into another, and must follow the client's changes: these tests fail if a cache
// shares a call's context, outlives a change of middleware, secret, day, region or endpoint.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { decodeForm } from "../src/protocol/form.js";
import { verifySigV4 } from "../src/local/sigv4-verify.js";
import { withoutAwsEnvironment } from "./support/aws-environment.js";
import { authorizationParts, captureHandler, testCredentials } from "./support/capture.js";

withoutAwsEnvironment();
afterEach(() => {
  vi.useRealTimers();
});

const pairs = (request: HttpRequest) => Object.fromEntries(decodeForm(String(request.body)));

/** Answers each call after `delay(request)` ms, with an account (GetAccessKeyInfo) or user name (IAM) taken from the request. */
function echoHandler(delay: (request: HttpRequest) => number = () => 0) {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async handle(request: HttpRequest) {
      requests.push(request);
      await new Promise((resolve) => setTimeout(resolve, delay(request)));
      const form = pairs(request);
      const body =
        form.Action === "GetAccessKeyInfo"
          ? `<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>${form.AccessKeyId!.slice(-12)}</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>`
          : form.Action === "CreateAccessKey"
            ? `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>${form.UserName}</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><SecretAccessKey>s</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`
            : `<${form.Action}Response><ResponseMetadata><RequestId>${form.UserName}</RequestId></ResponseMetadata></${form.Action}Response>`;
      return { response: new HttpResponse({ statusCode: 200, headers: {}, body: new TextEncoder().encode(body) }) };
    },
  };
}

const keyId = (n: number) => `AKIA${String(n).padStart(16, "0")}`;

describe("middleware: each call has its own context, the order follows the stack", () => {
  it("concurrent calls on one client keep their own context, endpoint and request", async () => {
    const handler = echoHandler((request) => 40 - Number(pairs(request).AccessKeyId!.slice(-2)) * 3); // later calls answer first
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: handler });
    const contexts = new Set<object>();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        contexts.add(context);
        (context as { keyId?: string }).keyId = (args.input as { AccessKeyId: string }).AccessKeyId;
        return next(args);
      },
      { step: "initialize", name: "remember" },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        // Another call has run its initialize step meanwhile: a shared context would hold its key id.
        expect(pairs(args.request as HttpRequest).AccessKeyId).toBe((context as { keyId?: string }).keyId);
        expect((context.endpointV2 as { url: URL }).url.href).toBe("https://sts.eu-west-1.amazonaws.com/");
        return next(args);
      },
      { step: "finalizeRequest", name: "check" },
    );
    const ids = Array.from({ length: 12 }, (_, n) => keyId(n));
    const outputs = await Promise.all(ids.map((AccessKeyId) => client.send(new GetAccessKeyInfoCommand({ AccessKeyId }))));
    expect(outputs.map((output) => output.Account)).toEqual(ids.map((id) => id.slice(-12)));
    expect(contexts.size).toBe(ids.length);
    expect(handler.requests.map((request) => pairs(request).AccessKeyId).sort()).toEqual([...ids].sort());
  });

  it("smithy's cacheMiddleware option does not make calls share a context", async () => {
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: echoHandler(() => 5), cacheMiddleware: true } as never);
    const contexts = new Set<object>();
    client.middlewareStack.add(
      (next, context) => (args) => {
        contexts.add(context);
        return next(args);
      },
      { step: "initialize", name: "remember" },
    );
    await Promise.all([1, 2, 3].map((n) => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(n) }))));
    expect(contexts.size).toBe(3);
  });

  it("concurrent calls of different operations on one client each get their own serializer and deserializer", async () => {
    const handler = echoHandler((request) => (pairs(request).Action === "CreateAccessKey" ? 20 : 1));
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    const [created, updated, created2] = await Promise.all([
      client.send(new CreateAccessKeyCommand({ UserName: "alice" })),
      client.send(new UpdateAccessKeyCommand({ UserName: "bob", AccessKeyId: keyId(1), Status: "Inactive" })),
      client.send(new CreateAccessKeyCommand({ UserName: "carol" })),
    ]);
    expect(created.AccessKey?.UserName).toBe("alice");
    expect(updated.$metadata.requestId).toBe("bob");
    expect(created2.AccessKey?.UserName).toBe("carol");
  });

  it("middleware added after a call runs from the next call on, and stops once removed", async () => {
    const handler = echoHandler();
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: handler });
    const seen: string[] = [];
    const send = (n: number) => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(n) }));
    await send(1);
    const watcher = (next: any) => (args: any) => {
      seen.push(pairs(args.request).AccessKeyId!);
      return next(args);
    };
    client.middlewareStack.add(watcher, { step: "build", name: "watcher" });
    await send(2);
    client.middlewareStack.remove("watcher");
    await send(3);
    client.middlewareStack.addRelativeTo(watcher, { relation: "after", toMiddleware: "serializerMiddleware", name: "watcher" });
    await send(4);
    expect(seen).toEqual([keyId(2), keyId(4)]);
  });

  it("a command's own middleware runs for that command only", async () => {
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: echoHandler() });
    const seen: string[] = [];
    const marked = new GetAccessKeyInfoCommand({ AccessKeyId: keyId(7) });
    marked.middlewareStack.add(
      (next) => (args) => {
        seen.push((args.input as { AccessKeyId: string }).AccessKeyId);
        return next(args);
      },
      { step: "initialize" },
    );
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(6) }));
    await client.send(marked);
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(8) }));
    expect(seen).toEqual([keyId(7)]);
  });

  it("runs the middleware in smithy's order: by step, then priority, then as added; relative ones beside their anchor", async () => {
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: echoHandler() });
    const order: string[] = [];
    const recorder = (name: string) => (next: any) => (args: any) => {
      order.push(`${name}${args.request?.headers?.authorization ? " (signed)" : ""}`);
      return next(args);
    };
    const stack = client.middlewareStack;
    stack.add(recorder("finalize-low"), { step: "finalizeRequest", priority: "low", name: "finalize-low" });
    stack.add(recorder("build"), { step: "build", name: "build" });
    stack.addRelativeTo(recorder("before-signing"), { relation: "before", toMiddleware: "awsAuthMiddleware", name: "before-signing" });
    stack.add(recorder("initialize-high"), { step: "initialize", priority: "high", name: "initialize-high" });
    stack.addRelativeTo(recorder("after-serializer"), { relation: "after", toMiddleware: "serializerMiddleware", name: "after-serializer" });
    stack.add(recorder("initialize-low"), { step: "initialize", priority: "low", name: "initialize-low" });
    const expected = ["initialize-high", "initialize-low", "after-serializer", "build", "before-signing", "finalize-low (signed)"];
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(1) }));
    expect(order).toEqual(expected);
    order.length = 0;
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(2) }));
    expect(order).toEqual(expected);
  });

  it("a stack that identifies its middleware on resolve still logs them on every call", async () => {
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: echoHandler() });
    client.middlewareStack.identifyOnResolve(true);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(1) }));
      await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(2) }));
      expect(log).toHaveBeenCalledTimes(2);
      expect(log.mock.calls[1]![0]).toContain("serializerMiddleware - serialize");
    } finally {
      log.mockRestore();
    }
  });

  it("turning input validation off after a call takes effect on the next", async () => {
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: echoHandler() });
    await expect(client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "x" }))).rejects.toThrow(/AccessKeyId/);
    client.config.validateInput = false;
    await expect(client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "short-but-sent" }))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});

describe("signing keys: derived once, derived again for a new secret, day or region", () => {
  /** Checks a request's signature the way a server does, with the secret given: throws when it does not verify. */
  function verify(request: HttpRequest, secretAccessKey: string): { date: string; region: string } {
    const rawHeaders = Object.entries(request.headers).flat();
    const target = request.path;
    const record = { accessKeyId: testCredentials.accessKeyId, secretAccessKey, userName: "u", status: "Active" as const, createDate: new Date(0) };
    const { scope } = verifySigV4({ method: request.method, target, rawHeaders, body: Buffer.from(String(request.body)) }, () => record, Date.now());
    return { date: scope.date, region: scope.region };
  }

  it("signs with a refreshed secret, not the key derived from the old one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    const secrets = ["first-secret-0000000000000000000000000", "second-secret-000000000000000000000000"];
    let fetched = 0;
    // Expiring within the refresh margin, so every call fetches again.
    const credentials = async () => ({ ...testCredentials, secretAccessKey: secrets[fetched++ % 2]!, expiration: new Date(Date.now() + 60_000) });
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
    const client = new STSClient({ region: "eu-west-1", credentials, requestHandler: handler });
    for (let n = 0; n < 3; n++) await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(n) }));
    const [first, second, third] = handler.requests as [HttpRequest, HttpRequest, HttpRequest];
    expect(() => verify(first, secrets[0]!)).not.toThrow();
    expect(() => verify(second, secrets[1]!)).not.toThrow();
    expect(() => verify(second, secrets[0]!)).toThrow(/signature/i);
    expect(() => verify(third, secrets[0]!)).not.toThrow();
  });

  it("derives a key once per identity and scope, not at every call", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    // smithy's derivation, which also looks its own cache up by an HMAC of the secret: reached only for a new key.
    const derive = vi.spyOn(SignatureV4.prototype as unknown as { getSigningKey: () => Promise<Uint8Array> }, "getSigningKey");
    try {
      let region = "eu-west-1";
      const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
      const client = new STSClient({ region: async () => region, credentials: testCredentials, requestHandler: handler });
      for (const next of ["eu-west-1", "eu-west-1", "eu-west-1", "us-west-2", "eu-west-1", "us-west-2"]) {
        region = next;
        await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(1) }));
      }
      expect(derive).toHaveBeenCalledTimes(2);
      expect(handler.requests.map((request) => verify(request, testCredentials.secretAccessKey).region)).toEqual(["eu-west-1", "eu-west-1", "eu-west-1", "us-west-2", "eu-west-1", "us-west-2"]);
    } finally {
      derive.mockRestore();
    }
  });

  it("signs with a secret changed in place on the same identity object", async () => {
    const identity = { ...testCredentials };
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
    const client = new STSClient({ region: "eu-west-1", credentials: async () => identity, requestHandler: handler });
    const secrets = ["first-secret-0000000000000000000000000", "second-secret-000000000000000000000000"];
    for (const secret of secrets) {
      identity.secretAccessKey = secret;
      await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(1) }));
    }
    expect(() => verify(handler.requests[0]!, secrets[0]!)).not.toThrow();
    expect(() => verify(handler.requests[1]!, secrets[1]!)).not.toThrow();
  });

  it("dates each signature by the clock at that call, to the second", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: handler });
    const times = ["2026-11-23T10:00:00.100Z", "2026-11-23T10:00:00.999Z", "2026-11-23T10:00:01.000Z", "2026-11-23T09:59:59.500Z", "2026-11-23T10:00:01.001Z"];
    for (const time of times) {
      vi.setSystemTime(new Date(time));
      await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(1) }));
    }
    expect(handler.requests.map((request) => request.headers["x-amz-date"])).toEqual(["20261123T100000Z", "20261123T100000Z", "20261123T100001Z", "20261123T095959Z", "20261123T100001Z"]);
    for (const request of handler.requests) expect(() => verify(request, testCredentials.secretAccessKey)).not.toThrow();
  });

  it("derives the key again when the day changes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
    const client = new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: handler });
    const days = ["2026-11-23T23:59:59Z", "2026-11-24T00:00:01Z"];
    const scopes = [];
    for (const [n, day] of days.entries()) {
      vi.setSystemTime(new Date(day));
      await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(n) }));
      scopes.push(verify(handler.requests[n]!, testCredentials.secretAccessKey));
    }
    expect(scopes).toEqual([
      { date: "20261123", region: "eu-west-1" },
      { date: "20261124", region: "eu-west-1" },
    ]);
  });

  it("follows a region that changes between calls: endpoint and signing scope", async () => {
    let region = "eu-west-1";
    const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>1</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
    const client = new STSClient({ region: async () => region, credentials: testCredentials, requestHandler: handler });
    for (const next of ["eu-west-1", "ap-southeast-2", "eu-west-1"]) {
      region = next;
      await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(1) }));
    }
    expect(handler.requests.map((request) => request.hostname)).toEqual(["sts.eu-west-1.amazonaws.com", "sts.ap-southeast-2.amazonaws.com", "sts.eu-west-1.amazonaws.com"]);
    expect(handler.requests.map((request) => verify(request, testCredentials.secretAccessKey).region)).toEqual(["eu-west-1", "ap-southeast-2", "eu-west-1"]);
  });
});

describe("endpoints: per client", () => {
  it("clients with different regions and endpoints, used in turn, each send to their own", async () => {
    const handler = echoHandler();
    const clients = [
      new STSClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: handler }),
      new STSClient({ region: "us-west-2", credentials: testCredentials, requestHandler: handler }),
      new STSClient({ region: "eu-west-1", endpoint: "http://127.0.0.1:4566", credentials: testCredentials, requestHandler: handler }),
    ];
    for (let round = 0; round < 2; round++) {
      await Promise.all(clients.map((client, n) => client.send(new GetAccessKeyInfoCommand({ AccessKeyId: keyId(n) }))));
    }
    const sent = handler.requests.map((request) => `${pairs(request).AccessKeyId!.slice(-1)} ${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""} ${authorizationParts(request).credential.split("/")[2]}`);
    expect(sent.sort()).toEqual([
      "0 https://sts.eu-west-1.amazonaws.com eu-west-1",
      "0 https://sts.eu-west-1.amazonaws.com eu-west-1",
      "1 https://sts.us-west-2.amazonaws.com us-west-2",
      "1 https://sts.us-west-2.amazonaws.com us-west-2",
      "2 http://127.0.0.1:4566 eu-west-1",
      "2 http://127.0.0.1:4566 eu-west-1",
    ]);
  });
});

describe("start-up: what a client of a custom http endpoint with static credentials does not load", () => {
  // In a fresh process, as a user's program starts: the default request handler, the default (empty) environment.
  const root = fileURLToPath(new URL("..", import.meta.url));
  // The script takes node:http through require(): on Node 22 and later an ES module import of it loads node:tls.
  const script = `
    import { createRequire } from "node:module";
    const { createServer } = createRequire(import.meta.url)("node:http");
    const { STSClient, GetAccessKeyInfoCommand } = await import(${JSON.stringify(`${root}generated/sts/index.ts`)});
    const answer = "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>";
    const server = createServer((request, response) => request.resume().on("end", () => response.end(answer)));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = new STSClient({ region: "eu-west-1", endpoint: "http://127.0.0.1:" + server.address().port, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    const { Account } = await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }));
    client.destroy();
    server.close();
    const packages = Object.keys(createRequire(${JSON.stringify(`${root}package.json`)}).cache).map((path) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(path)?.[1]);
    const builtins = process.moduleLoadList.filter((name) => /^NativeModule (https|tls)$/.test(name));
    console.log(JSON.stringify({ Account, packages: [...new Set(packages)].sort(), builtins }));
  `;

  it("neither the credential chain's packages nor node:https", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ["--conditions=keysmith-source", "--import", "tsx", "--input-type=module", "-e", script], { cwd: root, timeout: 60_000 });
    const { Account, packages, builtins } = JSON.parse(stdout) as { Account: string; packages: string[]; builtins: string[] };
    expect(Account).toBe("123456789012");
    for (const name of ["@smithy/credential-provider-imds", "@smithy/shared-ini-file-loader"]) {
      expect(packages).not.toContain(name);
    }
    // The source imports node:http as an ES module, which on Node 22 and later loads node:tls by itself (the build
    // takes builtins from process.getBuiltinModule instead: package.test.ts); node:https is keysmith's to load or not.
    const probe = `import "node:http"; console.log(process.moduleLoadList.includes("NativeModule tls"))`;
    const esmHttpLoadsTls = (await run(process.execPath, ["--input-type=module", "-e", probe])).stdout.trim() === "true";
    expect(builtins).toEqual(esmHttpLoadsTls ? ["NativeModule tls"] : []);
  }, 60_000);
});
