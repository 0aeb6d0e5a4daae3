// Operations sent unsigned (`@auth([])`): the generator reads the auth lists of the operation and the service, the
// command says so, and the signing middleware lets such a request pass without resolving credentials, as v3's noAuth
// scheme sends STS's AssumeRoleWithWebIdentity. Everything else stays signed with SigV4.
import { AssumeRoleWithWebIdentityCommand as V3AssumeRoleWithWebIdentity, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Model, ModelError } from "../codegen/model/model.js";
import { planService } from "../codegen/model/walk.js";
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetAccessKeyInfoCommand, STS, STSClient } from "../src/entries/sts.js";
import { captureHandler, sessionCredentials, type CannedResponse } from "./support/capture.js";
import { useCredentialSandbox } from "./support/credential-sandbox.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

const sandbox = useCredentialSandbox();

const id = (name: string) => `keysmith.auth#${name}`;
const SIGV4 = "aws.auth#sigv4";

/** A service with one operation per way of saying how it is signed; `serviceAuth` is the service's own list. */
function authModel(operations: Record<string, Record<string, unknown>>, serviceAuth?: string[]) {
  return {
    smithy: "2.0",
    shapes: {
      [id("Auth")]: {
        type: "service",
        version: "2024-01-01",
        operations: Object.keys(operations).map((name) => ({ target: id(name) })),
        traits: {
          "aws.api#service": { sdkId: "Auth", endpointPrefix: "auth" },
          [SIGV4]: { name: "auth" },
          "aws.protocols#awsQuery": {},
          ...(serviceAuth ? { "smithy.api#auth": serviceAuth } : {}),
        },
      },
      ...Object.fromEntries(Object.entries(operations).map(([name, traits]) => [id(name), { type: "operation", traits }])),
    },
  };
}

const unsignedOf = (model: object) => [...planService(new Model(model)).unsignedOperations].map((operation) => operation.split("#")[1]).sort();

interface AuthCase {
  name: string;
  operations: Record<string, Record<string, unknown>>;
  serviceAuth?: string[];
}

describe("which operations the generator marks unsigned", () => {
  it.each<AuthCase & { unsigned: string[] }>([
    { name: "an empty auth list on the operation", operations: { Open: { "smithy.api#auth": [] } }, serviceAuth: undefined, unsigned: ["Open"] },
    { name: "no auth list anywhere: the service's SigV4", operations: { Plain: {} }, serviceAuth: undefined, unsigned: [] },
    { name: "an auth list naming SigV4", operations: { Listed: { "smithy.api#auth": [SIGV4] } }, serviceAuth: undefined, unsigned: [] },
    { name: "@optionalAuth alone: signed, as v3 signs it", operations: { Optional: { "smithy.api#optionalAuth": {} } }, serviceAuth: undefined, unsigned: [] },
    { name: "@optionalAuth with an empty list", operations: { Open: { "smithy.api#auth": [], "smithy.api#optionalAuth": {} } }, serviceAuth: undefined, unsigned: ["Open"] },
    { name: "the service's empty list, for operations without their own", operations: { Plain: {}, Listed: { "smithy.api#auth": [SIGV4] } }, serviceAuth: [], unsigned: ["Plain"] },
    { name: "the service's list naming SigV4", operations: { Plain: {}, Open: { "smithy.api#auth": [] } }, serviceAuth: [SIGV4], unsigned: ["Open"] },
  ])("$name", ({ operations, serviceAuth, unsigned }) => {
    expect(unsignedOf(authModel(operations, serviceAuth))).toEqual(unsigned);
  });

  it.each<AuthCase & { scheme: string }>([
    { name: "the operation's", operations: { Other: { "smithy.api#auth": ["aws.auth#sigv4a"] } }, scheme: "aws.auth#sigv4a" },
    { name: "the service's", operations: { Other: {} }, serviceAuth: ["smithy.api#httpBearerAuth"], scheme: "smithy.api#httpBearerAuth" },
  ])("refuses a model whose operation has $name auth list, with schemes but not SigV4", ({ operations, serviceAuth, scheme }) => {
    const plan = () => planService(new Model(authModel(operations, serviceAuth)));
    expect(plan).toThrow(ModelError);
    expect(plan).toThrow(`operation ${id("Other")} may be signed only with ${scheme}; keysmith signs with ${SIGV4}`);
  });
});

/** A credentials provider that counts the calls made to it and has nothing to give. */
function countingCredentials() {
  const provider = async () => {
    provider.calls++;
    throw new Error("no credentials here");
  };
  provider.calls = 0;
  return provider;
}

const SIGNATURE_HEADERS = ["authorization", "x-amz-date", "x-amz-security-token"];
const signatureHeadersOf = (headers: Record<string, string>) => SIGNATURE_HEADERS.filter((name) => name in headers);

describe("a generated client", () => {
  const scratch = scratchDir("auth");
  let service: Record<string, any>;
  beforeAll(async () => {
    generateInto(scratch.path, authModel({ Open: { "smithy.api#auth": [] }, Plain: {} }), { source: "auth.json" });
    service = await importGenerated(scratch.path);
  });
  afterAll(() => scratch.remove());

  const OK = (operation: string): CannedResponse => ({ status: 200, body: `<${operation}Response><${operation}Result/></${operation}Response>` });

  it("sends the unsigned operation without signature headers and resolves no credentials for it", async () => {
    const handler = captureHandler(OK("Open"));
    const credentials = countingCredentials();
    await new service.AuthClient({ region: "us-east-1", credentials, requestHandler: handler }).send(new service.OpenCommand({}));
    expect(signatureHeadersOf(handler.requests[0]!.headers)).toEqual([]);
    expect(credentials.calls).toBe(0);
  });

  it("signs the other operation with the same client", async () => {
    const handler = captureHandler(OK("Open"), OK("Plain"));
    const client = new service.AuthClient({ region: "us-east-1", credentials: sessionCredentials, requestHandler: handler });
    await client.send(new service.OpenCommand({}));
    await client.send(new service.PlainCommand({}));
    expect(handler.requests.map((request) => signatureHeadersOf(request.headers))).toEqual([[], SIGNATURE_HEADERS]);
  });
});

const WEB_IDENTITY_INPUT = { RoleArn: "arn:aws:iam::123456789012:role/ci", RoleSessionName: "ci-run", WebIdentityToken: "eyJraWQiOiJ0ZXN0In0.token" };
const webIdentityResponse: CannedResponse = {
  status: 200,
  body:
    "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAEXAMPLEEXAMPLE01</AccessKeyId>" +
    "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>" +
    "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
};

describe("STS's AssumeRoleWithWebIdentity, called directly (a CI job trading its OIDC token for a role)", () => {
  it.each([
    { name: "a client without credentials anywhere", region: "eu-west-1" },
    { name: "a client in us-east-1", region: "us-east-1" },
    { name: "a client for the global endpoint (aws-global), where v3 signs it", region: "aws-global" },
  ])("goes unsigned from $name, no source of the chain read", async ({ region }) => {
    sandbox.env({});
    const handler = captureHandler(webIdentityResponse);
    const output = await new STSClient({ region, requestHandler: handler }).send(new AssumeRoleWithWebIdentityCommand(WEB_IDENTITY_INPUT));
    expect(output.Credentials?.AccessKeyId).toBe("ASIAEXAMPLEEXAMPLE01");
    expect(signatureHeadersOf(handler.requests[0]!.headers)).toEqual([]);
  });

  it("goes unsigned from the aggregated client given credentials, which it leaves alone", async () => {
    const handler = captureHandler(webIdentityResponse);
    const credentials = countingCredentials();
    await new STS({ region: "eu-west-1", credentials, requestHandler: handler }).assumeRoleWithWebIdentity(WEB_IDENTITY_INPUT);
    expect(signatureHeadersOf(handler.requests[0]!.headers)).toEqual([]);
    expect(credentials.calls).toBe(0);
  });

  it("carries the headers v3 sends it with, and no more", async () => {
    const ours = captureHandler(webIdentityResponse);
    const theirs = captureHandler(webIdentityResponse);
    await new STSClient({ region: "eu-west-1", requestHandler: ours }).send(new AssumeRoleWithWebIdentityCommand(WEB_IDENTITY_INPUT));
    await new V3STSClient({ region: "eu-west-1", requestHandler: theirs }).send(new V3AssumeRoleWithWebIdentity(WEB_IDENTITY_INPUT));
    expect(Object.keys(ours.requests[0]!.headers).sort()).toEqual(Object.keys(theirs.requests[0]!.headers).sort());
  });

  it("leaves STS's other operations signed", async () => {
    const handler = captureHandler({ status: 200, body: "<Response/>" });
    const client = new STSClient({ region: "eu-west-1", credentials: sessionCredentials, requestHandler: handler });
    await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).catch(() => undefined);
    await client.send(new AssumeRoleCommand({ RoleArn: WEB_IDENTITY_INPUT.RoleArn, RoleSessionName: "session" })).catch(() => undefined);
    expect(handler.requests.map((request) => signatureHeadersOf(request.headers))).toEqual([SIGNATURE_HEADERS, SIGNATURE_HEADERS]);
  });
});
