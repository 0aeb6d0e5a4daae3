// The middleware stack as v3 code uses it — plugins for tracing, header injection and observability — side by side
// with the official clients: the same names answer addRelativeTo, user middleware sees at each step what it sees
// with v3, identify() lists the same, and the stack follows its changes from one send to the next.
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfo, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { CreateAccessKeyCommand as V3CreateAccessKey, IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKey } from "@aws-sdk/client-iam";
import type { HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it, vi } from "vitest";
import { CreateAccessKeyCommand, IAMClient, NoSuchEntityException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { header } from "../src/http/headers.js";
import { verifySigV4 } from "../src/local/sigv4-verify.js";
import { withoutAwsEnvironment } from "./support/aws-environment.js";
import { authorizationParts, captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";

withoutAwsEnvironment();

const ANSWERS = {
  GetAccessKeyInfo: { status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>012345678901</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" },
  CreateAccessKey: {
    status: 200,
    body: "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><SecretAccessKey>secret</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>",
  },
  NoSuchEntity: {
    status: 404,
    body: "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name Bob cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>",
  },
} satisfies Record<string, CannedResponse>;

type Flavor = "keysmith" | "v3";
type Service = "STS" | "IAM";
const FLAVORS: Flavor[] = ["keysmith", "v3"];
const SERVICES: Service[] = ["STS", "IAM"];

/** A client of either flavor and a command that succeeds with it; both typed loosely, as a plugin sees them. */
function setup(flavor: Flavor, service: Service, options: { answer?: CannedResponse; requestHandler?: object } = {}) {
  const handler = captureHandler(options.answer ?? (service === "STS" ? ANSWERS.GetAccessKeyInfo : ANSWERS.CreateAccessKey));
  const config = { region: "eu-west-1", credentials: testCredentials, requestHandler: (options.requestHandler ?? handler) as any, maxAttempts: 1 };
  const Client = { keysmith: { STS: STSClient, IAM: IAMClient }, v3: { STS: V3STSClient, IAM: V3IAMClient } }[flavor][service];
  const client: any = new (Client as any)(config);
  const command = (): any => {
    if (service === "STS") return new (flavor === "keysmith" ? GetAccessKeyInfoCommand : V3GetAccessKeyInfo)({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" });
    return new (flavor === "keysmith" ? CreateAccessKeyCommand : V3CreateAccessKey)({ UserName: "Bob" });
  };
  return { client, command, handler, send: () => client.send(command()) };
}

/** What a middleware sees of a call: whether there is a request yet and which of the headers the SDK adds it has. */
function sight(args: any, context: any): string {
  const seen = [args.request === undefined ? "no request" : "request"];
  if (context.endpointV2 !== undefined) seen.push("endpoint");
  for (const name of ["content-length", "host", "x-amz-date", "authorization"]) if (header(args.request?.headers, name) !== undefined) seen.push(name);
  return seen.join(" ");
}

/** What a middleware gets back: the raw response only, or the parsed output too. */
const outcome = (result: any) => (result.output === undefined ? `response ${result.response?.statusCode}` : "output");

/** A middleware that writes where it ran, what it saw, and what came back, to `log`. */
const recorder =
  (log: string[], label: string) =>
  (next: any, context: any) =>
  async (args: any) => {
    log.push(`${label}: ${sight(args, context)}`);
    const result = await next(args);
    log.push(`${label} got ${outcome(result)}`);
    return result;
  };

/** v3's names for the jobs of a client's middleware, and the alias v3 keeps for the signer's former name. */
const V3_NAMES = [
  "loggerMiddleware",
  "endpointV2Middleware",
  "serializerMiddleware",
  "contentLengthMiddleware",
  "getUserAgentMiddleware",
  "hostHeaderMiddleware",
  "recursionDetectionMiddleware",
  "retryMiddleware",
  "httpSigningMiddleware",
  "awsAuthMiddleware",
  "deserializerMiddleware",
];
const STEPS = ["initialize", "serialize", "build", "finalizeRequest", "deserialize"] as const;

describe("user middleware runs where it runs with v3 and sees what it sees there", () => {
  it.each(SERVICES)("%s: middleware at each step and before and after each of v3's names", async (service) => {
    const logs = await Promise.all(
      FLAVORS.map(async (flavor) => {
        const { client, send } = setup(flavor, service);
        const log: string[] = [];
        // Added in one order for both: within a step and priority, smithy keeps the order of adding.
        for (const name of V3_NAMES) {
          for (const relation of ["before", "after"]) {
            client.middlewareStack.addRelativeTo(recorder(log, `${relation} ${name}`), { relation, toMiddleware: name, name: `${relation}-${name}` });
          }
        }
        for (const step of STEPS) client.middlewareStack.add(recorder(log, step), { step, name: `at-${step}` });
        await send();
        return log;
      }),
    );
    expect(logs[0]).toEqual(logs[1]);
    // What plugins rely on, spelled out.
    expect(logs[0]).toContain("serialize: request endpoint");
    expect(logs[0]).toContain("deserialize got response 200");
    expect(logs[0]).toContain("after httpSigningMiddleware: request endpoint content-length host x-amz-date authorization");
  });

  it.each(FLAVORS)("%s: a serialize-step middleware sets a header on args.request, which is sent and signed", async (flavor) => {
    const { client, send, handler } = setup(flavor, "STS");
    // v3's documented example, in the serialize step.
    client.middlewareStack.add(
      (next: any) => (args: any) => {
        args.request.headers["x-trace-note"] = "rotation-42";
        return next(args);
      },
      { step: "serialize", name: "addTraceNote", tags: ["TRACE"] },
    );
    await send();
    const request = handler.requests[0]!;
    expect(request.headers["x-trace-note"]).toBe("rotation-42");
    expect(authorizationParts(request).signedHeaders.split(";")).toContain("x-trace-note");
    if (flavor === "keysmith") expect(() => verified(request)).not.toThrow();
  });

  it.each(FLAVORS.flatMap((flavor) => [{ flavor, answer: "CreateAccessKey" as const }, { flavor, answer: "NoSuchEntity" as const }]))(
    "$flavor: a deserialize-step middleware reads the raw response ($answer) before it is parsed",
    async ({ flavor, answer }) => {
      const { client, send } = setup(flavor, "IAM", { answer: ANSWERS[answer] });
      const seen: string[] = [];
      client.middlewareStack.add(
        (next: any) => async (args: any) => {
          const result = await next(args);
          seen.push(`${result.response.statusCode} ${result.output === undefined ? "unparsed" : "parsed"}`);
          return result;
        },
        { step: "deserialize", name: "readStatus" },
      );
      const settled = await send().then(
        (output: any) => output.AccessKey.UserName,
        (error: Error) => error.name,
      );
      expect(seen).toEqual([`${ANSWERS[answer].status} unparsed`]);
      expect(settled).toBe(answer === "NoSuchEntity" ? "NoSuchEntityException" : "Bob");
    },
  );

  it("a middleware the command carries runs for it, placed relative to the endpoint middleware the command gets at send", async () => {
    const logs = await Promise.all(
      FLAVORS.map(async (flavor) => {
        const { client, command } = setup(flavor, "STS");
        const log: string[] = [];
        const marked = command();
        marked.middlewareStack.addRelativeTo(recorder(log, "after endpointV2Middleware"), { relation: "after", toMiddleware: "endpointV2Middleware", name: "mine" });
        marked.middlewareStack.add(recorder(log, "initialize"), { step: "initialize", name: "mine-too" });
        await client.send(marked);
        await client.send(command());
        return log;
      }),
    );
    expect(logs[0]).toEqual(logs[1]);
    expect(logs[0]).toHaveLength(4);
  });
});

/** Verifies a keysmith request's signature as a server does: throws when it does not verify. */
function verified(request: HttpRequest) {
  const record = { ...testCredentials, userName: "u", status: "Active" as const, createDate: new Date(0) };
  const rawHeaders = Object.entries(request.headers).flat();
  return verifySigV4({ method: request.method, target: request.path, rawHeaders, body: Buffer.from(String(request.body)) }, () => record, Date.now());
}

describe("identify() lists what v3 lists", () => {
  /** keysmith's middleware v3 has no counterpart for, and v3's that keysmith does inside another (see the README). */
  const KEYSMITH_ONLY = ["validateInputMiddleware - initialize"];
  const V3_ONLY = ["httpAuthSchemeMiddleware - serialize"];

  it.each(SERVICES)("%s client: the same nine, in the same order", (service) => {
    const [ours, theirs] = FLAVORS.map((flavor) => setup(flavor, service).client.middlewareStack.identify());
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(9);
  });

  it.each(SERVICES)("%s client with a command, after a send: the same but for the differences named", async (service) => {
    const [ours, theirs] = await Promise.all(
      FLAVORS.map(async (flavor) => {
        const { client, command } = setup(flavor, service);
        const sent = command();
        await client.send(sent);
        return client.middlewareStack.concat(sent.middlewareStack).identify() as string[];
      }),
    );
    expect(ours!.filter((entry) => !KEYSMITH_ONLY.includes(entry))).toEqual(theirs!.filter((entry) => !V3_ONLY.includes(entry)));
    expect(ours!.slice(0, 3)).toEqual(["loggerMiddleware - initialize", "validateInputMiddleware - initialize", "endpointV2Middleware - serialize"]);
  });

  const removals: Array<{ name: string; remove: (stack: any) => boolean }> = [
    { name: "remove by name", remove: (stack) => stack.remove("hostHeaderMiddleware") },
    { name: "remove by an alias", remove: (stack) => stack.remove("awsAuthMiddleware") },
    { name: "remove by tag", remove: (stack) => stack.removeByTag("RECURSION_DETECTION") },
    { name: "remove by a tag several carry", remove: (stack) => stack.removeByTag("USER_AGENT") },
    { name: "remove a name nothing has", remove: (stack) => stack.remove("noSuchMiddleware") },
  ];
  it.each(removals)("after $name: the same list and the same answer", ({ remove }) => {
    const [ours, theirs] = FLAVORS.map((flavor) => {
      const stack = setup(flavor, "IAM").client.middlewareStack;
      return { removed: remove(stack), list: stack.identify() };
    });
    expect(ours).toEqual(theirs);
  });
});

describe("the stack follows its changes from one send to the next (its version counter)", () => {
  /** Each change made after a first send, with what the middleware `probe` should do on the next send. */
  const changes: Array<{ name: string; change: (stack: any, probe: any) => void; runs: boolean; setup?: (stack: any, probe: any) => void }> = [
    { name: "add", change: (stack, probe) => stack.add(probe, { step: "build", name: "probe" }), runs: true },
    { name: "addRelativeTo", change: (stack, probe) => stack.addRelativeTo(probe, { relation: "after", toMiddleware: "hostHeaderMiddleware", name: "probe" }), runs: true },
    { name: "use (a plugin)", change: (stack, probe) => stack.use({ applyToStack: (s: any) => s.add(probe, { step: "finalizeRequest", name: "probe" }) }), runs: true },
    {
      name: "add with override, moving it to another step",
      setup: (stack, probe) => stack.add(probe, { step: "deserialize", name: "probe" }),
      change: (stack) => stack.add((next: any) => next, { step: "deserialize", name: "probe", override: true }),
      runs: false,
    },
    { name: "remove by name", setup: (stack, probe) => stack.add(probe, { step: "build", name: "probe" }), change: (stack) => stack.remove("probe"), runs: false },
    { name: "remove by reference", setup: (stack, probe) => stack.add(probe, { step: "build", name: "probe" }), change: (stack, probe) => stack.remove(probe), runs: false },
    {
      name: "removeByTag",
      setup: (stack, probe) => stack.add(probe, { step: "build", name: "probe", tags: ["PROBE"] }),
      change: (stack) => stack.removeByTag("PROBE"),
      runs: false,
    },
  ];

  it.each(changes)("$name takes effect on the next send", async ({ setup: before, change, runs }) => {
    const { client, send } = setup("keysmith", "STS");
    const ran: number[] = [];
    let sends = 0;
    const probe = (next: any) => (args: any) => {
      ran.push(sends);
      return next(args);
    };
    before?.(client.middlewareStack, probe);
    sends++;
    await send();
    change(client.middlewareStack, probe);
    sends++;
    await send();
    expect(ran).toEqual([...(before ? [1] : []), ...(runs ? [2] : [])]);
  });

  it("identifyOnResolve turned on after a send logs the list on the next, and turned off stops", async () => {
    const { client, command, send } = setup("keysmith", "STS");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await send();
      client.middlewareStack.identifyOnResolve(true);
      const logged = command();
      await client.send(logged);
      client.middlewareStack.identifyOnResolve(false);
      await send();
      expect(log.mock.calls).toEqual([[client.middlewareStack.concat(logged.middlewareStack).identify()]]);
    } finally {
      log.mockRestore();
    }
  });

  it("a stack put in the client's place, cloned or concatenated, is the one that runs", async () => {
    const { client, send } = setup("keysmith", "STS");
    const ran: string[] = [];
    await send();
    const base = client.middlewareStack;
    client.middlewareStack = base.clone();
    client.middlewareStack.add(recorder(ran, "on the clone"), { step: "build", name: "probe" });
    await send();
    const extra = setup("keysmith", "STS").client.middlewareStack.clone();
    for (const name of extra.identify()) extra.remove(name.split(" ")[0]);
    extra.add(recorder(ran, "concatenated"), { step: "build", name: "other" });
    client.middlewareStack = base.concat(extra);
    await send();
    client.middlewareStack = base;
    await send();
    expect(ran.filter((line) => !line.includes(" got "))).toEqual(["on the clone: request endpoint content-length", "concatenated: request endpoint content-length"]);
  });

  it.each(["clone", "concat"])("a command's stack replaced by a %s of a stack holding a middleware runs it", async (derive) => {
    const { client, command } = setup("keysmith", "STS");
    const ran: string[] = [];
    await client.send(command());
    const other = command().middlewareStack;
    other.add(recorder(ran, "carried"), { step: "build", name: "carried" });
    const marked = command();
    marked.middlewareStack = derive === "clone" ? other.clone() : command().middlewareStack.concat(other);
    await client.send(marked);
    expect(ran).toEqual(["carried: request endpoint content-length", "carried got output"]);
  });

  it("a middleware the same name cannot be added twice is refused at add, as smithy refuses it, and the stack is unchanged", async () => {
    const { client, send } = setup("keysmith", "STS");
    await send();
    const before = client.middlewareStack.identify();
    expect(() => client.middlewareStack.add((next: any) => next, { step: "build", name: "hostHeaderMiddleware" })).toThrow(/Duplicate middleware name 'hostHeaderMiddleware'/);
    expect(client.middlewareStack.identify()).toEqual(before);
    await expect(send()).resolves.toMatchObject({ Account: "012345678901" });
  });

  it("a relation to a name no middleware has throws at send with smithy's message, as in v3", async () => {
    const errors = await Promise.all(
      FLAVORS.map(async (flavor) => {
        const { client, send } = setup(flavor, "STS");
        client.middlewareStack.addRelativeTo((next: any) => next, { relation: "before", toMiddleware: "noSuchMiddleware", name: "lost" });
        return Promise.resolve()
          .then(send)
          .then(
            () => "sent",
            (error: Error) => error.message,
          );
      }),
    );
    expect(errors[0]).toBe(errors[1]);
    expect(errors[0]).toMatch(/noSuchMiddleware is not found/);
  });
});

describe("the build step's jobs, as v3 does them", () => {
  it.each(FLAVORS)("%s: inside Lambda, the invocation's trace id goes out as X-Amzn-Trace-Id, and one the request has is kept", async (flavor) => {
    const { client, send, handler } = setup(flavor, "STS");
    await send(); // outside Lambda: none
    process.env._X_AMZN_TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    await send(); // a trace id without a function: none
    process.env.AWS_LAMBDA_FUNCTION_NAME = "rotate-keys";
    await send();
    client.middlewareStack.add(
      (next: any) => (args: any) => {
        args.request.headers["x-amzn-trace-id"] = "Root=mine";
        return next(args);
      },
      { step: "serialize", name: "ownTrace" },
    );
    await send();
    const traceIds = (request: HttpRequest) => Object.keys(request.headers).filter((name) => name.toLowerCase() === "x-amzn-trace-id").map((name) => request.headers[name]);
    expect(handler.requests.map((request) => traceIds(request).join(" and ") || "none")).toEqual([
      "none",
      "none",
      process.env._X_AMZN_TRACE_ID,
      "Root=mine",
    ]);
  });

  it.each(FLAVORS)("%s: Content-Length counts the body's UTF-8 bytes, unless the request has one; a set Host is kept", async (flavor) => {
    const { client, send, handler } = setup(flavor, "STS");
    let replace: (request: any) => void = () => {};
    client.middlewareStack.add(
      (next: any) => (args: any) => {
        replace(args.request);
        return next(args);
      },
      { step: "serialize", name: "rewrite" },
    );
    replace = (request) => (request.body = "Note=ünï🔑");
    await send();
    replace = (request) => Object.assign(request.headers, { "Content-Length": "3", host: "example.test" });
    await send();
    const [counted, given] = handler.requests as [HttpRequest, HttpRequest];
    expect(header(counted.headers, "content-length")).toBe(String(new TextEncoder().encode("Note=ünï🔑").byteLength));
    expect(counted.headers.host).toBe("sts.eu-west-1.amazonaws.com");
    expect(header(given.headers, "content-length")).toBe("3");
    expect(given.headers.host).toBe("example.test");
  });

  it.each(FLAVORS)("%s: a request handler that speaks HTTP/2 gets :authority instead of Host", async (flavor) => {
    const captured = captureHandler(ANSWERS.GetAccessKeyInfo);
    const http2 = { metadata: { handlerProtocol: "h2" }, handle: captured.handle.bind(captured) };
    const { send } = setup(flavor, "STS", { requestHandler: http2 });
    await send();
    const request = captured.requests[0]!;
    expect(request.headers[":authority"]).toBe("sts.eu-west-1.amazonaws.com");
    expect(request.headers.host).toBeUndefined();
  });
});

describe("an observability plugin sees errors as with v3", () => {
  it.each(FLAVORS)("%s: a middleware before the deserializer catches the typed error with its status, and rethrows it", async (flavor) => {
    const { client } = setup(flavor, "IAM", { answer: ANSWERS.NoSuchEntity });
    const failures: string[] = [];
    client.middlewareStack.addRelativeTo(
      (next: any) => async (args: any) => {
        try {
          return await next(args);
        } catch (error) {
          failures.push(`${(error as Error).name} ${(error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode}`);
          throw error;
        }
      },
      { relation: "before", toMiddleware: "deserializerMiddleware", name: "countFailures" },
    );
    const Command = flavor === "keysmith" ? UpdateAccessKeyCommand : V3UpdateAccessKey;
    const error = await client.send(new Command({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })).catch((caught: Error) => caught);
    expect(error.name).toBe("NoSuchEntityException");
    if (flavor === "keysmith") expect(error).toBeInstanceOf(NoSuchEntityException);
    expect(failures).toEqual(["NoSuchEntityException 404"]);
  });
});
