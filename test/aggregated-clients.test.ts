// The aggregated clients (`IAM`, `STS`) as the official SDK has them: a method per operation, sending the same
// commands through `send`, as a promise or with a callback; and kept out of bundles that only use the plain clients.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as v3iam from "@aws-sdk/client-iam";
import * as v3sts from "@aws-sdk/client-sts";
import { build } from "esbuild";
import { generate } from "../codegen/generate.js";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { CreateAccessKeyCommand, IAM, IAMClient, NoSuchEntityException, type CreateAccessKeyCommandOutput, type IAMRequestOptions } from "../src/entries/iam.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { STS, STSClient } from "../src/entries/sts.js";
import { readProjectJson } from "./support/shared.js";

let server: LocalEndpoint;
beforeAll(async () => {
  server = await startLocalEndpoint();
});
afterAll(() => server.close());

const configAs = (credentials: { accessKeyId: string; secretAccessKey: string }) => ({ region: "us-east-1", endpoint: server.url, credentials });
const unknownKey = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" } as const;

/** What a call gave, in a form that compares across SDKs: the output's members, or the error's name. */
const outcome = (err: any, data?: any) => (err ? { error: err.name } : { members: Object.keys(data).filter((key) => key !== "$metadata").sort() });

/** Calls `method` in the callback form, with options before the callback or not, and resolves with what the callback got. */
function viaCallback(call: (callback: (err: any, data?: any) => void) => unknown): Promise<{ returned: unknown; got: ReturnType<typeof outcome> }> {
  return new Promise((resolve) => {
    let returned: unknown;
    returned = call((err, data) => resolve({ returned, got: outcome(err, data) }));
  });
}

describe("a method per operation, named as v3 names it", () => {
  it.each([
    { service: "iam", ours: IAM, theirs: v3iam.IAM, base: IAMClient },
    { service: "sts", ours: STS, theirs: v3sts.STS, base: STSClient },
  ])("$service: one method per modeled operation, each also a method of v3's aggregated client, on a subclass of the client", ({ service, ours, theirs, base }) => {
    const model = readProjectJson(`model/${service}.json`);
    const operations = Object.entries<any>(model.shapes).filter(([, shape]) => shape.type === "operation").map(([id]) => id.split("#")[1]!);
    const methods = Object.getOwnPropertyNames(ours.prototype).filter((name) => name !== "constructor");
    expect(methods.sort()).toEqual(operations.map((name) => name[0]!.toLowerCase() + name.slice(1)).sort());
    for (const method of methods) expect(typeof (theirs.prototype as any)[method], `v3's ${theirs.name}.${method}`).toBe("function");
    expect(Object.getPrototypeOf(ours)).toBe(base);
  });
});

describe("generated for any model", () => {
  const ns = "example.names";
  const operation = (name: string) => [`${ns}#${name}`, { type: "operation" }] as const;
  const model = {
    smithy: "2.0",
    shapes: {
      [`${ns}#Names`]: {
        type: "service",
        version: "2024-06-01",
        operations: ["Send", "Destroy", "Describe"].map((name) => ({ target: `${ns}#${name}` })),
        traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Names" }, "aws.auth#sigv4": { name: "names" } },
      },
      ...Object.fromEntries(["Send", "Destroy", "Describe"].map(operation)),
    },
  };

  it("an operation whose method would replace one of the client's own (send, destroy) has none, and the class says so", () => {
    const file = generate(model, { runtime: "keysmith/runtime", source: "names.json" }).get("Names.ts")!;
    expect(file).toMatch(/^  describe\(\): Promise<DescribeCommandOutput>;$/m);
    expect(file).not.toMatch(/^  (send|destroy)\(/m);
    expect(file).toContain("Send has no method: `send` is the client's own. Send `new SendCommand(input)` instead.");
    expect(file).toContain("Destroy has no method: `destroy` is the client's own.");
  });
});

describe("calls, side by side with v3's aggregated clients against the embedded endpoint", () => {
  const clients = [
    { sdk: "keysmith", iam: (config: object) => new IAM(config), sts: (config: object) => new STS(config) },
    { sdk: "v3", iam: (config: object) => new v3iam.IAM(config), sts: (config: object) => new v3sts.STS(config) },
  ];

  it.each(clients)("$sdk: a promise, with and without options", async ({ iam, sts }) => {
    const user = server.createUser(`promise-${Math.random().toString(36).slice(2, 8)}`);
    const other = server.createUser(`promise-${Math.random().toString(36).slice(2, 8)}`);
    const client: any = iam(configAs(user));
    const created = await client.createAccessKey({ UserName: other.userName });
    expect(created.AccessKey.UserName).toBe(other.userName);
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect((await client.createAccessKey()).AccessKey.UserName).toBe(user.userName); // no input: the caller's own user
    expect(outcome(await client.updateAccessKey(unknownKey, {}).catch((e: unknown) => e))).toEqual({ error: "NoSuchEntityException" });
    const aborted = await client.updateAccessKey(unknownKey, { abortSignal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(aborted.name).toBe("AbortError");
    expect((await sts(configAs(user)).getAccessKeyInfo({ AccessKeyId: user.accessKeyId })).Account).toBe(server.accountId);
  });

  it.each(clients)("$sdk: a callback, after the input or after options, gets the output or the error", async ({ sdk, iam }) => {
    const user = server.createUser(`callback-${Math.random().toString(36).slice(2, 8)}`);
    const client: any = iam(configAs(user));
    const results = [
      await viaCallback((callback) => client.createAccessKey({}, callback)),
      await viaCallback((callback) => client.updateAccessKey(unknownKey, callback)),
      await viaCallback((callback) => client.updateAccessKey(unknownKey, { requestTimeout: 5000 }, callback)),
      await viaCallback((callback) => client.createAccessKey({}, { abortSignal: AbortSignal.abort() }, callback)),
    ];
    expect(results.map(({ got }) => got)).toEqual([
      { members: ["AccessKey"] },
      { error: "NoSuchEntityException" },
      { error: "NoSuchEntityException" },
      { error: "AbortError" },
    ]);
    // v3's methods are async functions, so they return a promise even when they call back; keysmith's return nothing.
    for (const { returned } of results) expect(returned instanceof Promise).toBe(sdk === "v3");
  });
});

describe("built on the commands and send", () => {
  it("sends the operation's command through the client's own send, with the options given", async () => {
    const user = server.createUser("through-send");
    const client = new IAM(configAs(user));
    const sent: Array<{ command: unknown; options: unknown }> = [];
    const send = client.send.bind(client);
    client.send = ((command: unknown, options?: unknown, callback?: unknown) => {
      sent.push({ command, options });
      return (send as any)(command, options, callback);
    }) as typeof client.send;
    const options: IAMRequestOptions = { requestTimeout: 5000 };
    await client.createAccessKey({ UserName: "through-send" }, options);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.command).toBeInstanceOf(CreateAccessKeyCommand);
    expect(sent[0]!.command).toMatchObject({ input: { UserName: "through-send" } });
    expect(sent[0]!.options).toBe(options);
  });

  it("runs the client's middleware, with the command's name in the context, and throws the modeled errors", async () => {
    const client = new IAM(configAs(server.createUser("middleware")));
    const seen: string[] = [];
    client.middlewareStack.add((next, context) => (args) => (seen.push(context.commandName!), next(args)), { step: "initialize", name: "recordCommand" });
    await expect(client.updateAccessKey(unknownKey)).rejects.toBeInstanceOf(NoSuchEntityException);
    expect(seen).toEqual(["UpdateAccessKeyCommand"]);
  });

  it("refuses options before a callback that are not an object, naming what it got, and sends nothing", () => {
    const client = new IAM(configAs(server.createUser("bad-options")));
    let sent = 0;
    client.send = (() => void sent++) as any;
    expect(() => (client.createAccessKey as any)({}, "fast", () => {})).toThrow(new TypeError("Expected http options but got string"));
    expect(sent).toBe(0);
  });
});

describe("bundles", () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  /** What each source file puts into the minified bundle of `code`, in bytes. */
  const bytesByFile = async (code: string) => {
    const { metafile } = await build({
      stdin: { contents: code, resolveDir: root, loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      conditions: ["keysmith-source"],
      mainFields: ["module", "main"],
      write: false,
      metafile: true,
      logLevel: "error",
    });
    const inputs = Object.values(metafile.outputs)[0]!.inputs;
    return (file: string) => inputs[file]?.bytesInOutput ?? 0;
  };
  const entry = (name: string) => JSON.stringify(join(root, `src/entries/${name}.ts`));

  it("an app that sends commands to the plain clients carries none of the aggregated clients' code", async () => {
    const bytes = await bytesByFile(
      `export { STSClient, GetAccessKeyInfoCommand } from ${entry("sts")};\n` +
        `export { IAMClient, CreateAccessKeyCommand, UpdateAccessKeyCommand } from ${entry("iam")};\n`,
    );
    expect(bytes("generated/iam/IAM.ts")).toBe(0);
    expect(bytes("src/client/send-call.ts")).toBe(0);
    // The credential chain's lazy import of keysmith/sts wraps each module of that entry in a lazy initializer, which
    // for a module of types only (models.ts) is all there is: STS.ts leaves no more than that.
    expect(bytes("generated/sts/STS.ts")).toBeLessThanOrEqual(bytes("generated/sts/models.ts"));
  }, 60_000);

  it("an app that uses IAM carries its methods (what the test above looks for)", async () => {
    const bytes = await bytesByFile(`export { IAM } from ${entry("iam")};\n`);
    expect(bytes("generated/iam/IAM.ts")).toBeGreaterThan(100);
    expect(bytes("src/client/send-call.ts")).toBeGreaterThan(100);
  }, 60_000);
});

describe("the client's send with a callback", () => {
  it("types the callback's arguments from the command, as v3's does, and calls it with the output", async () => {
    const user = server.createUser(`send-callback-${Math.random().toString(36).slice(2, 8)}`);
    const iam = new IAMClient(configAs(user));
    const keyId = await new Promise<string | undefined>((resolve, reject) =>
      // No annotations: the arrow's parameters take their types from send's callback form (tsc checks this file).
      iam.send(new CreateAccessKeyCommand({}), (err, data) => {
        expectTypeOf(data).toEqualTypeOf<CreateAccessKeyCommandOutput | undefined>();
        if (err) reject(err);
        else resolve(data?.AccessKey?.AccessKeyId);
      }),
    );
    expect(keyId).toMatch(/^AKIA/);
  });
});
