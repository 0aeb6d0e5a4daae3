// The names generated code gives types, exceptions and properties: v3's names (capitalized shapes, `_` before a
// reserved word, `…SyntheticServiceException` for a base exception a shape already names), and no identifier that
// collides with another or changes what an object is (`__proto__`, `constructor`). Also what a wire code shared by
// two errors becomes, and enum values their own constraints leave out.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { Model, ModelError } from "../codegen/model/model.js";
import { baseExceptionName, exceptionProperty, memberProperty, typeNamer } from "../codegen/model/names.js";
import { planService } from "../codegen/model/walk.js";
import { decodeForm } from "../src/protocol/form.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { typeCheck } from "./support/full-models-typecheck.js";
import { hasShared, readProjectJson, readSharedJson, sharedDir } from "./support/shared.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const ns = "example.names";
const ref = (name: string, traits: Record<string, unknown> = {}) => ({ target: name.includes("#") ? name : `${ns}#${name}`, traits });
const str = (traits: Record<string, unknown> = {}) => ref("smithy.api#String", traits);
const error = (members: Record<string, unknown>, code?: string) => ({
  type: "structure",
  members,
  traits: { "smithy.api#error": "client", ...(code ? { "aws.protocols#awsQueryError": { code, httpResponseCode: 400 } } : {}) },
});

/** Members both the input and the output have: names that are reserved somewhere, and shapes whose names are. */
const members = {
  ["__proto__"]: str(), // computed: a plain `__proto__:` would set this object's prototype
  constructor: str(),
  toString: str(),
  Status: ref("statusType"),
  When: ref("Date"),
  Command: ref("PingCommand"),
  Client: ref("ExampleClient"),
  Runtime: ref("QueryClient"),
  Choice: ref("Choice"),
  Amount: ref("smithy.api#BigDecimal"),
};

function model(): any {
  return {
    smithy: "2.0",
    shapes: {
      [`${ns}#Service`]: {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: `${ns}#Ping` }],
        traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Example" }, "aws.auth#sigv4": { name: "example" } },
      },
      [`${ns}#Ping`]: {
        type: "operation",
        input: ref("PingInput"),
        output: ref("PingOutput"),
        errors: ["ExampleServiceException", "Oops", "Missing", "GoneMissing", "BetaGone", "AlphaGone"].map((name) => ref(name)),
      },
      [`${ns}#PingInput`]: { type: "structure", members: { ...members, Format: ref("Format"), Size: ref("Size"), Kind: ref("Kind") } },
      [`${ns}#PingOutput`]: { type: "structure", members },
      [`${ns}#statusType`]: { type: "enum", members: { Active: ref("smithy.api#Unit", { "smithy.api#enumValue": "Active" }), ["__proto__"]: ref("smithy.api#Unit", { "smithy.api#enumValue": "proto" }) } },
      [`${ns}#Date`]: { type: "structure", members: { Day: str() } },
      [`${ns}#PingCommand`]: { type: "structure", members: { Line: str() } },
      [`${ns}#ExampleClient`]: { type: "structure", members: { Id: str() } },
      [`${ns}#QueryClient`]: { type: "structure", members: { Id: str() } },
      [`${ns}#Choice`]: { type: "union", members: { ["__proto__"]: str(), toString: ref("smithy.api#Integer") } },
      // Constraints that leave values out: a length, a pattern, a range.
      [`${ns}#Format`]: {
        type: "enum",
        members: { JSON: ref("smithy.api#Unit", { "smithy.api#enumValue": "json" }), LONG: ref("smithy.api#Unit", { "smithy.api#enumValue": "a-long-value" }) },
        traits: { "smithy.api#length": { min: 1, max: 5 } },
      },
      [`${ns}#Size`]: {
        type: "enum",
        members: { S: ref("smithy.api#Unit", { "smithy.api#enumValue": "s" }), XL: ref("smithy.api#Unit", { "smithy.api#enumValue": "XL" }) },
        traits: { "smithy.api#pattern": "^[a-z]+$" },
      },
      [`${ns}#Kind`]: {
        type: "intEnum",
        members: { ONE: ref("smithy.api#Unit", { "smithy.api#enumValue": 1 }), HUNDRED: ref("smithy.api#Unit", { "smithy.api#enumValue": 100 }) },
        traits: { "smithy.api#range": { max: 10 } },
      },
      [`${ns}#ExampleServiceException`]: error({ Message: str() }),
      [`${ns}#Oops`]: error({ message: str(), name: str(), constructor: str(), stack: str(), toString: str(), ["__proto__"]: str(), Reason: str() }),
      // Two errors with one code, one of them named after it; two with one code, neither named after it.
      [`${ns}#Missing`]: error({ message: str() }, "Missing"),
      [`${ns}#GoneMissing`]: error({ message: str() }, "Missing"),
      [`${ns}#BetaGone`]: error({ message: str() }, "Gone"),
      [`${ns}#AlphaGone`]: error({ message: str() }, "Gone"),
    },
  };
}

/** The plan and type namer of a model. */
function namesOf(ast: unknown) {
  const plan = planService(new Model(ast));
  const name = typeNamer(plan);
  return { plan, name, base: baseExceptionName(plan, name) };
}

describe("type names, as the official SDK gives them", () => {
  const { name } = namesOf(model());
  it.each([
    { name: "a shape name is capitalized", shape: "statusType", want: "StatusType" },
    { name: "a built-in type gets `_` in front", shape: "Date", want: "_Date" },
    { name: "the runtime's names are kept free", shape: "QueryClient", want: "_QueryClient" },
    { name: "a command's name stays the command's", shape: "PingCommand", want: "_PingCommand" },
    { name: "the client's name stays the client's", shape: "ExampleClient", want: "_ExampleClient" },
    { name: "other names stay as they are", shape: "PingInput", want: "PingInput" },
  ])("$name: $shape → $want", ({ shape, want }) => {
    expect(name(`${ns}#${shape}`)).toBe(want);
  });

  it("the service's rename map names a shape first; the rules apply to the new name", () => {
    const ast = model();
    ast.shapes[`${ns}#Service`].rename = { [`${ns}#PingCommand`]: "pinger", [`${ns}#ExampleClient`]: "array" };
    const { name } = namesOf(ast);
    expect([name(`${ns}#PingCommand`), name(`${ns}#ExampleClient`)]).toEqual(["Pinger", "_Array"]);
  });

  it("two shapes that would share a name are a model error", () => {
    const ast = model();
    ast.shapes[`${ns}#StatusType`] = { type: "enum", members: { A: ref("smithy.api#Unit") } };
    ast.shapes[`${ns}#PingInput`].members.Other = ref("StatusType");
    expect(() => namesOf(ast)).toThrow(new ModelError(`shapes ${ns}#StatusType and ${ns}#statusType would both be named StatusType; give one another name in the service's rename map`));
  });

  it.each([
    { name: "no shape takes the name", remove: ["ExampleServiceException"], want: "ExampleServiceException" },
    { name: "a shape takes the name: Synthetic, as v3", remove: [], want: "ExampleSyntheticServiceException" },
    { name: "a shape takes that one too", add: ["ExampleSyntheticServiceException"], want: "ExampleSyntheticSyntheticServiceException" },
  ])("the base exception: $name → $want", ({ remove = [], add = [], want }: { remove?: string[]; add?: string[]; want: string }) => {
    const ast = model();
    for (const shape of remove) {
      delete ast.shapes[`${ns}#${shape}`];
      ast.shapes[`${ns}#Ping`].errors = ast.shapes[`${ns}#Ping`].errors.filter((error: { target: string }) => error.target !== `${ns}#${shape}`);
    }
    for (const shape of add) ast.shapes[`${ns}#${shape}`] = { type: "structure", members: {} };
    expect(namesOf(ast).base).toBe(want);
  });

  it("every name generated code imports from the runtime is one no shape can take", () => {
    const models = [model(), readProjectJson("model/iam.json"), readProjectJson("model/sts.json")];
    if (hasShared) for (const file of readdirSync(`${sharedDir}aws-models`).filter((f) => f.endsWith(".json"))) models.push(readSharedJson(`aws-models/${file}`));
    const imported = new Set<string>();
    for (const ast of models) {
      for (const text of generate(ast, { runtime: "keysmith/runtime", source: "x.json" }).values()) {
        for (const [, names] of text.matchAll(/import (?:type )?\{([^}]*)\} from "keysmith\/runtime";/g)) {
          for (const item of names!.split(",")) {
            const name = item.trim().replace(/^type /, "");
            if (/^[A-Z]/.test(name)) imported.add(name);
          }
        }
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    const ast = model();
    for (const name of imported) {
      ast.shapes[`${ns}#${name}`] = { type: "structure", members: {} };
      ast.shapes[`${ns}#PingInput`].members[`Has${name}`] = ref(name);
    }
    const namer = namesOf(ast).name;
    expect([...imported].filter((name) => namer(`${ns}#${name}`) !== `_${name}`)).toEqual([]);
  });
});

describe("property names", () => {
  it.each([
    { member: "__proto__", want: "___proto__", exception: "___proto__" },
    { member: "constructor", want: "constructor", exception: "_constructor" },
    { member: "name", want: "name", exception: "_name" },
    { member: "stack", want: "stack", exception: "_stack" },
    { member: "toString", want: "toString", exception: "_toString" },
    { member: "Reason", want: "Reason", exception: "Reason" },
  ])("$member: $want in structures, $exception in exceptions", ({ member, want, exception }) => {
    expect(memberProperty(member)).toBe(want);
    expect(exceptionProperty(member)).toBe(exception);
  });
});

const scratch = scratchDir("names");
let client: Record<string, any>;

beforeAll(async () => {
  generateInto(scratch.path, model(), { source: "names.json" });
  client = await importGenerated(scratch.path);
});
afterAll(() => scratch.remove());

function send(input: object, response: CannedResponse = { status: 200, body: "<PingResponse><PingResult/></PingResponse>" }) {
  const handler = captureHandler(response);
  const example = new client.ExampleClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
  return { result: example.send(new client.PingCommand(input)) as Promise<any>, handler };
}

describe("the generated client", () => {
  it("type-checks as strict TypeScript", () => {
    expect(typeCheck([scratch.path])).toEqual([]);
  });

  it("exports the base exception under its synthetic name, and the modeled error under its own", () => {
    expect(new client.ExampleServiceException({ $metadata: {} })).toBeInstanceOf(client.ExampleSyntheticServiceException);
    expect(client.ExampleServiceException.name).toBe("ExampleServiceException");
    expect(client.StatusType).toEqual({ Active: "Active", ___proto__: "proto" });
    expect(Object.getPrototypeOf(client.StatusType)).toBe(Object.prototype);
  });

  it("sends reserved member names under their own names on the wire", async () => {
    const { result, handler } = send({ ___proto__: "p", constructor: "c", toString: "t", Choice: { ___proto__: "u" } });
    await result;
    expect(decodeForm(String(handler.requests[0]!.body)).slice(2)).toEqual([
      ["__proto__", "p"],
      ["constructor", "c"],
      ["toString", "t"],
      ["Choice.__proto__", "u"],
    ]);
  });

  it("sends no member an input only inherits (constructor and toString from Object.prototype)", async () => {
    const { result, handler } = send({ Choice: { toString: 1 } });
    await result;
    expect(decodeForm(String(handler.requests[0]!.body)).slice(2)).toEqual([["Choice.toString", "1"]]);
  });

  it("reads them into plain objects, without touching a prototype", async () => {
    const body = "<PingResponse><PingResult><toString>t</toString><Choice><toString>1</toString></Choice></PingResult></PingResponse>";
    const output = await send({}, { status: 200, body }).result;
    expect([output.toString, output.Choice]).toEqual(["t", { toString: 1 }]);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
  });

  it.each(["__proto__", "constructor"])("an element named %s is refused by the XML reader, a DeserializationError", async (name) => {
    const body = `<PingResponse><PingResult><${name}>p</${name}></PingResult></PingResponse>`;
    const thrown = await send({}, { status: 200, body }).result.catch((e) => e);
    expect(thrown).toBeInstanceOf(client.ExampleSyntheticServiceException);
    expect(thrown.name).toBe("DeserializationError");
  });

  it("gives an exception's reserved members `_` names, and keeps its own name and class", async () => {
    const body =
      "<ErrorResponse><Error><Type>Sender</Type><Code>Oops</Code><Message>broken</Message><name>n</name>" +
      "<stack>s</stack><toString>t</toString><Reason>r</Reason></Error></ErrorResponse>";
    const thrown = await send({}, { status: 400, body }).result.catch((e) => e);
    expect(thrown).toBeInstanceOf(client.Oops);
    expect(thrown.constructor).toBe(client.Oops);
    expect([thrown.name, thrown.message, String(thrown)]).toEqual(["Oops", "broken", "Oops: broken"]);
    expect({ _name: thrown._name, _stack: thrown._stack, _toString: thrown._toString, Reason: thrown.Reason }).toEqual({
      _name: "n",
      _stack: "s",
      _toString: "t",
      Reason: "r",
    });
  });

  it.each([
    { code: "Missing", want: "Missing", why: "the error named after the code" },
    { code: "Gone", want: "AlphaGone", why: "none is named after it: the first by name" },
  ])("a code two errors share, $code, becomes $want: $why", async ({ code, want }) => {
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error></ErrorResponse>`;
    const thrown = await send({}, { status: 400, body }).result.catch((e) => e);
    expect(thrown).toBeInstanceOf(client[want]);
    expect(thrown.name).toBe(want);
  });

  it.each([
    { member: "Format", value: "a-long-value", values: "json", why: "its length is over the enum's 5" },
    { member: "Size", value: "XL", values: "s", why: "it does not match the enum's pattern" },
    { member: "Kind", value: 100, values: "1", why: "it is over the intEnum's range" },
  ])("$member refuses $value, which the model lists, as $why", async ({ member, value, values }) => {
    await expect(send({ [member]: value }).result).rejects.toThrow(`${member} must be one of ${values} (got `);
  });
});
