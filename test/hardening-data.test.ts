// Hardening, data: no secret in a validation message or a log line, no silently missing value, no malformed value
// accepted. Recording and logging failures are in hardening-recording.test.ts, the embedded endpoint's exposure and
// strictness in hardening-endpoint.test.ts.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { IAMClient, InputValidationError, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { validationMessage } from "../src/local/validate.js";
import { validateInput } from "../src/schema/validate.js";
import type { StructureSchema } from "../src/contract.js";
import { captureHandler, testCredentials } from "./support/capture.js";

const SECRET = "OYSX/IgJzk3Q0p4bW9mY2Z3aXNlY3JldGtleTEyZ";

function capturingLogger() {
  const lines: string[] = [];
  const keep = (...content: unknown[]) => void lines.push(content.map((item) => inspect(item, { depth: 10 })).join(" "));
  return { lines, logger: { trace: keep, debug: keep, info: keep, warn: keep, error: keep } };
}

describe("a validation message never carries a value that could be a secret", () => {
  it("a spread AccessKey's SecretAccessKey is named, not shown, in the message, the problems and the log", async () => {
    const { lines, logger } = capturingLogger();
    const handler = captureHandler({ status: 200, body: "<UpdateAccessKeyResponse/>" });
    const iam = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, logger });
    const AccessKey = { UserName: "bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" as const, SecretAccessKey: SECRET, CreateDate: new Date() };
    const error = (await iam.send(new UpdateAccessKeyCommand({ ...AccessKey, Status: "Inactive" })).catch((e) => e)) as InputValidationError;
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.problems).toContainEqual({ path: "SecretAccessKey", rule: "is not a member of UpdateAccessKeyRequest", got: "a string of 40 characters" });
    const haystack = [error.message, JSON.stringify(error.problems), inspect(error, { depth: 10 }), ...lines].join("\n");
    expect(haystack).not.toContain(SECRET.slice(0, 8));
    expect(lines.length).toBeGreaterThan(0);
    expect(handler.requests).toHaveLength(0);
  });

  const schema: StructureSchema = {
    name: "Request",
    members: { UserName: { type: "string", pattern: /^[\w+=,.@-]+$/ }, Status: { type: "enum", values: ["Active", "Inactive"] } },
  };
  const cases = [
    { name: "a secret pasted into a plain member is described by its length", input: { UserName: `${SECRET} ` }, got: "a string of 41 characters", endpoint: "Value at 'userName'" },
    { name: "a short pattern-failing value is quoted whole", input: { UserName: "Bob Smith" }, got: '"Bob Smith"', endpoint: "Value 'Bob Smith' at 'userName'" },
    { name: "a short enum-like value is quoted whole", input: { Status: "Bogus" }, got: '"Bogus"', endpoint: "Value 'Bogus' at 'status'" },
    { name: "a 13-character value is too long to quote", input: { Status: "Inactive-long" }, got: "a string of 13 characters", endpoint: "Value at 'status'" },
  ];
  it.each(cases)("$name, in the client's wording and the endpoint's", ({ input, got, endpoint }) => {
    expect(validateInput(schema, input).map((p) => p.got)).toEqual([got]);
    const message = validationMessage(schema, new Map(Object.entries(input)));
    expect(message).toContain(`${endpoint} failed to satisfy constraint`);
    expect(message).not.toContain(SECRET.slice(0, 8));
  });
});
