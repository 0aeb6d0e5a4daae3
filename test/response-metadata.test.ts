// `$metadata` as v3 fills it from the response's status and headers, side by side on the same answers: the request id
// under each of the names smithy reads (in its order), the extended request id and CloudFront's id; on a success and
// on an error. Where the headers have no request id, keysmith takes the one the body gives, and v3 leaves it out.
import * as v3sts from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { GetAccessKeyInfoCommand, STSClient } from "../src/entries/sts.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";

const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const success = (requestId: string) =>
  `<GetAccessKeyInfoResponse xmlns="${STS_NS}"><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetAccessKeyInfoResponse>`;
const failure = (requestId: string) => `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;

/** The `$metadata` each SDK gives for the same answer, from the output or the error. */
async function metadata(response: CannedResponse): Promise<{ ours: unknown; theirs: unknown }> {
  const config = (handler: object) => ({ region: "us-east-1", credentials: testCredentials, maxAttempts: 1, requestHandler: handler });
  const input = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" };
  const settled = (call: Promise<{ $metadata: unknown }>) => call.then((output) => output.$metadata, (error: { $metadata: unknown }) => error.$metadata);
  return {
    ours: await settled(new STSClient(config(captureHandler(response))).send(new GetAccessKeyInfoCommand(input))),
    theirs: await settled(new v3sts.STSClient(config(captureHandler(response))).send(new v3sts.GetAccessKeyInfoCommand(input))),
  };
}

const headerRows: { name: string; headers: Record<string, string> }[] = [
  // Named in lower case, as node:http and fetch give them to both SDKs' handlers.
  { name: "x-amzn-requestid, AWS's x-amzn-RequestId", headers: { "x-amzn-requestid": "amzn-requestid" } },
  { name: "x-amzn-request-id", headers: { "x-amzn-request-id": "amzn-request-id" } },
  { name: "x-amz-request-id", headers: { "x-amz-request-id": "amz-request-id" } },
  { name: "all three: x-amzn-requestid first", headers: { "x-amz-request-id": "c", "x-amzn-request-id": "b", "x-amzn-requestid": "a" } },
  { name: "x-amzn-request-id before x-amz-request-id", headers: { "x-amz-request-id": "c", "x-amzn-request-id": "b" } },
  { name: "the extended request id and CloudFront's id", headers: { "x-amzn-requestid": "a", "x-amz-id-2": "extended", "x-amz-cf-id": "cloudfront" } },
];

describe("$metadata from the response's headers, as v3's", () => {
  it.each(headerRows)("on a success: $name", async ({ headers }) => {
    const { ours, theirs } = await metadata({ status: 200, headers: { "content-type": "text/xml", ...headers }, body: success("body-id") });
    expect(ours).toEqual(theirs);
  });

  it.each(headerRows)("on an error: $name", async ({ headers }) => {
    const { ours, theirs } = await metadata({ status: 403, headers: { "content-type": "text/xml", ...headers }, body: failure("body-id") });
    expect(ours).toEqual(theirs);
  });

  it.each([
    { name: "a success", response: { status: 200, body: success("from-the-body") } },
    { name: "an error", response: { status: 403, body: failure("from-the-body") } },
  ])("without a request id header, keysmith reads the body's on $name; v3 leaves it out", async ({ response }) => {
    const { ours, theirs } = await metadata(response);
    expect(ours).toMatchObject({ httpStatusCode: response.status, requestId: "from-the-body" });
    expect(theirs).toMatchObject({ httpStatusCode: response.status, requestId: undefined });
  });
});
