// Bad input gets one clear error naming every field and rule, and nothing is sent.
import { afterAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, InputValidationError, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { AssumeRoleCommand, GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { captureHandler, testCredentials } from "./support/capture.js";

const okResponse = { status: 200, body: "<UpdateAccessKeyResponse/>" };

function clientsWith(handler: ReturnType<typeof captureHandler>, validateInput?: boolean) {
  const config = { region: "us-east-1", credentials: testCredentials, requestHandler: handler, validateInput };
  return { iam: new IAMClient(config), sts: new STSClient(config) };
}

type Case = { name: string; command: () => any; want: string };

const cases: Case[] = [
  {
    name: "the issue's example: bad enum value and short key id, both reported",
    command: () => new UpdateAccessKeyCommand({ AccessKeyId: "AKIA", Status: "Bogus" as any }),
    want: 'UpdateAccessKey: AccessKeyId length must be 16..128 (got 4); Status must be one of Active, Expired, Inactive (got "Bogus")',
  },
  { name: "missing required members", command: () => new UpdateAccessKeyCommand({} as any), want: "UpdateAccessKey: AccessKeyId is required (got nothing); Status is required (got nothing)" },
  { name: "null counts as missing", command: () => new UpdateAccessKeyCommand({ AccessKeyId: null, Status: "Active" } as any), want: "UpdateAccessKey: AccessKeyId is required (got nothing)" },
  { name: "pattern", command: () => new CreateAccessKeyCommand({ UserName: "bob smith" }), want: 'CreateAccessKey: UserName must match ^[\\w+=,.@-]+$ (got "bob smith")' },
  { name: "empty string is too short", command: () => new CreateAccessKeyCommand({ UserName: "" }), want: 'CreateAccessKey: UserName length must be 1..128 (got 0); UserName must match ^[\\w+=,.@-]+$ (got "")' },
  { name: "too long", command: () => new CreateAccessKeyCommand({ UserName: "a".repeat(129) }), want: "CreateAccessKey: UserName length must be 1..128 (got 129)" },
  { name: "length counts code points, not UTF-16 units", command: () => new GetAccessKeyInfoCommand({ AccessKeyId: "🔑".repeat(15) }), want: "GetAccessKeyInfo: AccessKeyId length must be 16..128 (got 15)" },
  { name: "wrong type", command: () => new CreateAccessKeyCommand({ UserName: 42 as any }), want: "CreateAccessKey: UserName must be a string (got 42)" },
  { name: "lone surrogate", command: () => new CreateAccessKeyCommand({ UserName: "ab\uD800cd" }), want: "CreateAccessKey: UserName must be valid Unicode (it holds a lone surrogate)" },
  { name: "unknown member", command: () => new CreateAccessKeyCommand({ UserName: "bob", Username: "bob" } as any), want: "CreateAccessKey: Username is not a member of CreateAccessKeyRequest (got a string of 3 characters)" },
  { name: "input that is not an object", command: () => new GetAccessKeyInfoCommand("AKIAIOSFODNN7EXAMPLE" as any), want: "GetAccessKeyInfo: input must be an object (GetAccessKeyInfoRequest)" },
  { name: "null for an input that requires nothing", command: () => new CreateAccessKeyCommand(null as any), want: "CreateAccessKey: input must be an object (CreateAccessKeyRequest) (got null)" },
  {
    name: "no input where one is required",
    // @ts-expect-error: UpdateAccessKey requires AccessKeyId and Status, so its command needs an input
    command: () => new UpdateAccessKeyCommand(),
    want: "UpdateAccessKey: input must be an object (UpdateAccessKeyRequest) (got undefined)",
  },
  {
    name: "a number out of its range (MinimumSessionTokenSize, AWS's 0..4096)",
    command: () => new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/R", RoleSessionName: "s1", MinimumSessionTokenSize: 4097 }),
    want: "AssumeRole: MinimumSessionTokenSize must be 0..4096 (got 4097)",
  },
  {
    name: "an empty list under its minimum (ProvidedContexts, AWS's 1..5)",
    command: () => new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/R", RoleSessionName: "s1", ProvidedContexts: [] }),
    want: "AssumeRole: ProvidedContexts length must be 1..5 (got 0)",
  },
  {
    // The serializer sends what the prototype holds; before, the check skipped it and it went out unchecked.
    name: "a member the input inherits is checked as it will be sent",
    command: () => new UpdateAccessKeyCommand(Object.assign(Object.create({ UserName: "a".repeat(200) }), { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" })),
    want: "UpdateAccessKey: UserName length must be 1..128 (got 200)",
  },
  { name: "long values are described by their length, never quoted", command: () => new GetAccessKeyInfoCommand({ AccessKeyId: `${"A".repeat(60)} ` }), want: "GetAccessKeyInfo: AccessKeyId must match ^[\\w]*$ (got a string of 61 characters)" },
];

// Each case's outcome, recorded before it is asserted, so the summary counts what happened, failures included.
const rejectedBeforeSending: boolean[] = [];
afterAll(() => console.log(`validation: ${rejectedBeforeSending.filter(Boolean).length}/${rejectedBeforeSending.length} bad inputs rejected before sending`));

describe("client-side validation from the model", () => {
  it.each(cases)("$name", async ({ command, want }) => {
    const handler = captureHandler(okResponse);
    const { iam, sts } = clientsWith(handler);
    const cmd = command();
    const client: { send(command: unknown): Promise<unknown> } = cmd instanceof GetAccessKeyInfoCommand || cmd instanceof AssumeRoleCommand ? (sts as any) : (iam as any);
    const error = await client.send(cmd).then(() => undefined, (e: unknown) => e);
    rejectedBeforeSending.push(error instanceof InputValidationError && handler.requests.length === 0);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as Error).message.slice(0, want.length)).toBe(want);
    expect(handler.requests).toHaveLength(0);
  });

  it("lists each problem with its path, rule and value description", async () => {
    const { iam } = clientsWith(captureHandler(okResponse));
    const error = (await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIA", Status: "Bogus" as any })).catch((e) => e)) as InputValidationError;
    expect(error.operation).toBe("UpdateAccessKey");
    expect(error.problems).toEqual([
      { path: "AccessKeyId", rule: "length must be 16..128", got: "4" },
      { path: "Status", rule: "must be one of Active, Expired, Inactive", got: '"Bogus"' },
    ]);
  });

  it("lets valid input through", async () => {
    const handler = captureHandler(okResponse);
    const { iam } = clientsWith(handler);
    await iam.send(new UpdateAccessKeyCommand({ UserName: "a+b=c,d.e@f-g_h", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" }));
    expect(handler.requests).toHaveLength(1);
  });

  it("takes an input whose members are getters of its class, and sends them, as v3 does", async () => {
    class Rotation {
      get AccessKeyId() {
        return "AKIAIOSFODNN7EXAMPLE";
      }
      get Status() {
        return "Inactive" as const;
      }
    }
    const handler = captureHandler(okResponse);
    await clientsWith(handler).iam.send(new UpdateAccessKeyCommand(new Rotation()));
    expect(String(handler.requests[0]!.body)).toBe("Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive");
  });

  // The schemas keep each @pattern as its source and flags; the validator compiles it on first use, flags included
  // (without the u flag, \p{L} would be the letters "p{L}" and "Équipe" would fail).
  it.each([
    { key: "Équipe 2: a/b=c+d-e@f", want: undefined },
    { key: "a*b", want: 'AssumeRole: Tags[0].Key must match ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$ (got "a*b")' },
    { key: "Ünïcode", want: undefined },
  ])("checks a pattern with Unicode properties (a tag key $key), compiled on first use", async ({ key, want }) => {
    const handler = captureHandler({ status: 200, body: "<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>" });
    const { sts } = clientsWith(handler);
    const command = new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/R", RoleSessionName: "s1", Tags: [{ Key: key, Value: "v" }] });
    const error = await sts.send(command).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (want === undefined) expect(handler.requests).toHaveLength(1);
    else expect([(error as Error).message.slice(0, want.length), handler.requests.length]).toEqual([want, 0]);
  });

  it("can be turned off, to send what the model does not know yet", async () => {
    const handler = captureHandler(okResponse);
    const { iam } = clientsWith(handler, false);
    await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Suspended" as any }));
    expect(String(handler.requests[0]!.body)).toContain("Status=Suspended");
  });
});
