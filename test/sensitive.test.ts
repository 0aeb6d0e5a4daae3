// Secrets never reach logs, error messages, or the printed form of clients, configs and errors; callers still get them.
import { inspect } from "node:util";
import { getLoggerPlugin } from "@aws-sdk/core/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { redact, SENSITIVE_STRING } from "../src/schema/redact.js";
import type { StructureSchema } from "../src/contract.js";
import { InputValidationError, validateInput } from "../src/schema/validate.js";
import { validationMessage } from "../src/local/validate.js";

let server: LocalEndpoint;
beforeAll(async () => {
  server = await startLocalEndpoint();
});
afterAll(() => server.close());

/** A logger that keeps everything it is given, rendered the way a console would print it. */
function capturingLogger() {
  const lines: string[] = [];
  const keep = (...content: unknown[]) => void lines.push(content.map((item) => inspect(item, { depth: 10, showHidden: true })).join(" "));
  return { lines, logger: { trace: keep, debug: keep, info: keep, warn: keep, error: keep } };
}

describe("a full run's logs, errors and printed objects hold no secret", () => {
  it("searches everything for every secret used: none found", async () => {
    server.createUser("sensitive-user");
    const session = server.createSessionCredentials("sensitive-user");
    const { lines, logger } = capturingLogger();
    const iam = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: session, logger });
    const sts = new STSClient({ region: "us-east-1", endpoint: server.url, credentials: async () => session, logger });

    const created = await iam.send(new CreateAccessKeyCommand({ UserName: "sensitive-user" }));
    const newSecret = created.AccessKey!.SecretAccessKey!;
    expect(newSecret).toHaveLength(40); // the caller gets the secret
    await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: created.AccessKey!.AccessKeyId! }));
    await iam.send(new UpdateAccessKeyCommand({ UserName: "sensitive-user", AccessKeyId: created.AccessKey!.AccessKeyId!, Status: "Inactive" }));
    const errors = [
      await iam.send(new CreateAccessKeyCommand({ UserName: "sensitive-user" })).catch((e) => e), // LimitExceeded
      await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" })).catch((e) => e), // NoSuchEntity
      await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: "x", Status: "On" as any })).catch((e) => e), // validation
      await new STSClient({ region: "us-east-1", endpoint: server.url, credentials: { ...session, secretAccessKey: newSecret }, logger })
        .send(new GetAccessKeyInfoCommand({ AccessKeyId: session.accessKeyId }))
        .catch((e) => e), // SignatureDoesNotMatch
    ];
    expect(errors.map((e) => e.name)).toEqual(["LimitExceededException", "NoSuchEntityException", "InputValidationError", "SignatureDoesNotMatch"]);

    const haystack = [
      ...lines,
      ...errors.flatMap((e) => [e.message, inspect(e, { depth: 10 }), JSON.stringify(e)]),
      inspect(iam, { depth: 10 }),
      inspect(sts, { depth: 10 }),
      inspect(iam.config, { depth: 10 }),
      JSON.stringify(iam.config),
    ].join("\n");
    const secrets = { "signing secret": session.secretAccessKey, "session token": session.sessionToken, "new key's secret": newSecret };
    const found = Object.entries(secrets).filter(([, secret]) => haystack.includes(secret)).map(([name]) => name);
    console.log(`sensitive: ${found.length} secrets found in ${lines.length} log lines, ${errors.length} errors and 4 printed objects`);
    expect(found).toEqual([]);
    expect(lines.join("\n")).toContain(SENSITIVE_STRING); // the log shows where the secret was
  });
});

describe("redaction and validation messages, by schema", () => {
  const schema: StructureSchema = {
    name: "Login",
    members: {
      User: { type: "string" },
      Password: { type: "string", sensitive: true, length: { min: 8 } },
      Pin: { type: "number", sensitive: true, range: { max: 9999 } },
      Keys: { type: "list", member: { type: "structure", schema: () => ({ name: "Key", members: { Secret: { type: "string", sensitive: true } } }) } },
    },
  };

  it("redact replaces sensitive values at any depth and keeps the rest", () => {
    expect(redact(schema, { User: "bob", Password: "hunter22", Pin: 1234, Keys: [{ Secret: "s1" }, { Secret: "s2" }] })).toEqual({
      User: "bob",
      Password: SENSITIVE_STRING,
      Pin: SENSITIVE_STRING,
      Keys: [{ Secret: SENSITIVE_STRING }, { Secret: SENSITIVE_STRING }],
    });
  });

  it("a validation message never shows a sensitive value, in the client's wording or the endpoint's", () => {
    const sensitiveValues = ["short", "123456", "42", "xsecret"];
    const problems = validateInput(
      { ...schema, members: { ...schema.members, Tokens: { type: "list", sensitive: true, member: { type: "string", pattern: /^t/ } } } },
      { Password: "short", Pin: 123456, Keys: [{ Secret: 42 }], Tokens: ["xsecret"] },
    );
    expect(problems).toEqual([
      { path: "Password", rule: "length must be at least 8", got: "5" },
      { path: "Pin", rule: "must be at most 9999", got: "a number" },
      { path: "Keys[0].Secret", rule: "must be a string", got: "a number" },
      { path: "Tokens[0]", rule: "must match ^t", got: "a string of 7 characters" },
    ]);
    const clientText = `${JSON.stringify(problems)} ${new InputValidationError("Login", problems).message}`;
    expect(sensitiveValues.filter((value) => clientText.includes(value))).toEqual([]);

    const endpointText = validationMessage({ name: "Login", members: { User: { type: "string", pattern: /^\w+$/ }, Password: schema.members.Password! } }, new Map([["User", "bob smith"], ["Password", "short"]]));
    expect(endpointText).toBe(
      "2 validation errors detected: Value 'bob smith' at 'user' failed to satisfy constraint: Member must satisfy regular expression pattern: \\w+; " +
        "Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 8",
    );
  });
});

describe("v3's logger middleware on a keysmith client", () => {
  it("finds v3's filters in the call's context and logs CreateAccessKey's output without the secret", async () => {
    server.createUser("v3-logged-user");
    const { lines, logger } = capturingLogger();
    const iam = new IAMClient({ region: "us-east-1", endpoint: server.url, credentials: server.createSessionCredentials("v3-logged-user"), logger });
    iam.middlewareStack.use(getLoggerPlugin({}));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "v3-logged-user" }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(AccessKey!.AccessKeyId!);
    expect(lines[0]).toContain(SENSITIVE_STRING);
    expect(lines[0]).not.toContain(AccessKey!.SecretAccessKey!);
  });
});
