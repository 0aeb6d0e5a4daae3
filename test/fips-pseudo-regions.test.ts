// v3's FIPS pseudo-regions: a region such as "us-east-1-fips" or "fips-us-east-1" names a real region and asks for
// FIPS endpoints, whichever way it is given. Side by side with v3: the host, the SigV4 scope and the resolved settings.
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfo, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKey } from "@aws-sdk/client-iam";
import type { HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../src/entries/iam.js";
import { GetAccessKeyInfoCommand, STSClient } from "../src/entries/sts.js";
import { authorizationParts, captureHandler, testCredentials } from "./support/capture.js";
import { useCredentialSandbox } from "./support/credential-sandbox.js";

const sandbox = useCredentialSandbox();

const OK = { status: 200, body: "<Response/>" };

/** Where one call of each service goes from a client in `region`, and what the client resolved. */
async function sent(sdk: "keysmith" | "v3", service: "sts" | "iam", region: string) {
  const handler = captureHandler(OK);
  const config = { region, credentials: testCredentials, requestHandler: handler, maxAttempts: 1 };
  const client: any =
    service === "sts" ? (sdk === "keysmith" ? new STSClient(config) : new V3STSClient(config)) : sdk === "keysmith" ? new IAMClient(config) : new V3IAMClient(config);
  const command =
    service === "sts"
      ? new (sdk === "keysmith" ? GetAccessKeyInfoCommand : V3GetAccessKeyInfo)({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })
      : new (sdk === "keysmith" ? UpdateAccessKeyCommand : V3UpdateAccessKey)({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" });
  await client.send(command).catch(() => undefined);
  const request = handler.requests[0] as HttpRequest;
  return {
    host: request.hostname,
    scope: authorizationParts(request).credential.split("/")[2],
    region: await client.config.region(),
    useFipsEndpoint: await client.config.useFipsEndpoint(),
  };
}

describe("FIPS pseudo-regions", () => {
  it.each([
    { service: "sts", region: "us-east-1-fips", host: "sts-fips.us-east-1.amazonaws.com" },
    { service: "sts", region: "fips-us-east-1", host: "sts-fips.us-east-1.amazonaws.com" },
    { service: "sts", region: "us-gov-west-1-fips", host: "sts.us-gov-west-1.amazonaws.com" },
    { service: "iam", region: "us-east-1-fips", host: "iam-fips.amazonaws.com" },
    { service: "iam", region: "aws-global-fips", host: "iam-fips.amazonaws.com" },
    { service: "iam", region: "us-gov-west-1-fips", host: "iam.us-gov.amazonaws.com" },
    { service: "sts", region: "eu-west-1", host: "sts.eu-west-1.amazonaws.com" },
  ] as const)("$service in $region: $host, as v3", async ({ service, region, host }) => {
    const ours = await sent("keysmith", service, region);
    expect(ours.host).toBe(host);
    expect(ours).toEqual(await sent("v3", service, region));
  });

  it("from AWS_REGION too, and whatever AWS_USE_FIPS_ENDPOINT says", async () => {
    sandbox.env({ AWS_REGION: "fips-us-east-1", AWS_USE_FIPS_ENDPOINT: "false" });
    expect(await sent("keysmith", "sts", undefined as unknown as string)).toEqual({
      host: "sts-fips.us-east-1.amazonaws.com",
      scope: "us-east-1",
      region: "us-east-1",
      useFipsEndpoint: true,
    });
  });
});
