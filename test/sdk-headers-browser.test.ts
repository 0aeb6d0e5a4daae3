// In a browser a page cannot set User-Agent: the whole user agent goes into x-amz-user-agent, as v3's browser build
// sends it. The client here runs with the browser platform's user-agent runtime in place of Node's.
import { expect, it, vi } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { KEYSMITH_VERSION } from "../src/middleware/user-agent.js";
import * as browser from "../src/platform/browser.js";
import { captureHandler, testCredentials } from "./support/capture.js";

vi.mock("#platform", async (importOriginal) => {
  const node = await importOriginal<typeof import("../src/platform/node.js")>();
  // Read when a client is made, once the browser module (whose imports reach #platform) has loaded.
  return { ...node, userAgentRuntime: () => browser.userAgentRuntime() };
});

it("sends the user agent in x-amz-user-agent only, with v3's browser sections", async () => {
  vi.stubGlobal("navigator", { userAgentData: { platform: "macOS", brands: [{ brand: "Chromium", version: "131" }] } });
  const handler = captureHandler({ status: 200, body: "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></UpdateAccessKeyResponse>" });
  const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, customUserAgent: "rotator/2.0" });
  await client.send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" }));
  const headers = handler.requests[0]!.headers;
  expect(headers["user-agent"]).toBeUndefined();
  expect(headers["x-amz-user-agent"]).toBe(`keysmith/${KEYSMITH_VERSION} ua/2.1 os/macOS lang/js md/browser#Chromium_131 api/iam#${KEYSMITH_VERSION} rotator/2.0`);
  vi.unstubAllGlobals();
});
