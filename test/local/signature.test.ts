import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeAccessKeyId } from "../../src/key-id/describe.js";
import { startLocalEndpoint, type LocalEndpoint, type LocalUserCredentials } from "../../src/entries/local.js";
import { claimedScope } from "../../src/http/sigv4-authorization.js";
import { call, errorOf, type CallOptions, type TestCredentials } from "./helpers.js";

// The server clock is a variable, so every time check is exact and nothing depends on the wall clock.
const START = Date.parse("2024-02-29T12:00:00.000Z");
let clock = START;
const MINUTE = 60_000;

let server: LocalEndpoint;
let alice: LocalUserCredentials;

beforeAll(async () => {
  server = await startLocalEndpoint({ now: () => clock });
  alice = server.createUser("alice");
});
afterAll(() => server.close());
afterEach(() => {
  clock = START;
  server.clockOffsetMs = 0;
});

function whoAmI(credentials: TestCredentials | undefined, options: CallOptions = {}) {
  return call(server.url, "GetCallerIdentity", {}, { signingDate: new Date(clock), ...(credentials && { credentials }), ...options });
}

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

describe("a correctly signed request passes", () => {
  it.each([
    ["long-term credentials", () => alice],
    ["session credentials", () => server.createSessionCredentials("alice")],
  ])("with %s", async (_name, credentials) => {
    const result = await whoAmI(credentials());
    expect(result.status).toBe(200);
  });

  it("up to 15 minutes either side of the server clock", async () => {
    for (const skew of [-14 * MINUTE, 14 * MINUTE]) {
      expect((await whoAmI(alice, { signingDate: new Date(clock + skew) })).status).toBe(200);
    }
  });
});

describe("signature failures answer like AWS", () => {
  const setAuthorization = (value: string) => (request: { headers: Record<string, string> }) => {
    request.headers.authorization = value;
  };
  const table: Array<{
    name: string;
    credentials?: () => TestCredentials;
    options?: () => CallOptions;
    want: { status: number; code: string; message?: string | RegExp };
  }> = [
    {
      name: "no Authorization header",
      want: { status: 403, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token" },
    },
    {
      name: "an Authorization header without its parts",
      credentials: () => alice,
      options: () => ({ tamper: setAuthorization("AWS4-HMAC-SHA256 ,") }),
      want: {
        status: 403,
        code: "IncompleteSignature",
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 ,",
      },
    },
    {
      name: "an Authorization header with a part that is not Name=value",
      credentials: () => alice,
      options: () => ({ tamper: setAuthorization("AWS4-HMAC-SHA256 garbage") }),
      want: { status: 403, code: "IncompleteSignature", message: "'garbage' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 garbage'." },
    },
    {
      name: "another signing algorithm",
      credentials: () => alice,
      options: () => ({ tamper: setAuthorization("Bearer abc") }),
      want: { status: 403, code: "IncompleteSignature", message: /Unsupported AWS 'algorithm': 'Bearer'/ },
    },
    {
      name: "no X-Amz-Date",
      credentials: () => alice,
      options: () => ({ tamper: (request) => void delete request.headers["x-amz-date"] }),
      want: { status: 403, code: "IncompleteSignature", message: /requires existence of a 'X-Amz-Date' header/ },
    },
    {
      name: "a garbled X-Amz-Date",
      credentials: () => alice,
      options: () => ({ tamper: (request) => void (request.headers["x-amz-date"] = "20240230T120000Z") }),
      want: { status: 403, code: "IncompleteSignature", message: /Date must be in ISO-8601 'basic format'. Got '20240230T120000Z'/ },
    },
    {
      name: "a credential with too few parts",
      credentials: () => alice,
      options: () => ({
        tamper: (request) => void (request.headers.authorization = request.headers.authorization!.replace(/\/us-east-1\/sts/, "")),
      }),
      want: { status: 403, code: "IncompleteSignature", message: /Credential should have exactly 5 slash-delimited elements/ },
    },
    {
      name: "a credential scope dated another day",
      credentials: () => alice,
      options: () => ({
        tamper: (request) => void (request.headers.authorization = request.headers.authorization!.replace("/20240229/", "/20240228/")),
      }),
      want: {
        status: 403,
        code: "SignatureDoesNotMatch",
        message:
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240228' != '20240229', from '20240229T120000Z'.",
      },
    },
    {
      name: "the wrong secret",
      credentials: () => ({ accessKeyId: alice.accessKeyId, secretAccessKey: "x".repeat(40) }),
      want: { status: 403, code: "SignatureDoesNotMatch", message: SIGNATURE_MISMATCH },
    },
    {
      name: "a body changed after signing",
      credentials: () => alice,
      options: () => ({ tamper: (request) => void (request.body += "&Extra=1") }),
      want: { status: 403, code: "SignatureDoesNotMatch", message: SIGNATURE_MISMATCH },
    },
    {
      name: "a signed header changed after signing",
      credentials: () => alice,
      options: () => ({ tamper: (request) => void (request.headers["content-type"] = "application/x-www-form-urlencoded") }),
      want: { status: 403, code: "SignatureDoesNotMatch", message: SIGNATURE_MISMATCH },
    },
    {
      name: "a Host header that was not signed",
      credentials: () => alice,
      options: () => ({ unsignedHost: true }),
      want: { status: 403, code: "IncompleteSignature", message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." },
    },
    {
      name: "an unknown access key id",
      credentials: () => ({ accessKeyId: makeAccessKeyId("AKIA", "123456789012", (n) => randomBytes(n)), secretAccessKey: alice.secretAccessKey }),
      want: { status: 403, code: "InvalidClientTokenId", message: "The security token included in the request is invalid." },
    },
    {
      name: "a session key without its token",
      credentials: () => {
        const { sessionToken: _dropped, ...rest } = server.createSessionCredentials("alice");
        return rest;
      },
      want: { status: 403, code: "InvalidClientTokenId" },
    },
    {
      name: "a session key with another session's token",
      credentials: () => ({ ...server.createSessionCredentials("alice"), sessionToken: server.createSessionCredentials("alice").sessionToken }),
      want: { status: 403, code: "InvalidClientTokenId" },
    },
    {
      name: "a long-term key with a session token",
      credentials: () => ({ ...alice, sessionToken: server.createSessionCredentials("alice").sessionToken }),
      want: { status: 403, code: "InvalidClientTokenId" },
    },
    {
      name: "a request signed 16 minutes ago",
      credentials: () => alice,
      options: () => ({ signingDate: new Date(clock - 16 * MINUTE) }),
      want: {
        status: 403,
        code: "SignatureDoesNotMatch",
        message: "Signature expired: 20240229T114400Z is now earlier than 20240229T114500Z (20240229T120000Z - 15 min.)",
      },
    },
    {
      name: "a request signed 16 minutes ahead",
      credentials: () => alice,
      options: () => ({ signingDate: new Date(clock + 16 * MINUTE) }),
      want: {
        status: 403,
        code: "SignatureDoesNotMatch",
        message: "Signature not yet current: 20240229T121600Z is still later than 20240229T121500Z (20240229T120000Z + 15 min.)",
      },
    },
    {
      name: "an IAM request scoped to another region",
      credentials: () => alice,
      options: () => ({ region: "eu-west-1", service: "iam" }),
      want: { status: 403, code: "SignatureDoesNotMatch", message: "Credential should be scoped to a valid region, not 'eu-west-1'." },
    },
    {
      name: "a request scoped to a service that is neither iam nor sts",
      credentials: () => alice,
      options: () => ({ service: "ec2" }),
      want: { status: 403, code: "SignatureDoesNotMatch", message: "Credential should be scoped to correct service: 'sts'." },
    },
  ];
  it.each(table)("$name → $want.status $want.code", async ({ credentials, options, want }) => {
    const received = server.stats.received.GetCallerIdentity!;
    const executed = server.stats.executed.GetCallerIdentity;
    const result = await whoAmI(credentials?.(), options?.());
    expect(result.status).toBe(want.status);
    const error = errorOf(result);
    expect(error.Code).toBe(want.code);
    expect(error.Type).toBe("Sender");
    if (want.message !== undefined) expect(error.Message).toMatch(want.message);
    expect(server.stats.received.GetCallerIdentity).toBe(received + 1);
    expect(server.stats.executed.GetCallerIdentity).toBe(executed);
  });

  it("answers ExpiredToken (400) once a session has expired", async () => {
    const session = server.createSessionCredentials("alice", { durationSeconds: 900 });
    expect(session.expiration.getTime()).toBe(clock + 900_000);
    expect((await whoAmI(session)).status).toBe(200);
    clock += 900_000;
    const result = await whoAmI(session);
    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ Code: "ExpiredToken", Message: "The security token included in the request is expired" });
  });

  it("stops accepting a key once it is Inactive, and accepts it again when reactivated", async () => {
    const kim = server.createUser("kim");
    const deactivate = await call(
      server.url,
      "UpdateAccessKey",
      { AccessKeyId: kim.accessKeyId, Status: "Inactive" },
      { credentials: kim, signingDate: new Date(clock) },
    );
    expect(deactivate.status).toBe(200);
    const refused = await whoAmI(kim);
    expect(refused.status).toBe(403);
    expect(errorOf(refused).Code).toBe("InvalidClientTokenId");

    const reactivate = await call(
      server.url,
      "UpdateAccessKey",
      { UserName: "kim", AccessKeyId: kim.accessKeyId, Status: "Active" },
      { credentials: alice, signingDate: new Date(clock) },
    );
    expect(reactivate.status).toBe(200);
    expect((await whoAmI(kim)).status).toBe(200);
  });
});

describe("the server clock", () => {
  it("stamps every response, success or error, with a Date from the server clock", async () => {
    const ok = await whoAmI(alice);
    const failed = await whoAmI(undefined);
    for (const result of [ok, failed]) expect(result.headers.date).toBe("Thu, 29 Feb 2024 12:00:00 GMT");
  });

  it("honours clockOffsetMs for the time check and the Date header", async () => {
    server.clockOffsetMs = 20 * MINUTE;
    const skewed = await whoAmI(alice);
    expect(skewed.status).toBe(403);
    expect(errorOf(skewed).Message).toMatch(/^Signature expired: 20240229T120000Z is now earlier than 20240229T120500Z/);
    expect(skewed.headers.date).toBe("Thu, 29 Feb 2024 12:20:00 GMT");
    // A client that corrects for the skew it read from Date gets through.
    const corrected = await whoAmI(alice, { signingDate: new Date(Date.parse(skewed.headers.date!)) });
    expect(corrected.status).toBe(200);
  });
});

describe("the canonical request follows the SigV4 rules, not one signer's habits", () => {
  // Each case signs one header value with smithy, then sends a different but canonically equal one.
  const table = [
    { name: "padding and inner runs of spaces are collapsed", signed: "a b", sent: "  a    b  " },
    { name: "a repeated header is its values joined by commas", signed: "a,b", sent: ["a", "b"] },
  ];
  it.each(table)("$name", async ({ signed, sent }) => {
    const result = await whoAmI(alice, {
      headers: { "x-test": signed },
      tamper: (request) => void ((request.headers as Record<string, string | string[]>)["x-test"] = sent),
    });
    expect(result.status).toBe(200);
  });
});

describe("claimedScope reads the scope a header names, without verifying it", () => {
  const signed = (credential: string) => `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=abc`;
  it.each([
    { given: signed("AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request"), want: { date: "20261123", region: "us-east-1", service: "iam" } },
    { given: "AWS4-HMAC-SHA256 SignedHeaders=host,Credential=AKID/20261123/eu-west-1/sts/aws4_request", want: { date: "20261123", region: "eu-west-1", service: "sts" } },
    { given: signed("AKIDEXAMPLE/20261123/us-east-1/iam"), want: undefined },
    { given: signed("AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request/extra"), want: undefined },
    { given: signed("AKIDEXAMPLE/20261123//iam/aws4_request"), want: undefined },
    { given: signed("AKIDEXAMPLE/20261123/us-east-1/iam/aws5_request"), want: undefined },
    { given: "Bearer Credential=AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request", want: undefined },
    { given: undefined, want: undefined },
  ])("$given", ({ given, want }) => {
    expect(claimedScope(given)).toEqual(want);
  });
});
