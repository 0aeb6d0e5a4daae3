// No silently missing values: a 2xx response that leaves out what the model requires, or its Result element, is a
// DeserializationError, never a success with `undefined` where the model promises a value; a required list or map
// left out reads as empty; a namespace prefix only binds a name, so `<sts:Account xmlns:sts="…">` reads as Account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, IAMServiceException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
const KEY_MEMBERS = `<UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status>`;
const metadata = "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>";
const createAccessKey = (result: string, root = `CreateAccessKeyResponse xmlns="${IAM_NS}"`) => `<${root}>${result}${metadata}</${root.split(" ")[0]}>`;
const getAccessKeyInfo = (result: string) => `<GetAccessKeyInfoResponse xmlns="${STS_NS}">${result}${metadata}</GetAccessKeyInfoResponse>`;

function answering(body: string): { requestHandler: ReturnType<typeof captureHandler>; region: string; credentials: typeof testCredentials; maxAttempts: number } {
  return { requestHandler: captureHandler({ status: 200, headers: { "x-amzn-requestid": "req-1" }, body }), region: "us-east-1", credentials: testCredentials, maxAttempts: 1 };
}

const refused = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("an output without members: nothing to read, so a blank 200 body is a success, as in v3", () => {
  it.each([
    { name: "an empty body", body: "" },
    { name: "whitespace only", body: " \n\t\r\n" },
    { name: "the usual document", body: `<UpdateAccessKeyResponse xmlns="${IAM_NS}">${metadata}</UpdateAccessKeyResponse>` },
  ])("UpdateAccessKey, $name", async ({ body }) => {
    const output = await new IAMClient(answering(body)).send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" }));
    expect(output).toEqual({ $metadata: expect.objectContaining({ httpStatusCode: 200, requestId: "req-1" }) });
  });

  it("UpdateAccessKey refuses a body that is not blank and not its document", async () => {
    const error = await refused(new IAMClient(answering("Service OK")).send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })));
    expect(error).toMatchObject({ name: "DeserializationError" });
  });

  it("GetAccessKeyInfo, whose output has a member, refuses a blank body", async () => {
    const error = await refused(new STSClient(answering(" \n")).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })));
    expect(error).toMatchObject({ name: "DeserializationError" });
  });
});

describe("CreateAccessKey: a 200 without what the model requires is a DeserializationError", () => {
  const cases: Array<{ name: string; body: string; want: RegExp }> = [
    {
      name: "no SecretAccessKey",
      body: createAccessKey(`<CreateAccessKeyResult><AccessKey>${KEY_MEMBERS}<CreateDate>2015-03-09T18:39:23Z</CreateDate></AccessKey></CreateAccessKeyResult>`),
      want: /: AccessKey has no SecretAccessKey, which the model requires$/,
    },
    {
      name: "no UserName, AccessKeyId or Status",
      body: createAccessKey(`<CreateAccessKeyResult><AccessKey><SecretAccessKey>${SECRET}</SecretAccessKey></AccessKey></CreateAccessKeyResult>`),
      want: /: AccessKey has no UserName, AccessKeyId, Status, which the model requires$/,
    },
    { name: "an empty AccessKey", body: createAccessKey("<CreateAccessKeyResult><AccessKey/></CreateAccessKeyResult>"), want: /AccessKey has no UserName, AccessKeyId, Status, SecretAccessKey/ },
    { name: "no AccessKey", body: createAccessKey("<CreateAccessKeyResult/>"), want: /: CreateAccessKeyResponse has no AccessKey, which the model requires$/ },
    { name: "no Result element", body: createAccessKey(""), want: /^could not read the CreateAccessKey response \(HTTP 200\): no <CreateAccessKeyResult> element$/ },
    {
      name: "a SecretAccessKey with an undeclared prefix",
      body: createAccessKey(`<CreateAccessKeyResult><AccessKey>${KEY_MEMBERS}<iam:SecretAccessKey>${SECRET}</iam:SecretAccessKey></AccessKey></CreateAccessKeyResult>`),
      want: /the namespace prefix iam of iam:SecretAccessKey is not declared/,
    },
  ];

  it.each(cases)("$name", async ({ body, want }) => {
    const error = await refused(new IAMClient(answering(body)).send(new CreateAccessKeyCommand({ UserName: "Bob" })));
    expect(error).toBeInstanceOf(IAMServiceException);
    expect(error).toMatchObject({ name: "DeserializationError", $fault: "server", $metadata: { httpStatusCode: 200, requestId: "req-1" } });
    expect((error as Error).message).toMatch(want);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it("is not retried: the key may exist", async () => {
    const handler = captureHandler({ status: 200, body: cases[0]!.body });
    const error = await refused(new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler }).send(new CreateAccessKeyCommand({})));
    expect(error).toMatchObject({ name: "DeserializationError", $metadata: { attempts: 1 } });
    expect(handler.requests).toHaveLength(1);
  });

  it("every required member present: the key, with or without its optional CreateDate", async () => {
    const body = createAccessKey(`<CreateAccessKeyResult><AccessKey>${KEY_MEMBERS}<SecretAccessKey>${SECRET}</SecretAccessKey></AccessKey></CreateAccessKeyResult>`);
    const { AccessKey } = await new IAMClient(answering(body)).send(new CreateAccessKeyCommand({}));
    expect(AccessKey).toEqual({ UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active", SecretAccessKey: SECRET });
  });

  it("prefixed names everywhere read by their local names", async () => {
    const prefixed = (name: string, value: string) => `<iam:${name}>${value}</iam:${name}>`;
    const accessKey = [["UserName", "Bob"], ["AccessKeyId", "AKIAIOSFODNN7EXAMPLE"], ["Status", "Active"], ["SecretAccessKey", SECRET]].map(([n, v]) => prefixed(n!, v!)).join("");
    const body =
      `<iam:CreateAccessKeyResponse xmlns:iam="${IAM_NS}"><iam:CreateAccessKeyResult><iam:AccessKey>${accessKey}</iam:AccessKey></iam:CreateAccessKeyResult>` +
      `<iam:ResponseMetadata><iam:RequestId>req-1</iam:RequestId></iam:ResponseMetadata></iam:CreateAccessKeyResponse>`;
    const { AccessKey, $metadata } = await new IAMClient(answering(body)).send(new CreateAccessKeyCommand({}));
    expect(AccessKey).toEqual({ UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active", SecretAccessKey: SECRET });
    expect($metadata.requestId).toBe("req-1");
  });
});

describe("GetAccessKeyInfo: Account is optional, the Result element is not", () => {
  const cases: Array<{ name: string; body: string; want: { Account?: string } | RegExp }> = [
    { name: "Account", body: getAccessKeyInfo("<GetAccessKeyInfoResult><Account>012345678901</Account></GetAccessKeyInfoResult>"), want: { Account: "012345678901" } },
    {
      name: "a prefixed Account",
      body: getAccessKeyInfo(`<GetAccessKeyInfoResult><sts:Account xmlns:sts="${STS_NS}">012345678901</sts:Account></GetAccessKeyInfoResult>`),
      want: { Account: "012345678901" },
    },
    {
      name: "a prefix declared on the root",
      body: `<sts:GetAccessKeyInfoResponse xmlns:sts="${STS_NS}"><sts:GetAccessKeyInfoResult><sts:Account>012345678901</sts:Account></sts:GetAccessKeyInfoResult></sts:GetAccessKeyInfoResponse>`,
      want: { Account: "012345678901" },
    },
    { name: "an empty Result: no Account", body: getAccessKeyInfo("<GetAccessKeyInfoResult/>"), want: {} },
    { name: "an undeclared prefix", body: getAccessKeyInfo("<GetAccessKeyInfoResult><sts:Account>012345678901</sts:Account></GetAccessKeyInfoResult>"), want: /prefix sts of sts:Account is not declared/ },
    { name: "no Result element", body: getAccessKeyInfo(""), want: /no <GetAccessKeyInfoResult> element/ },
  ];

  it.each(cases)("$name", async ({ body, want }) => {
    const outcome = await new STSClient(answering(body)).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).then(
      ({ $metadata, ...output }) => output,
      (error: unknown) => error,
    );
    if (want instanceof RegExp) {
      expect(outcome).toMatchObject({ name: "DeserializationError" });
      expect((outcome as Error).message).toMatch(want);
    } else {
      expect(outcome).toEqual(want);
    }
  });
});

// Each kind of member, required in a small model's output, and the exemptions Smithy gives.
const ns = "example.required";
const ref = (name: string, traits: Record<string, unknown> = {}) => ({ target: name.includes("#") ? name : `${ns}#${name}`, traits });
const required = (name: string, traits: Record<string, unknown> = {}) => ref(name, { "smithy.api#required": {}, ...traits });
const model = {
  smithy: "2.0",
  shapes: {
    [`${ns}#Service`]: {
      type: "service",
      version: "2024-06-01",
      operations: [{ target: `${ns}#Read` }],
      errors: [{ target: `${ns}#Refused` }],
      traits: { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Required" }, "aws.auth#sigv4": { name: "required" } },
    },
    [`${ns}#Read`]: { type: "operation", output: ref("ReadOutput") },
    [`${ns}#ReadOutput`]: {
      type: "structure",
      members: {
        Text: required("smithy.api#String"),
        Count: required("smithy.api#Integer"),
        Flag: required("smithy.api#Boolean"),
        When: required("smithy.api#Timestamp"),
        Color: required("Color"),
        Item: required("Item"),
        Names: required("Names"),
        FlatNames: required("Names", { "smithy.api#xmlFlattened": {}, "smithy.api#xmlName": "Name" }),
        Labels: required("Labels"),
        Loose: required("smithy.api#String", { "smithy.api#clientOptional": {} }),
        Size: required("smithy.api#Integer", { "smithy.api#default": 0 }),
        Note: ref("smithy.api#String"),
        Prefixed: ref("smithy.api#String", { "smithy.api#xmlName": "p:Prefixed" }),
      },
    },
    [`${ns}#Item`]: { type: "structure", members: { Id: required("smithy.api#String"), Label: ref("smithy.api#String") } },
    [`${ns}#Color`]: { type: "enum", members: { RED: ref("smithy.api#Unit", { "smithy.api#enumValue": "red" }) } },
    [`${ns}#Names`]: { type: "list", member: ref("smithy.api#String") },
    [`${ns}#Labels`]: { type: "map", key: ref("smithy.api#String"), value: ref("smithy.api#String") },
    [`${ns}#Refused`]: {
      type: "structure",
      members: { Message: required("smithy.api#String"), Status: required("smithy.api#String"), Item: ref("Item") },
      traits: { "smithy.api#error": "client", "aws.protocols#awsQueryError": { code: "Refused", httpResponseCode: 400 } },
    },
  },
};

const everything: Record<string, string> = {
  Text: "<Text>t</Text>",
  Count: "<Count>0</Count>",
  Flag: "<Flag>false</Flag>",
  When: "<When>2024-02-29T12:34:56Z</When>",
  Color: "<Color>red</Color>",
  Item: "<Item><Id>i-1</Id></Item>",
  Names: "<Names><member>a</member></Names>",
  FlatNames: "<Name>b</Name>",
  Labels: "<Labels><entry><key>k</key><value>v</value></entry></Labels>",
};
const without = (...left: string[]) => Object.entries(everything).filter(([member]) => !left.includes(member)).map(([, xml]) => xml).join("");
const everyValue = { Text: "t", Count: 0, Flag: false, When: new Date("2024-02-29T12:34:56Z"), Color: "red", Item: { Id: "i-1" }, Names: ["a"], FlatNames: ["b"], Labels: { k: "v" } };

const scratch = scratchDir("required");
let generated: Record<string, any>;
beforeAll(async () => {
  generateInto(scratch.path, model, { source: "required.json" });
  generated = await importGenerated(scratch.path);
});
afterAll(() => scratch.remove());

function read(response: CannedResponse): Promise<unknown> {
  const client = new generated.RequiredClient({ region: "us-east-1", credentials: testCredentials, requestHandler: captureHandler(response), maxAttempts: 1 });
  return client.send(new generated.ReadCommand({})).then(
    ({ $metadata, ...output }: { $metadata: unknown }) => output,
    (error: unknown) => error,
  );
}
const result = (xml: string): CannedResponse => ({ status: 200, body: `<ReadResponse xmlns="https://example.com/doc/"><ReadResult>${xml}</ReadResult>${metadata}</ReadResponse>` });

describe("per kind of member, required in an output", () => {
  const errors: Array<{ name: string; xml: string; want: string }> = [
    { name: "a string", xml: without("Text"), want: "ReadOutput has no Text" },
    { name: "a number (no 0 stands in)", xml: without("Count"), want: "ReadOutput has no Count" },
    { name: "a boolean (no false stands in)", xml: without("Flag"), want: "ReadOutput has no Flag" },
    { name: "a timestamp (no epoch stands in)", xml: without("When"), want: "ReadOutput has no When" },
    { name: "an enum", xml: without("Color"), want: "ReadOutput has no Color" },
    { name: "a structure", xml: without("Item"), want: "ReadOutput has no Item" },
    { name: "a member of a nested structure", xml: without("Item") + "<Item><Label>l</Label></Item>", want: "Item has no Id" },
    { name: "several at once", xml: without("Text", "Count", "Names"), want: "ReadOutput has no Text, Count" },
  ];
  it.each(errors)("$name: absent, a DeserializationError naming it", async ({ xml, want }) => {
    const error = await read(result(xml));
    expect(error).toMatchObject({ name: "DeserializationError", message: `could not read the Read response (HTTP 200): ${want}, which the model requires` });
  });

  const outputs: Array<{ name: string; xml: string; want: object }> = [
    { name: "every member present", xml: without(), want: everyValue },
    { name: "a list, absent: empty", xml: without("Names"), want: { ...everyValue, Names: [] } },
    { name: "a flattened list, absent (as an empty one is on the wire): empty", xml: without("FlatNames"), want: { ...everyValue, FlatNames: [] } },
    { name: "a map, absent: empty", xml: without("Labels"), want: { ...everyValue, Labels: {} } },
    { name: "an empty wrapped list and map", xml: without("Names", "Labels") + "<Names/><Labels/>", want: { ...everyValue, Names: [], Labels: {} } },
    { name: "@clientOptional and @default members, the optional one, present", xml: without() + "<Loose>l</Loose><Size>3</Size><Note>n</Note>", want: { ...everyValue, Loose: "l", Size: 3, Note: "n" } },
    { name: "an empty string is present", xml: without("Text") + "<Text/>", want: { ...everyValue, Text: "" } },
    {
      name: "an xmlName with a prefix reads by its local name",
      xml: without() + '<q:Prefixed xmlns:q="urn:q">x</q:Prefixed>',
      want: { ...everyValue, Prefixed: "x" },
    },
  ];
  it.each(outputs)("$name", async ({ xml, want }) => {
    expect(await read(result(xml))).toEqual(want);
  });

  it("@clientOptional and @default members absent: no error, and absent (the service applies a default)", async () => {
    const output = await read(result(without()));
    expect(output).toEqual(everyValue);
    expect(output).not.toHaveProperty("Loose");
    expect(output).not.toHaveProperty("Size");
  });

  it("an error is the modeled exception though it lacks its required members", async () => {
    const error = await read({ status: 400, body: "<ErrorResponse><Error><Type>Sender</Type><Code>Refused</Code><Message>no</Message></Error></ErrorResponse>" });
    expect(error).toBeInstanceOf(generated.Refused);
    expect(error).toMatchObject({ name: "Refused", message: "no" });
  });

  it("an error whose members cannot be read is a DeserializationError naming its code", async () => {
    const body = "<ErrorResponse><Error><Type>Sender</Type><Code>Refused</Code><Message>no</Message><Item><Label>l</Label></Item></Error></ErrorResponse>";
    const error = await read({ status: 400, body });
    expect(error).toBeInstanceOf(generated.RequiredServiceException);
    expect(error).toMatchObject({ name: "DeserializationError", message: "could not read the Refused error (HTTP 400): Item has no Id, which the model requires", $metadata: { httpStatusCode: 400 } });
  });
});
