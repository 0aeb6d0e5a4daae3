// Every kind of shape an awsQuery service can use, through a client generated from a small model that has them all:
// the TypeScript type each gets, the form pairs its values become, and the values the XML of a response becomes.
// The protocol vectors and the full-model comparison cover the rest; these are the kinds neither exercises
// (bigInteger, bigDecimal, byte and short, sparse collections, unions, @xmlAttribute, @default, Unit output).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decodeForm } from "../src/protocol/form.js";
import { NumericValue } from "../src/protocol/values.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { typeCheck } from "./support/full-models-typecheck.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const ns = "example.shapes";
const ref = (name: string, traits: Record<string, unknown> = {}) => ({ target: name.includes("#") ? name : `${ns}#${name}`, traits });
const prelude = (name: string, traits: Record<string, unknown> = {}) => ref(`smithy.api#${name}`, traits);

/** The members both the input and the output have: every kind of value. */
const members = {
  Str: prelude("String"),
  Bool: prelude("Boolean"),
  Byte: prelude("Byte"),
  Short: prelude("Short"),
  Integer: prelude("Integer"),
  Long: prelude("Long"),
  Float: prelude("Float"),
  Double: prelude("Double"),
  Big: prelude("BigInteger"),
  Decimal: prelude("BigDecimal"),
  Data: prelude("Blob"),
  Color: ref("Color"),
  Level: ref("Level"),
  When: prelude("Timestamp"),
  WhenEpoch: prelude("Timestamp", { "smithy.api#timestampFormat": "epoch-seconds" }),
  WhenHttp: ref("HttpDate"),
  Tree: ref("Node"),
  Names: ref("Names"),
  FlatNames: ref("Names", { "smithy.api#xmlFlattened": {}, "smithy.api#xmlName": "Name" }),
  Items: ref("Items"),
  Holes: ref("SparseNames"),
  Grid: ref("Grid"),
  Nodes: ref("Nodes"),
  Labels: ref("Labels"),
  FlatLabels: ref("Labels", { "smithy.api#xmlFlattened": {}, "smithy.api#xmlName": "Label" }),
  Renamed: ref("RenamedLabels"),
  SparseLabels: ref("SparseLabels"),
  NodesByName: ref("NodesByName"),
  Choice: ref("Choice"),
  Count: prelude("Integer", { "smithy.api#default": 0 }),
  Renamed2: prelude("String", { "smithy.api#xmlName": "AnotherName" }),
};

const model = {
  smithy: "2.0",
  shapes: {
    [`${ns}#Shapes`]: {
      type: "service",
      version: "2024-06-01",
      operations: [{ target: `${ns}#Send` }, { target: `${ns}#Receive` }, { target: `${ns}#Nothing` }],
      errors: [{ target: `${ns}#Detailed` }, { target: `${ns}#Flaky` }, { target: `${ns}#Busy` }],
      traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Shapes" }, "aws.auth#sigv4": { name: "shapes" } },
    },
    [`${ns}#Send`]: { type: "operation", input: ref("SendInput"), output: prelude("Unit") },
    [`${ns}#Receive`]: { type: "operation", output: ref("ReceiveOutput") },
    [`${ns}#Nothing`]: { type: "operation" },
    [`${ns}#SendInput`]: {
      type: "structure",
      members: { ...members, Token: prelude("String", { "smithy.api#idempotencyToken": {} }), Required: prelude("String", { "smithy.api#required": {} }) },
    },
    [`${ns}#ReceiveOutput`]: { type: "structure", members },
    [`${ns}#Color`]: { type: "enum", members: { RED: prelude("Unit", { "smithy.api#enumValue": "red" }), DARK_BLUE: prelude("Unit", { "smithy.api#enumValue": "dark blue" }) } },
    [`${ns}#Level`]: { type: "intEnum", members: { LOW: prelude("Unit", { "smithy.api#enumValue": 1 }), HIGH: prelude("Unit", { "smithy.api#enumValue": 10 }) } },
    [`${ns}#HttpDate`]: { type: "timestamp", traits: { "smithy.api#timestampFormat": "http-date" } },
    [`${ns}#Node`]: { type: "structure", members: { Id: prelude("String", { "smithy.api#xmlAttribute": {}, "smithy.api#xmlName": "id" }), Name: prelude("String"), Child: ref("Node") } },
    [`${ns}#Names`]: { type: "list", member: prelude("String") },
    [`${ns}#Items`]: { type: "list", member: prelude("Integer", { "smithy.api#xmlName": "item" }) },
    [`${ns}#SparseNames`]: { type: "list", member: prelude("String"), traits: { "smithy.api#sparse": {} } },
    [`${ns}#Grid`]: { type: "list", member: ref("Names") },
    [`${ns}#Nodes`]: { type: "list", member: ref("Node") },
    [`${ns}#Labels`]: { type: "map", key: prelude("String"), value: prelude("String") },
    [`${ns}#RenamedLabels`]: { type: "map", key: prelude("String", { "smithy.api#xmlName": "Name" }), value: prelude("Timestamp", { "smithy.api#xmlName": "At" }) },
    [`${ns}#SparseLabels`]: { type: "map", key: prelude("String"), value: prelude("String"), traits: { "smithy.api#sparse": {} } },
    [`${ns}#NodesByName`]: { type: "map", key: prelude("String"), value: ref("Node") },
    [`${ns}#Choice`]: { type: "union", members: { Text: prelude("String"), Number: prelude("Integer"), Tree: ref("Node") } },
    [`${ns}#Detailed`]: {
      type: "structure",
      members: { Message: prelude("String"), Reason: prelude("String"), Limits: ref("Items"), Since: prelude("Timestamp") },
      traits: { "smithy.api#error": "client", "aws.protocols#awsQueryError": { code: "DetailedError", httpResponseCode: 409 } },
    },
    [`${ns}#Flaky`]: { type: "structure", members: {}, traits: { "smithy.api#error": "server", "smithy.api#retryable": {} } },
    [`${ns}#Busy`]: { type: "structure", members: {}, traits: { "smithy.api#error": "client", "smithy.api#retryable": { throttling: true } } },
  },
};

const scratch = scratchDir("shapes");
let client: Record<string, any>;
let files: Map<string, string>;

beforeAll(async () => {
  files = generateInto(scratch.path, model, { source: "shapes.json" });
  client = await importGenerated(scratch.path);
});
afterAll(() => scratch.remove());

// Input validation stays on, so every value these tables send is one the generated schemas accept.
function send(command: string, input: object, response: CannedResponse = { status: 200, body: `<${command}Response/>` }) {
  const handler = captureHandler(response);
  const shapes = new client.ShapesClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
  return {
    result: shapes.send(new client[`${command}Command`](input)) as Promise<any>,
    pairs: async () => decodeForm(String(handler.requests[0]!.body)).slice(2), // without Action and Version
  };
}

describe("types: the official SDK's choices", () => {
  it.each([
    ["Str", "string"],
    ["Bool", "boolean"],
    ["Byte", "number"],
    ["Long", "number"],
    ["Double", "number"],
    ["Big", "bigint"],
    ["Decimal", "NumericValue"],
    ["Data", "Uint8Array"],
    ["Color", "Color"],
    ["Level", "Level"],
    ["When", "Date"],
    ["Names", "string[]"],
    ["Holes", "(string | null)[]"],
    ["Grid", "string[][]"],
    ["Labels", "Record<string, string>"],
    ["SparseLabels", "Record<string, string | null>"],
    ["Renamed", "Record<string, Date>"],
    ["Choice", "Choice"],
    ["Count", "number"],
  ])("%s is %s, optional", (member, type) => {
    expect(files.get("models.ts")).toContain(`  ${member}?: ${type} | undefined;\n`);
  });

  it("a required member is not optional", () => {
    expect(files.get("models.ts")).toContain("  Required: string | undefined;\n");
  });

  it("a NumericValue holds decimal text only", () => {
    expect(String(new NumericValue("-1.5e3", "bigDecimal"))).toBe("-1.5e3");
    expect(() => new NumericValue("1,5", "bigDecimal")).toThrow(RangeError);
  });

  it("enums are value objects as well as types", () => {
    expect(client.Color).toEqual({ RED: "red", DARK_BLUE: "dark blue" });
    expect(client.Level).toEqual({ LOW: 1, HIGH: 10 });
  });

  it("the generated client type-checks as strict TypeScript", () => {
    expect(typeCheck([scratch.path])).toEqual([]);
  });

  it("a command whose operation has no input takes no argument, as v3's does; one whose input has a required member needs it", () => {
    const usage = join(scratch.path, "usage");
    mkdirSync(usage, { recursive: true });
    const lines = [
      'import { NothingCommand, ReceiveCommand, SendCommand } from "../index.js";',
      "new NothingCommand();",
      "new ReceiveCommand();",
      "// @ts-expect-error: Send's input has a required member",
      "new SendCommand();",
    ];
    writeFileSync(join(usage, "commands.ts"), `${lines.join("\n")}\n`);
    expect(typeCheck([usage])).toEqual([]);
  });
});

const at = new Date("2024-02-29T12:34:56.789Z");
const onTheSecond = new Date("2024-02-29T12:34:56Z");

describe("serializers: values to form pairs (with Required and Token set in every case)", () => {
  const cases: Array<{ name: string; input: object; want: Array<[string, string]> }> = [
    { name: "strings; the required member leads though the model declares it last", input: { Str: "a b+c" }, want: [["Str", "a b+c"]] },
    {
      name: "numbers of every size, and special floats",
      input: { Byte: -8, Short: 300, Integer: 7, Long: 9007199254740991, Float: NaN, Double: -Infinity },
      want: [["Byte", "-8"], ["Short", "300"], ["Integer", "7"], ["Long", "9007199254740991"], ["Float", "NaN"], ["Double", "-Infinity"]],
    },
    { name: "Infinity and a fraction", input: { Float: Infinity, Double: 0.1 }, want: [["Float", "Infinity"], ["Double", "0.1"]] },
    {
      name: "bigInteger and bigDecimal keep every digit",
      input: { Big: 123456789012345678901234567890n, Decimal: new NumericValue("-0.000000000000000000012345", "bigDecimal") },
      want: [["Big", "123456789012345678901234567890"], ["Decimal", "-0.000000000000000000012345"]],
    },
    { name: "booleans", input: { Bool: false }, want: [["Bool", "false"]] },
    { name: "a blob as bytes", input: { Data: new Uint8Array([0, 255, 128]) }, want: [["Data", "AP+A"]] },
    { name: "a blob given as text is sent as its UTF-8 bytes", input: { Data: "välue" }, want: [["Data", "dsOkbHVl"]] },
    { name: "enums and intEnums", input: { Color: "dark blue", Level: 10 }, want: [["Color", "dark blue"], ["Level", "10"]] },
    {
      name: "timestamps in each format",
      input: { When: at, WhenEpoch: at, WhenHttp: at },
      want: [["When", "2024-02-29T12:34:56.789Z"], ["WhenEpoch", "1709210096.789"], ["WhenHttp", "Thu, 29 Feb 2024 12:34:56 GMT"]],
    },
    { name: "date-time leaves out zero milliseconds", input: { When: onTheSecond, WhenEpoch: onTheSecond }, want: [["When", "2024-02-29T12:34:56Z"], ["WhenEpoch", "1709210096"]] },
    {
      name: "a recursive structure, attributes sent as members",
      input: { Tree: { Id: "1", Name: "a", Child: { Name: "b", Child: { Name: "c" } } } },
      want: [["Tree.id", "1"], ["Tree.Name", "a"], ["Tree.Child.Name", "b"], ["Tree.Child.Child.Name", "c"]],
    },
    { name: "an empty list", input: { Names: [] }, want: [["Names", ""]] },
    { name: "an empty flattened list", input: { FlatNames: [] }, want: [["Name", ""]] },
    { name: "a list of one", input: { Names: ["x"] }, want: [["Names.member.1", "x"]] },
    { name: "a flattened list under its xmlName", input: { FlatNames: ["x", "y"] }, want: [["Name.1", "x"], ["Name.2", "y"]] },
    { name: "a list whose member has an xmlName", input: { Items: [1, 2] }, want: [["Items.item.1", "1"], ["Items.item.2", "2"]] },
    { name: "a sparse list skips nulls without a gap", input: { Holes: ["a", null, "b"] }, want: [["Holes.member.1", "a"], ["Holes.member.2", "b"]] },
    { name: "a list of lists", input: { Grid: [["a"], []] }, want: [["Grid.member.1.member.1", "a"], ["Grid.member.2", ""]] },
    { name: "a list of structures", input: { Nodes: [{ Name: "a" }, { Name: "b" }] }, want: [["Nodes.member.1.Name", "a"], ["Nodes.member.2.Name", "b"]] },
    { name: "an empty map sends nothing", input: { Labels: {} }, want: [] },
    {
      name: "a map",
      input: { Labels: { k1: "v1", k2: "v2" } },
      want: [["Labels.entry.1.key", "k1"], ["Labels.entry.1.value", "v1"], ["Labels.entry.2.key", "k2"], ["Labels.entry.2.value", "v2"]],
    },
    { name: "a flattened map under its xmlName", input: { FlatLabels: { k: "v" } }, want: [["Label.1.key", "k"], ["Label.1.value", "v"]] },
    { name: "a map with renamed key and value", input: { Renamed: { k: at } }, want: [["Renamed.entry.1.Name", "k"], ["Renamed.entry.1.At", "2024-02-29T12:34:56.789Z"]] },
    { name: "a sparse map skips nulls without a gap", input: { SparseLabels: { a: "1", b: null, c: "3" } }, want: [["SparseLabels.entry.1.key", "a"], ["SparseLabels.entry.1.value", "1"], ["SparseLabels.entry.2.key", "c"], ["SparseLabels.entry.2.value", "3"]] },
    { name: "a map of structures", input: { NodesByName: { n: { Name: "a" } } }, want: [["NodesByName.entry.1.key", "n"], ["NodesByName.entry.1.value.Name", "a"]] },
    { name: "a union sends its one member", input: { Choice: { Tree: { Name: "a" } } }, want: [["Choice.Tree.Name", "a"]] },
    { name: "a member with a @default is sent only when set", input: { Count: 0 }, want: [["Count", "0"]] },
    { name: "an xmlName renames the key", input: { Renamed2: "x" }, want: [["AnotherName", "x"]] },
  ];

  it.each(cases)("$name", async ({ input, want }) => {
    const call = send("Send", { Required: "r", ...input, Token: "t" });
    await call.result;
    expect(await call.pairs()).toEqual([["Required", "r"], ...want, ["Token", "t"]]);
  });

  it("an unset idempotency token is filled with a fresh UUID", async () => {
    const randomUUID = vi.spyOn(globalThis.crypto, "randomUUID").mockReturnValue("00000000-0000-4000-8000-000000000001");
    try {
      const call = send("Send", { Required: "r" });
      await call.result;
      expect(await call.pairs()).toEqual([["Required", "r"], ["Token", "00000000-0000-4000-8000-000000000001"]]);
    } finally {
      randomUUID.mockRestore();
    }
  });
});

describe("validation: what the generated schemas refuse", () => {
  it.each([
    { name: "a bigDecimal given as a string", input: { Decimal: "1.5" }, problem: "Decimal must be a NumericValue with decimal text" },
    { name: "a bigDecimal whose text is not a number", input: { Decimal: { string: "1,5", type: "bigDecimal" } }, problem: "Decimal must be a NumericValue with decimal text" },
    { name: "a null in a list that is not @sparse", input: { Names: ["a", null] }, problem: "Names[1] must not be null" },
  ])("$name", async ({ input, problem }) => {
    const call = send("Send", { Required: "r", Token: "t", ...input });
    await expect(call.result).rejects.toThrow(problem);
  });
});

describe("deserializers: response XML to values", () => {
  const receive = (result: string): CannedResponse => ({
    status: 200,
    body: `<ReceiveResponse xmlns="https://example.com/doc/"><ReceiveResult>${result}</ReceiveResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ReceiveResponse>`,
  });
  const cases: Array<{ name: string; xml: string; want: object }> = [
    {
      name: "numbers of every size, and special floats",
      xml: "<Byte>-8</Byte><Short>300</Short><Integer>7</Integer><Long>9007199254740991</Long><Float>NaN</Float><Double>-Infinity</Double>",
      want: { Byte: -8, Short: 300, Integer: 7, Long: 9007199254740991, Float: NaN, Double: -Infinity },
    },
    {
      name: "bigInteger and bigDecimal keep every digit",
      xml: "<Big>123456789012345678901234567890</Big><Decimal>1.50E-30</Decimal>",
      want: { Big: 123456789012345678901234567890n, Decimal: new NumericValue("1.50E-30", "bigDecimal") },
    },
    { name: "strings keep leading zeros and inner spaces", xml: "<Str> 0012 a&amp;b </Str><AnotherName>x</AnotherName>", want: { Str: " 0012 a&b ", Renamed2: "x" } },
    { name: "an empty string", xml: "<Str/>", want: { Str: "" } },
    { name: "booleans and enums", xml: "<Bool>true</Bool><Color>dark blue</Color><Level>10</Level>", want: { Bool: true, Color: "dark blue", Level: 10 } },
    { name: "a blob, and an empty one", xml: "<Data>AP+A</Data>", want: { Data: new Uint8Array([0, 255, 128]) } },
    { name: "an empty blob", xml: "<Data></Data>", want: { Data: new Uint8Array() } },
    {
      name: "timestamps in each format, with offsets and fractions",
      xml: "<When>2024-02-29T14:34:56.789+02:00</When><WhenEpoch>1709210096.789</WhenEpoch><WhenHttp>Thu, 29 Feb 2024 12:34:56 GMT</WhenHttp>",
      want: { When: at, WhenEpoch: at, WhenHttp: onTheSecond },
    },
    {
      name: "a recursive structure with an attribute",
      xml: '<Tree id="n1"><Name>a</Name><Child id="n2"><Child><Name>c</Name></Child></Child></Tree>',
      want: { Tree: { Id: "n1", Name: "a", Child: { Id: "n2", Child: { Name: "c" } } } },
    },
    { name: "lists of none", xml: "<Names/><Items></Items><Grid>\n  </Grid>", want: { Names: [], Items: [], Grid: [] } },
    { name: "a list of one", xml: "<Names><member>x</member></Names>", want: { Names: ["x"] } },
    { name: "a list of two, member renamed", xml: "<Items><item>1</item><item>2</item></Items>", want: { Items: [1, 2] } },
    { name: "a flattened list of one", xml: "<Name>x</Name>", want: { FlatNames: ["x"] } },
    { name: "a flattened list of two", xml: "<Name>x</Name><Str>s</Str><Name>y</Name>", want: { FlatNames: ["x", "y"], Str: "s" } },
    { name: "a list of lists", xml: "<Grid><member><member>a</member></member><member/></Grid>", want: { Grid: [["a"], []] } },
    { name: "a list of structures", xml: "<Nodes><member><Name>a</Name></member><member><Name>b</Name></member></Nodes>", want: { Nodes: [{ Name: "a" }, { Name: "b" }] } },
    { name: "maps of none", xml: "<Labels/><NodesByName></NodesByName>", want: { Labels: {}, NodesByName: {} } },
    { name: "a map of one", xml: "<Labels><entry><key>k</key><value>v</value></entry></Labels>", want: { Labels: { k: "v" } } },
    {
      name: "a map of two with renamed key and value",
      xml: "<Renamed><entry><Name>a</Name><At>2024-02-29T12:34:56.789Z</At></entry><entry><Name>b</Name><At>2024-02-29T12:34:56Z</At></entry></Renamed>",
      want: { Renamed: { a: at, b: onTheSecond } },
    },
    { name: "a flattened map of one", xml: "<Label><key>k</key><value>v</value></Label>", want: { FlatLabels: { k: "v" } } },
    { name: "a flattened map of two", xml: "<Label><key>a</key><value>1</value></Label><Label><key>b</key><value>2</value></Label>", want: { FlatLabels: { a: "1", b: "2" } } },
    { name: "a map of structures", xml: "<NodesByName><entry><key>n</key><value><Name>a</Name></value></entry></NodesByName>", want: { NodesByName: { n: { Name: "a" } } } },
    { name: "a union", xml: "<Choice><Number>3</Number></Choice>", want: { Choice: { Number: 3 } } },
    { name: "a union member this client does not know", xml: "<Choice><Later>x</Later></Choice>", want: { Choice: { $unknown: ["Later", "x"] } } },
    { name: "a @default member the response leaves out stays out", xml: "<Str>s</Str>", want: { Str: "s" } },
    { name: "unknown elements are skipped", xml: "<Future><Deep>1</Deep></Future><Str>s</Str>", want: { Str: "s" } },
  ];

  it.each(cases)("$name", async ({ xml, want }) => {
    const { $metadata, ...output } = await send("Receive", {}, receive(xml)).result;
    expect(output).toEqual(want);
    expect($metadata.requestId).toBe("r-1");
  });

  it("a map key __proto__ is an entry, not the object's prototype", async () => {
    const { Labels } = await send("Receive", {}, receive("<Labels><entry><key>__proto__</key><value>v</value></entry></Labels>")).result;
    expect(Object.getPrototypeOf(Labels)).toBe(Object.prototype);
    expect(Object.entries(Labels)).toEqual([["__proto__", "v"]]);
  });

  it.each([
    ["<Decimal>1.2.3</Decimal>", 'expected a decimal number, got "1.2.3"'],
    ["<Big>12.5</Big>", 'expected an integer, got "12.5"'],
    ["<Data>not base64!</Data>", "expected base64 data"],
    ["<Names><member><x/></member></Names>", "expected text, found child elements"],
  ])("a value its type cannot hold, %s, is a DeserializationError", async (xml, message) => {
    const error = await send("Receive", {}, receive(xml)).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ShapesServiceException);
    expect(error).toMatchObject({ name: "DeserializationError", $fault: "server" });
    expect(error.message).toContain(message);
  });

  it("a command constructed without an input sends its action alone when its operation has none, and is refused when its input has a required member", async () => {
    const handler = captureHandler({ status: 200, body: "<NothingResponse/>" });
    const shapes = new client.ShapesClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 });
    await shapes.send(new client.NothingCommand());
    expect(decodeForm(String(handler.requests[0]!.body))).toEqual([
      ["Action", "Nothing"],
      ["Version", "2024-06-01"],
    ]);
    const refused = await shapes.send(new client.SendCommand()).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "InputValidationError", message: "Send: input must be an object (SendInput) (got undefined)" });
    expect(handler.requests).toHaveLength(1);
  });

  it("an operation without output gives only $metadata", async () => {
    const output = await send("Nothing", {}, { status: 200, body: "<NothingResponse><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></NothingResponse>" }).result;
    expect(output).toEqual({ $metadata: expect.objectContaining({ httpStatusCode: 200, requestId: "r-2" }) });
  });

  it("an error with members besides its message carries them, typed", async () => {
    const body =
      "<ErrorResponse><Error><Type>Sender</Type><Code>DetailedError</Code><Message>too many</Message>" +
      "<Reason>quota</Reason><Limits><item>1</item><item>2</item></Limits><Since>2024-02-29T12:34:56.789Z</Since></Error><RequestId>r-3</RequestId></ErrorResponse>";
    const error = await send("Receive", {}, { status: 409, body }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.Detailed);
    expect(error).toBeInstanceOf(client.ShapesServiceException);
    expect(error).toMatchObject({ name: "Detailed", $fault: "client", message: "too many", Reason: "quota", Limits: [1, 2], Since: at });
  });

  it.each([
    { code: "DetailedError", status: 409, want: undefined },
    { code: "Flaky", status: 500, want: {} },
    { code: "Busy", status: 400, want: { throttling: true } },
  ])("$code: the exception is marked retryable as its @retryable trait says (a throttle too), in its JSON as well, as v3's classes are", async ({ code, status, want }) => {
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>r-4</RequestId></ErrorResponse>`;
    const error = await send("Receive", {}, { status, body }).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ShapesServiceException);
    expect(error.$retryable).toEqual(want);
    expect(JSON.parse(JSON.stringify(error)).$retryable).toEqual(want);
  });
});
