// Property-based: inputs round-trip through the serializer, any string makes a well-formed body, and any bytes
// from the server end in a typed error.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, IAMServiceException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { se_CreateAccessKeyRequest, se_UpdateAccessKeyRequest } from "../generated/iam/serde.js";
import { GetAccessKeyInfoCommand, STSClient, STSServiceException } from "../generated/sts/index.js";
import { se_GetAccessKeyInfoRequest } from "../generated/sts/serde.js";
import { decodeForm, QueryForm } from "../src/protocol/form.js";
import { captureHandler, testCredentials } from "./support/capture.js";

const RUNS = 300;
const figures = { properties: 0, runs: 0 };
afterAll(() => console.log(`properties: ${figures.properties} properties, ${figures.runs} runs in all, no counterexample`));

function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void> | void, numRuns = RUNS) {
  figures.properties++;
  figures.runs += numRuns;
  return fc.assert(fc.asyncProperty(arbitrary, async (value) => predicate(value)), { numRuns });
}

// Values the models allow: user names of [\w+=,.@-], key ids of \w, statuses from the enum.
const wordChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
const userName = fc.string({ unit: fc.oneof(wordChar, fc.constantFrom(..."+=,.@-")), minLength: 1, maxLength: 128 });
const accessKeyId = fc.string({ unit: wordChar, minLength: 16, maxLength: 128 });
const status = fc.constantFrom("Active" as const, "Inactive" as const);
const anyString = fc.string({ unit: "binary", maxLength: 200 }); // any code point, lone surrogates aside

function pairsOf(serialize: (input: any, form: QueryForm) => void, input: object) {
  const form = new QueryForm("Op", "2010-05-08");
  serialize(input, form);
  return decodeForm(form.toString()).slice(2);
}

describe("valid inputs round-trip through the serializer and a form decoder", () => {
  it("CreateAccessKey", () =>
    check(fc.record({ UserName: userName }, { requiredKeys: [] }), (input) => {
      expect(Object.fromEntries(pairsOf(se_CreateAccessKeyRequest, input))).toEqual(input);
    }));
  it("UpdateAccessKey", () =>
    check(fc.record({ UserName: userName, AccessKeyId: accessKeyId, Status: status }, { requiredKeys: ["AccessKeyId", "Status"] }), (input) => {
      expect(Object.fromEntries(pairsOf(se_UpdateAccessKeyRequest, input))).toEqual(input);
    }));
  it("GetAccessKeyInfo", () =>
    check(fc.record({ AccessKeyId: accessKeyId }), (input) => {
      expect(Object.fromEntries(pairsOf(se_GetAccessKeyInfoRequest, input))).toEqual(input);
    }));
});

describe("any string in any field makes a well-formed body", () => {
  const wellFormed = /^[A-Za-z0-9._~-]*(%[0-9A-F]{2}[A-Za-z0-9._~-]*)*$/;
  it("every name and value is percent-encoded RFC 3986 style and decodes back", () =>
    check(fc.record({ UserName: anyString, AccessKeyId: anyString, Status: anyString }), async (input) => {
      const handler = captureHandler({ status: 200, body: "<UpdateAccessKeyResponse/>" });
      const iam = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, validateInput: false });
      await iam.send(new UpdateAccessKeyCommand(input as any));
      const body = String(handler.requests[0]!.body);
      for (const pair of body.split("&")) {
        const [name, value, ...rest] = pair.split("=");
        expect(rest).toEqual([]);
        expect(name).toMatch(wellFormed);
        expect(value).toMatch(wellFormed);
      }
      expect(handler.requests[0]!.headers["content-length"]).toBe(String(new TextEncoder().encode(body).length));
      expect(Object.fromEntries(decodeForm(body).slice(2))).toEqual(input);
    }, 200));
});

describe("any bytes from the server end in a typed error", () => {
  const statusCode = fc.oneof(fc.constant(200), fc.integer({ min: 300, max: 599 }));
  const xmlish = fc
    .array(fc.constantFrom("<", ">", "</", "/>", "CreateAccessKeyResponse", "CreateAccessKeyResult", "AccessKey", "UserName", "ErrorResponse", "Error", "Code", "Message", "&amp;", "&#x41;", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->", "<?xml version=\"1.0\"?>", " ", "\n", "x", "\u0000", "__proto__"), { maxLength: 60 })
    .map((parts) => new TextEncoder().encode(parts.join("")));
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 512 }), xmlish);

  it.each([
    { service: "IAM", send: (handler: any) => new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 }).send(new CreateAccessKeyCommand({})), base: IAMServiceException },
    { service: "STS", send: (handler: any) => new STSClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1 }).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })), base: STSServiceException },
  ])("$service", ({ send, base }) =>
    check(fc.tuple(statusCode, bytes), async ([status, body]) => {
      const handler = { handle: async () => ({ response: { statusCode: status, headers: {}, body } as any }) };
      const outcome = await send(handler).then((output) => ({ output }), (error: unknown) => ({ error }));
      if ("error" in outcome) {
        expect(outcome.error).toBeInstanceOf(base);
        expect((outcome.error as any).$metadata.httpStatusCode).toBe(status);
      } else {
        expect(status).toBe(200); // only a well-formed document of the right root could succeed
      }
    }));
});
