import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAccessKeyId, makeAccessKeyId } from "../../src/key-id/describe.js";
import { CreateAccessKeyCommand, IAMClient, InputValidationError, UpdateAccessKeyCommand } from "../../generated/iam/index.js";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../../src/entries/local.js";
import { ownServices } from "../../src/entries/wiring/own-services.js";
import { startEndpoint } from "../../src/local/server.js";
import { IAM_NS, STS_NS, call, errorOf, type CallOptions } from "./helpers.js";

// A fixed server clock makes CreateDate exact; requests are signed at the same instant.
const NOW = Date.parse("2015-03-09T18:39:23.411Z");
const ACCOUNT = "012345678901"; // leading zero: must survive as a string
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: LocalEndpoint;
let alice: LocalUserCredentials;
let bob: LocalUserCredentials;

beforeAll(async () => {
  server = await startLocalEndpoint({ accountId: ACCOUNT, now: () => NOW });
  alice = server.createUser("alice");
  bob = server.createUser("bob");
});
afterAll(() => server.close());

function as(credentials: LocalUserCredentials | { accessKeyId: string; secretAccessKey: string; sessionToken: string }, options: CallOptions = {}) {
  return (action: string, params: Record<string, string> = {}) =>
    call(server.url, action, params, { credentials, signingDate: new Date(NOW), ...options });
}

describe("successful actions answer with AWS's XML envelopes", () => {
  it("CreateUser returns the new user in the IAM namespace", async () => {
    const result = await as(alice)("CreateUser", { UserName: "carol" });
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toBe("text/xml");
    const response = result.xml.CreateUserResponse;
    expect(response["@_xmlns"]).toBe(IAM_NS);
    expect(response.CreateUserResult.User).toEqual({
      Path: "/",
      UserName: "carol",
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:user/carol`,
      CreateDate: "2015-03-09T18:39:23.411Z",
    });
    expect(response.ResponseMetadata.RequestId).toMatch(UUID);
    expect(result.headers["x-amzn-requestid"]).toBe(response.ResponseMetadata.RequestId);
  });

  it("CreateAccessKey for a named user returns a real-format key that encodes the account", async () => {
    server.createUser("dave");
    const result = await as(alice)("CreateAccessKey", { UserName: "dave" });
    expect(result.status).toBe(200);
    const response = result.xml.CreateAccessKeyResponse;
    expect(response["@_xmlns"]).toBe(IAM_NS);
    const key = response.CreateAccessKeyResult.AccessKey;
    expect(key).toEqual({
      UserName: "dave",
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: "Active",
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      CreateDate: "2015-03-09T18:39:23.411Z",
    });
    expect(describeAccessKeyId(key.AccessKeyId).account).toBe(ACCOUNT);
    expect(response.ResponseMetadata.RequestId).toBe(result.headers["x-amzn-requestid"]);

    expect(server.listAccessKeys("dave").map((k) => k.accessKeyId)).toContain(key.AccessKeyId);
    // The new key works at once.
    const identity = await as({ userName: "dave", accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey })("GetCallerIdentity");
    expect(identity.xml.GetCallerIdentityResponse.GetCallerIdentityResult.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/dave`);
  });

  it("CreateAccessKey without UserName creates the key for the caller's own user", async () => {
    const erin = server.createUser("erin");
    const result = await as(erin)("CreateAccessKey");
    expect(result.status).toBe(200);
    expect(result.xml.CreateAccessKeyResponse.CreateAccessKeyResult.AccessKey.UserName).toBe("erin");
    expect(server.listAccessKeys("erin")).toHaveLength(2);
  });

  it("UpdateAccessKey answers with ResponseMetadata only and changes the status", async () => {
    const frank = server.createUser("frank");
    const result = await as(alice)("UpdateAccessKey", { UserName: "frank", AccessKeyId: frank.accessKeyId, Status: "Inactive" });
    expect(result.status).toBe(200);
    expect(Object.keys(result.xml.UpdateAccessKeyResponse)).toEqual(["ResponseMetadata", "@_xmlns"]);
    expect(result.xml.UpdateAccessKeyResponse.ResponseMetadata.RequestId).toMatch(UUID);
    expect(server.listAccessKeys("frank")).toEqual([
      { accessKeyId: frank.accessKeyId, status: "Inactive", createDate: new Date(NOW) },
    ]);
  });

  it("UpdateAccessKey without UserName acts on the caller's own key", async () => {
    const gina = server.createUser("gina");
    const second = await as(gina)("CreateAccessKey");
    const secondId = second.xml.CreateAccessKeyResponse.CreateAccessKeyResult.AccessKey.AccessKeyId;
    const result = await as(gina)("UpdateAccessKey", { AccessKeyId: secondId, Status: "Inactive" });
    expect(result.status).toBe(200);
    expect(server.listAccessKeys("gina").find((k) => k.accessKeyId === secondId)?.status).toBe("Inactive");
  });

  it("GetCallerIdentity names the user behind long-term and session credentials", async () => {
    const want = { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, UserId: expect.stringMatching(/^AIDA/) };
    const longTerm = await as(alice)("GetCallerIdentity");
    expect(longTerm.xml.GetCallerIdentityResponse["@_xmlns"]).toBe(STS_NS);
    expect(longTerm.xml.GetCallerIdentityResponse.GetCallerIdentityResult).toEqual(want);
    const session = server.createSessionCredentials("alice");
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const viaSession = await as(session)("GetCallerIdentity");
    expect(viaSession.xml.GetCallerIdentityResponse.GetCallerIdentityResult).toEqual(
      longTerm.xml.GetCallerIdentityResponse.GetCallerIdentityResult,
    );
  });
});

describe("GetAccessKeyInfo", () => {
  const foreign = makeAccessKeyId("AKIA", "999988887777", (n) => randomBytes(n));
  const table = [
    { name: "an issued long-term key", id: () => alice.accessKeyId, want: ACCOUNT },
    { name: "an issued session key", id: () => server.createSessionCredentials("bob").accessKeyId, want: ACCOUNT },
    { name: "a foreign newer-format AKIA key", id: () => foreign, want: "999988887777" },
    { name: "the published ASIA example", id: () => "ASIAY34FZKBOKMUTVV7A", want: "609629065308" },
  ];
  it.each(table)("answers the account of $name", async ({ id, want }) => {
    const result = await as(bob)("GetAccessKeyInfo", { AccessKeyId: id() });
    expect(result.status).toBe(200);
    expect(result.xml.GetAccessKeyInfoResponse["@_xmlns"]).toBe(STS_NS);
    expect(result.xml.GetAccessKeyInfoResponse.GetAccessKeyInfoResult).toEqual({ Account: want });
  });

  // Nothing in these ids says which account owns them, and guessing would be a silent wrong answer.
  it.each(["AKIAIOSFODNN7EXAMPLE", "AROAY34FZKBOKMUTVV7A", "AKIAIOSFODNN7EXAMPLEXYZ"])(
    "refuses %s, whose account cannot be known, with InvalidClientTokenId",
    async (id) => {
      const result = await as(bob)("GetAccessKeyInfo", { AccessKeyId: id });
      expect(result.status).toBe(403);
      expect(errorOf(result)).toMatchObject({ Code: "InvalidClientTokenId", Type: "Sender", xmlns: STS_NS });
    },
  );
});

describe("IAM's entity rules", () => {
  it("refuses a third key with LimitExceeded", async () => {
    const henry = server.createUser("henry");
    expect((await as(henry)("CreateAccessKey")).status).toBe(200);
    const executed = server.stats.executed.CreateAccessKey;
    const third = await as(henry)("CreateAccessKey");
    expect(third.status).toBe(409);
    expect(errorOf(third)).toMatchObject({
      Type: "Sender",
      Code: "LimitExceeded",
      Message: "Cannot exceed quota for AccessKeysPerUser: 2",
      xmlns: IAM_NS,
      RequestId: third.headers["x-amzn-requestid"],
    });
    expect(server.listAccessKeys("henry")).toHaveLength(2);
    expect(server.stats.executed.CreateAccessKey).toBe(executed);
  });

  it("refuses a duplicate user with EntityAlreadyExists", async () => {
    const result = await as(alice)("CreateUser", { UserName: "bob" });
    expect(result.status).toBe(409);
    expect(errorOf(result)).toMatchObject({ Code: "EntityAlreadyExists", Message: "User with name bob already exists." });
  });

  const noSuchEntity = [
    {
      name: "CreateAccessKey for an unknown user",
      action: "CreateAccessKey",
      params: () => ({ UserName: "nobody" }),
      message: () => "The user with name nobody cannot be found.",
    },
    {
      name: "UpdateAccessKey for an unknown user",
      action: "UpdateAccessKey",
      params: () => ({ UserName: "nobody", AccessKeyId: alice.accessKeyId, Status: "Active" }),
      message: () => "The user with name nobody cannot be found.",
    },
    {
      name: "UpdateAccessKey for an unknown key",
      action: "UpdateAccessKey",
      params: () => ({ UserName: "alice", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" }),
      message: () => "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.",
    },
    {
      name: "UpdateAccessKey naming another user's key with a UserName",
      action: "UpdateAccessKey",
      params: () => ({ UserName: "alice", AccessKeyId: bob.accessKeyId, Status: "Inactive" }),
      message: () => `The Access Key with id ${bob.accessKeyId} cannot be found.`,
    },
    {
      name: "UpdateAccessKey naming another user's key without a UserName",
      action: "UpdateAccessKey",
      params: () => ({ AccessKeyId: bob.accessKeyId, Status: "Inactive" }),
      message: () => `The Access Key with id ${bob.accessKeyId} cannot be found.`,
    },
  ];
  it.each(noSuchEntity)("$name → 404 NoSuchEntity", async ({ action, params, message }) => {
    const result = await as(alice)(action, params());
    expect(result.status).toBe(404);
    expect(errorOf(result)).toMatchObject({ Type: "Sender", Code: "NoSuchEntity", Message: message(), xmlns: IAM_NS });
    expect(server.listAccessKeys("bob")[0]!.status).toBe("Active");
  });
});

describe("input validation follows the model's constraints, in AWS's words", () => {
  const pattern = "Member must satisfy regular expression pattern: [\\w+=,.@-]+";
  const table: Array<{ name: string; action: string; params?: Record<string, string>; rawBody?: string; message: string }> = [
    {
      name: "a user name outside the pattern",
      action: "CreateAccessKey",
      params: { UserName: "a b" },
      message: `1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: ${pattern}`,
    },
    {
      name: "'+' in the form, which is a space",
      action: "CreateAccessKey",
      rawBody: "Action=CreateAccessKey&Version=2010-05-08&UserName=a+b",
      message: `1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: ${pattern}`,
    },
    {
      name: "an empty user name",
      action: "CreateAccessKey",
      params: { UserName: "" },
      message:
        "2 validation errors detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        `Value '' at 'userName' failed to satisfy constraint: ${pattern}`,
    },
    {
      name: "a user name over existingUserNameType's 128",
      action: "CreateAccessKey",
      params: { UserName: "u".repeat(129) },
      message: `1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    },
    {
      name: "a new user name over userNameType's 64",
      action: "CreateUser",
      params: { UserName: "u".repeat(65) },
      message: `1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    },
    {
      name: "CreateUser without UserName",
      action: "CreateUser",
      params: {},
      message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    },
    {
      name: "missing required members",
      action: "UpdateAccessKey",
      params: {},
      message:
        "2 validation errors detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'status' failed to satisfy constraint: Member must not be null",
    },
    {
      name: "a status outside the enum",
      action: "UpdateAccessKey",
      params: { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Enabled" },
      message:
        "1 validation error detected: Value 'Enabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Expired, Inactive]",
    },
    {
      name: "a short access key id",
      action: "GetAccessKeyInfo",
      params: { AccessKeyId: "AKIA" },
      message:
        "1 validation error detected: Value 'AKIA' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
    },
    {
      name: "an access key id outside the pattern",
      action: "GetAccessKeyInfo",
      params: { AccessKeyId: "AKIA-IOSFODNN7-EXAMPLE" },
      message:
        "1 validation error detected: Value at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]*",
    },
    {
      name: "a value full of markup, echoed back escaped",
      action: "CreateAccessKey",
      params: { UserName: `<a b="x">&'` },
      message: `1 validation error detected: Value '<a b="x">&'' at 'userName' failed to satisfy constraint: ${pattern}`,
    },
  ];
  it.each(table)("$name → 400 ValidationError", async ({ action, params, rawBody, message }) => {
    const executed = server.stats.executed[action];
    const result = await as(alice, rawBody === undefined ? {} : { rawBody })(action, params);
    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ Type: "Sender", Code: "ValidationError", Message: message });
    expect(server.stats.executed[action]).toBe(executed);
  });

  it("percent-decodes values before checking them", async () => {
    const result = await as(alice, { rawBody: "Action=CreateUser&Version=2010-05-08&UserName=ivy%40example.com" })("CreateUser");
    expect(result.status).toBe(200);
    expect(result.xml.CreateUserResponse.CreateUserResult.User.UserName).toBe("ivy@example.com");
  });

  it("applies the same rules to server.createUser", () => {
    expect(() => server.createUser("a b")).toThrow(/Member must satisfy regular expression pattern/);
  });

  it("server.createUser with accessKey: false makes a user with no key, whose first key another user's key creates", async () => {
    expect(server.createUser("kim", { accessKey: false })).toEqual({ userName: "kim" });
    expect(server.listAccessKeys("kim")).toEqual([]);
    for (const attempt of [1, 2]) expect((await as(alice)("CreateAccessKey", { UserName: "kim" })).status, `key ${attempt}`).toBe(200);
    // The user starts from zero, so IAM's quota of two is reached on the third key, not the second.
    expect(errorOf(await as(alice)("CreateAccessKey", { UserName: "kim" })).Code).toBe("LimitExceeded");
    expect(server.listAccessKeys("kim")).toHaveLength(2);
  });

  it("refuses an accessKey option that is not a boolean, before creating the user", () => {
    expect(() => server.createUser("lee", { accessKey: "no" as unknown as false })).toThrow(new TypeError("createUser: accessKey must be true or false, not a string"));
    expect(() => server.listAccessKeys("lee")).toThrow(/cannot be found/);
  });
  it("with the input schemas the client checks: the same inputs fail on both sides, with the same problems", async () => {
    const client = (validateInput: boolean) => new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: alice, maxAttempts: 1, validateInput, systemClockOffset: NOW - Date.now() });
    const inputs: Array<() => any> = [
      () => new CreateAccessKeyCommand({ UserName: "a b" }),
      () => new CreateAccessKeyCommand({ UserName: "" }),
      () => new UpdateAccessKeyCommand({ AccessKeyId: "AKIA", Status: "Enabled" as any }),
    ];
    for (const command of inputs) {
      const before = (await client(true).send(command()).catch((e) => e)) as InputValidationError;
      const after = (await client(false).send(command()).catch((e) => e)) as Error;
      expect(before).toBeInstanceOf(InputValidationError);
      expect(after.name).toBe("ValidationError");
      expect(after.message).toMatch(new RegExp(`^${before.problems.length} validation errors? detected: `));
    }
  });

  it("reads the schemas it is given, and refuses at start one it cannot read from a form", async () => {
    const onlyA = { ...ownServices.iam.operations.CreateAccessKey.inputSchema, members: { UserName: { type: "string" as const, pattern: /^a+$/ } } };
    const endpoint = await startEndpoint({ ...ownServices, iam: { ...ownServices.iam, operations: { ...ownServices.iam.operations, CreateAccessKey: { inputSchema: onlyA } } } }, { accountId: ACCOUNT, now: () => NOW });
    try {
      const carol = endpoint.createUser("carol");
      const result = await call(endpoint.url, "CreateAccessKey", { UserName: "carol" }, { credentials: carol, signingDate: new Date(NOW) });
      expect(errorOf(result).Message).toBe("1 validation error detected: Value 'carol' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: a+");
    } finally {
      await endpoint.close();
    }
    const withList = { name: "UpdateAccessKeyRequest", members: { Tags: { type: "list" as const, member: { type: "string" as const }, required: true as const } } };
    await expect(startEndpoint({ ...ownServices, iam: { ...ownServices.iam, operations: { ...ownServices.iam.operations, UpdateAccessKey: { inputSchema: withList } } } })).rejects.toThrow(
      "keysmith/local: UpdateAccessKey Tags is a required list; only string, enum and number members are read",
    );
  });
});

describe("routing by credential scope, Action and Version", () => {
  const table = [
    {
      name: "an unknown action",
      action: "DeleteAccessKey",
      options: { service: "iam", version: "2010-05-08" },
      want: { status: 400, code: "InvalidAction", message: "Could not find operation DeleteAccessKey for version 2010-05-08", xmlns: IAM_NS },
    },
    {
      name: "an action named like an Object.prototype member",
      action: "constructor",
      options: { service: "iam", version: "2010-05-08" },
      want: { status: 400, code: "InvalidAction", message: "Could not find operation constructor for version 2010-05-08", xmlns: IAM_NS },
    },
    {
      name: "the wrong Version",
      action: "CreateAccessKey",
      options: { version: "2011-06-15" },
      want: { status: 400, code: "InvalidAction", message: "Could not find operation CreateAccessKey for version 2011-06-15", xmlns: IAM_NS },
    },
    {
      name: "no Version",
      action: "GetCallerIdentity",
      options: { version: null },
      want: { status: 400, code: "InvalidAction", message: "Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED", xmlns: STS_NS },
    },
    {
      name: "an IAM action signed for sts",
      action: "CreateAccessKey",
      options: { service: "sts", version: "2011-06-15" },
      want: { status: 400, code: "InvalidAction", message: "Could not find operation CreateAccessKey for version 2011-06-15", xmlns: STS_NS },
    },
    {
      name: "an STS action signed for iam",
      action: "GetCallerIdentity",
      options: { service: "iam", version: "2010-05-08" },
      want: { status: 400, code: "InvalidAction", message: "Could not find operation GetCallerIdentity for version 2010-05-08", xmlns: IAM_NS },
    },
    {
      name: "no Action",
      action: "",
      options: { rawBody: "Version=2010-05-08&UserName=alice", service: "iam" },
      want: { status: 400, code: "MissingAction", message: "Missing Action", xmlns: IAM_NS },
    },
    {
      name: "broken percent-encoding",
      action: "",
      options: { rawBody: "Action=GetCallerIdentity&Version=2011-06-15&X=%E0%A4%A", service: "sts" },
      want: { status: 400, code: "MalformedQueryString", message: "Invalid percent-encoding in 'X=%E0%A4%A'", xmlns: STS_NS },
    },
  ];
  it.each(table)("$name → $want.code", async ({ action, options, want }) => {
    const executed = { ...server.stats.executed };
    const result = await as(alice, options)(action);
    expect(result.status).toBe(want.status);
    expect(errorOf(result)).toMatchObject({ Code: want.code, Message: want.message, xmlns: want.xmlns });
    expect({ ...server.stats.executed }).toEqual(executed);
  });

  it("counts every Action name it receives, whatever it is", async () => {
    await as(alice, { service: "iam", version: "2010-05-08" })("__proto__");
    expect(server.stats.received["__proto__"]).toBe(1);
  });

  it("serves STS in its region, us-east-1 by default, and signed query strings", async () => {
    const result = await as(alice, { region: "us-east-1", query: { b: "2", a: "x y!" } })("GetCallerIdentity");
    expect(result.status).toBe(200);
  });
});
