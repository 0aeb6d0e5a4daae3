// Host prefixes (`@endpoint`): where a call to such an operation goes, with a client generated from a small model.
// The protocol vectors pin the two cases AWS's test suite has (AwsQueryEndpointTrait, …WithHostLabel); these pin
// the rest of Smithy's client rules: label values checked, the prefix signed, `disableHostPrefix`, and the member
// still sent in the body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeForm } from "../src/protocol/form.js";
import { authorizationParts, captureHandler, testCredentials } from "./support/capture.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const ns = "example.prefix";
const operation = (hostPrefix: string, input?: string) => ({
  type: "operation",
  ...(input ? { input: { target: `${ns}#${input}` } } : {}),
  traits: { "smithy.api#endpoint": { hostPrefix } },
});
const label = { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#hostLabel": {} } };

const model = {
  smithy: "2.0",
  shapes: {
    [`${ns}#Prefixed`]: {
      type: "service",
      version: "2025-01-01",
      operations: [{ target: `${ns}#Fixed` }, { target: `${ns}#Labelled` }],
      traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Prefixed" }, "aws.auth#sigv4": { name: "prefixed" } },
    },
    [`${ns}#Fixed`]: operation("data."),
    [`${ns}#Labelled`]: operation("{Account}-{Zone}.data.", "LabelledInput"),
    [`${ns}#LabelledInput`]: { type: "structure", members: { Account: label, Zone: label, Note: { target: "smithy.api#String" } } },
  },
};

const scratch = scratchDir("host-prefix");
let client: Record<string, any>;
beforeAll(async () => {
  generateInto(scratch.path, model, { source: "prefixed.json" });
  client = await importGenerated(scratch.path);
});
afterAll(() => scratch.remove());

async function send(command: string, input: object, options: Record<string, unknown> = {}) {
  const handler = captureHandler({ status: 200, body: `<${command}Response><${command}Result/></${command}Response>` });
  const prefixed = new client.PrefixedClient({ region: "eu-west-1", credentials: testCredentials, endpoint: "https://api.example.com", requestHandler: handler, ...options });
  const outcome = await prefixed.send(new client[`${command}Command`](input)).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { error: outcome as Error | undefined, request: handler.requests[0] };
}

describe("a call to an operation with a host prefix", () => {
  it.each([
    { name: "a prefix without labels goes in front of the endpoint's host", command: "Fixed", input: {}, host: "data.api.example.com" },
    { name: "labels are filled from the input", command: "Labelled", input: { Account: "123456789012", Zone: "eu1" }, host: "123456789012-eu1.data.api.example.com" },
    { name: "a label may hold labels joined by dots", command: "Labelled", input: { Account: "a.b", Zone: "c" }, host: "a.b-c.data.api.example.com" },
  ])("$name, signed as sent", async ({ command, input, host }) => {
    const { error, request } = await send(command, input);
    expect(error).toBeUndefined();
    expect([request!.hostname, request!.headers.host]).toEqual([host, host]);
    expect(authorizationParts(request!).signedHeaders.split(";")).toContain("host");
  });

  it("still sends the label's members in the body, as Smithy says a host label changes no serialization", async () => {
    const { request } = await send("Labelled", { Account: "acct", Zone: "z1", Note: "hi" });
    expect(decodeForm(String(request!.body))).toEqual([["Action", "Labelled"], ["Version", "2025-01-01"], ["Account", "acct"], ["Zone", "z1"], ["Note", "hi"]]);
  });

  it.each([
    { command: "Fixed", input: {} },
    { command: "Labelled", input: { Account: "not a host label", Zone: "" } },
  ])("goes to the endpoint's host as it is with disableHostPrefix, v3's option: $command", async ({ command, input }) => {
    const { error, request } = await send(command, input, { disableHostPrefix: true });
    expect(error).toBeUndefined();
    expect([request!.hostname, request!.headers.host]).toEqual(["api.example.com", "api.example.com"]);
  });
});

describe("the host prefix's middleware", () => {
  // That it stays out of bundles of clients whose operations have none: test/credential-bundle.test.ts.
  it("is right after the serializer, before the Host header and the signature", () => {
    const prefixed = new client.PrefixedClient({ region: "eu-west-1", credentials: testCredentials });
    const names = (command: { middlewareStack: { identify(): string[] } }) =>
      prefixed.middlewareStack.concat(command.middlewareStack).identify().map((entry: string) => entry.split(" ")[0]);
    // A command's own middleware is put on its stack at its first send; resolving registers it the same way.
    const fixed = new client.FixedCommand({});
    fixed.resolveMiddleware(prefixed.middlewareStack, prefixed.config);
    const order = names(fixed);
    expect(order.indexOf("hostPrefixMiddleware")).toBe(order.indexOf("serializerMiddleware") + 1);
    expect(order.indexOf("hostPrefixMiddleware")).toBeLessThan(order.indexOf("hostHeaderMiddleware"));
  });
});

describe("a label that cannot be part of a host name", () => {
  it.each([
    { name: "empty, which Smithy says a client must refuse", Account: "", got: '""' },
    { name: "with a character no host name has", Account: "x.io/#", got: '"x.io/#"' },
    { name: "longer, shown by its length only, as every value past 12 characters", Account: "acct/evil.example.com#", got: "a string of 22 characters" },
    { name: "starting with a hyphen", Account: "-acct", got: '"-acct"' },
    { name: "with an empty label between dots", Account: "a..b", got: '"a..b"' },
    { name: "a label longer than 63 characters, too long to quote", Account: "a".repeat(64), got: "a string of 64 characters" },
  ])("is refused before sending, naming the member and the rule: $name", async ({ Account, got }) => {
    const { error, request } = await send("Labelled", { Account, Zone: "z1" });
    expect(request).toBeUndefined();
    expect(error).toMatchObject({ name: "InputValidationError", problems: [{ path: "Account", got }] });
    expect(error!.message).toBe(`Labelled: Account must be a host name's label, or labels joined by ".": 1 to 63 letters, digits or "-" each, neither first nor last a "-" (got ${got})`);
  });

  it("is refused when input validation is off too, as the host could not be made without it", async () => {
    const { error, request } = await send("Labelled", { Zone: "z1" }, { validateInput: false });
    expect(request).toBeUndefined();
    expect(error).toMatchObject({ name: "InputValidationError", problems: [{ path: "Account", got: "undefined" }] });
  });
});

describe("an endpoint that is an IP address", () => {
  it.each(["http://127.0.0.1:4566", "http://[::1]:4566"])("takes no prefix: the call is refused, pointing at disableHostPrefix, and with it goes to %s", async (endpoint) => {
    const refused = await send("Fixed", {}, { endpoint });
    expect(refused.request).toBeUndefined();
    expect(refused.error).toBeInstanceOf(TypeError);
    expect(refused.error!.message).toMatch(/^Fixed goes to a host prefixed with "data\." \(its model's @endpoint\), which the IP address .* cannot take: set the client's disableHostPrefix/);
    const sent = await send("Fixed", {}, { endpoint, disableHostPrefix: true });
    expect(sent.error).toBeUndefined();
    expect(`http://${sent.request!.headers.host}`).toBe(endpoint);
  });
});
