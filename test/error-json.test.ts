// JSON.stringify(error) gives what v3's gives — what loggers and error trackers record — for modeled and unmodeled
// errors, side by side with the official clients on the same responses, and against the embedded endpoint.
import * as v3iam from "@aws-sdk/client-iam";
import * as v3sts from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../src/entries/iam.js";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { GetAccessKeyInfoCommand, STSClient } from "../src/entries/sts.js";
import { captureHandler, testCredentials, wrongSecret, type CannedResponse } from "./support/capture.js";

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const update = { UserName: "bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" } as const;

const iamCall = {
  ours: (config: object) => new IAMClient(config).send(new UpdateAccessKeyCommand(update)),
  theirs: (config: object) => new v3iam.IAMClient(config).send(new v3iam.UpdateAccessKeyCommand(update)),
};
const stsCall = {
  ours: (config: object) => new STSClient(config).send(new GetAccessKeyInfoCommand({ AccessKeyId: update.AccessKeyId })),
  theirs: (config: object) => new v3sts.STSClient(config).send(new v3sts.GetAccessKeyInfoCommand({ AccessKeyId: update.AccessKeyId })),
};

/** An error response as AWS sends one: the request id in a header, and in the body when the body has one. */
const errorResponse = (status: number, body: string): CannedResponse => {
  const requestId = /<RequestId>([^<]*)<\/RequestId>/.exec(body)?.[1];
  return { status, headers: { "content-type": "text/xml", ...(requestId ? { "x-amzn-requestid": requestId } : {}) }, body };
};

/** The error each SDK throws for the same response. */
async function errors(call: typeof iamCall, response: CannedResponse): Promise<{ ours: unknown; theirs: unknown }> {
  const config = (handler: object) => ({ region: "us-east-1", credentials: testCredentials, maxAttempts: 1, requestHandler: handler });
  const ours = await call.ours(config(captureHandler(response))).then(() => undefined, (e: unknown) => e);
  const theirs = await call.theirs(config(captureHandler(response))).then(() => undefined, (e: unknown) => e);
  return { ours, theirs };
}

describe("JSON.stringify(error) equals v3's, on the same response", () => {
  it.each([
    {
      name: "a modeled error (NoSuchEntity), with the document's RequestId and namespace",
      call: iamCall,
      response: errorResponse(
        404,
        `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message></Error><RequestId>4c0b8f2e-1e8a-4b4f-9d0e-0a1b2c3d4e5f</RequestId></ErrorResponse>`,
      ),
    },
    {
      name: "a modeled error whose status differs from its fault (ServiceFailure, 500)",
      call: iamCall,
      response: errorResponse(
        500,
        `<ErrorResponse xmlns="${IAM_NS}">\n  <Error>\n    <Type>Receiver</Type>\n    <Code>ServiceFailure</Code>\n    <Message>Request processing has failed.</Message>\n  </Error>\n  <RequestId>b1f5a0e7-0000-4000-8000-000000000001</RequestId>\n</ErrorResponse>\n`,
      ),
    },
    {
      name: "a modeled error without a namespace, a Type or a request id",
      call: iamCall,
      response: errorResponse(409, "<ErrorResponse><Error><Code>LimitExceeded</Code><Message>Cannot exceed quota for AccessKeysPerUser: 2</Message></Error></ErrorResponse>"),
    },
    {
      name: "an unmodeled error (SignatureDoesNotMatch)",
      call: stsCall,
      response: errorResponse(
        403,
        `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ErrorResponse>`,
      ),
    },
    {
      name: "an unmodeled error with members the model does not know, in document order",
      call: stsCall,
      response: errorResponse(
        400,
        `<ErrorResponse xmlns="${STS_NS}"><Error><Code>Throttling</Code><Type>Sender</Type><Message>Rate exceeded</Message><Detail/><Retryable>false</Retryable></Error><RequestId>c0ffee00-0000-4000-8000-000000000002</RequestId></ErrorResponse>`,
      ),
    },
    {
      name: "a modeled error whose code names its shape with the namespace (com.amazonaws.iam#NoSuchEntity)",
      call: iamCall,
      response: errorResponse(404, "<ErrorResponse><Error><Type>Sender</Type><Code>com.amazonaws.iam#NoSuchEntity</Code><Message>gone</Message></Error></ErrorResponse>"),
      ours: "NoSuchEntityException",
    },
    {
      name: "an unmodeled error whose code names its namespace",
      call: stsCall,
      response: errorResponse(400, "<ErrorResponse><Error><Type>Sender</Type><Code>com.amazonaws.sts#Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"),
      ours: "Throttling",
    },
    {
      name: "a modeled STS error (RegionDisabledException), code and class named alike",
      call: stsCall,
      response: errorResponse(
        403,
        `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>RegionDisabledException</Code><Message>STS is not activated in this region.</Message></Error><RequestId>c0ffee00-0000-4000-8000-000000000003</RequestId></ErrorResponse>`,
      ),
    },
  ])("$name", async ({ call, response, ours: name }: { call: typeof iamCall; response: CannedResponse; ours?: string }) => {
    const { ours, theirs } = await errors(call, response);
    expect(ours).toBeInstanceOf(Error);
    if (name !== undefined) expect((ours as Error).name).toBe(name);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  });

  it("the response and the stack stay out of it, as in v3", async () => {
    const { ours } = await errors(iamCall, errorResponse(409, "<ErrorResponse><Error><Code>LimitExceeded</Code><Message>limit</Message></Error></ErrorResponse>"));
    expect(Object.keys(JSON.parse(JSON.stringify(ours)))).toEqual(["$fault", "$metadata", "name", "message", "Code", "Error"]);
    expect(ours).toHaveProperty("$response");
    expect(ours).toHaveProperty("stack");
  });
});

it("differs where keysmith reads more: without the request id header, $metadata.requestId comes from the body (v3 leaves it out)", async () => {
  const body = `<ErrorResponse xmlns="${IAM_NS}"><Error><Code>NoSuchEntity</Code><Message>gone</Message></Error><RequestId>d00d0000-0000-4000-8000-000000000004</RequestId></ErrorResponse>`;
  const { ours, theirs } = await errors(iamCall, { status: 404, headers: {}, body });
  const parsed = { ours: JSON.parse(JSON.stringify(ours)), theirs: JSON.parse(JSON.stringify(theirs)) };
  expect(parsed.ours.$metadata.requestId).toBe("d00d0000-0000-4000-8000-000000000004");
  expect(parsed.theirs.$metadata.requestId).toBeUndefined();
  delete parsed.ours.$metadata.requestId;
  expect(parsed.ours).toEqual(parsed.theirs);
});

describe("against the embedded endpoint", () => {
  let server: LocalEndpoint;
  beforeAll(async () => {
    server = await startLocalEndpoint();
  });
  afterAll(() => server.close());

  /** Request ids differ between calls; everything else must not. */
  const withoutRequestIds = (error: unknown) => JSON.stringify(error).replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '"<request id>"');

  it("a modeled error (NoSuchEntity) and an unmodeled one (SignatureDoesNotMatch) serialize as v3's do", async () => {
    const alice = server.createUser("alice-json");
    const config = { region: "us-east-1", endpoint: server.url, credentials: alice, maxAttempts: 1 };
    const withWrongSecret = { ...config, credentials: { ...alice, secretAccessKey: wrongSecret(alice.secretAccessKey) } };
    for (const [call, settings] of [[iamCall, config], [stsCall, withWrongSecret]] as const) {
      const ours = await call.ours(settings).then(() => undefined, (e: unknown) => e);
      const theirs = await call.theirs(settings).then(() => undefined, (e: unknown) => e);
      expect(withoutRequestIds(ours)).toBe(withoutRequestIds(theirs));
      expect(JSON.stringify(ours)).not.toContain(alice.secretAccessKey.slice(0, -1));
    }
  });
});
