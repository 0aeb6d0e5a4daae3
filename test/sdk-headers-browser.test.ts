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

// v3's browser build names the OS and browser from Client Hints where the browser has them (Chromium), else from the
// User-Agent string (Firefox, Safari).
const v3BrowserUserAgent = "../node_modules/@aws-sdk/core/dist-es/submodules/client/util-user-agent-browser/defaultUserAgent.js";
const chromeOnLinux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
it.each([
  { browser: "Chromium, with Client Hints", navigator: { userAgent: chromeOnLinux, userAgentData: { platform: "Linux", brands: [{ brand: "Not)A;Brand", version: "8" }, { brand: "Chromium", version: "131" }] } } },
  { browser: "Chromium, Client Hints with an empty platform", navigator: { userAgent: chromeOnLinux, userAgentData: { platform: "", brands: [] } } },
  { browser: "Firefox on Windows", navigator: { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0" } },
  { browser: "Safari on an iPhone", navigator: { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1" } },
  { browser: "Safari on a Mac", navigator: { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15" } },
  { browser: "Edge on Android", navigator: { userAgent: "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0" } },
  { browser: "an unknown one", navigator: { userAgent: "curl/8.5.0" } },
  { browser: "no navigator", navigator: undefined },
])("names the OS and browser as v3's browser build does: $browser", async ({ navigator }) => {
  vi.stubGlobal("navigator", navigator);
  vi.stubGlobal("window", { navigator });
  try {
    const { createDefaultUserAgentProvider } = (await import(v3BrowserUserAgent)) as {
      createDefaultUserAgentProvider: (init: { serviceId: string; clientVersion: string }) => () => Promise<[string, string?][]>;
    };
    const v3Sections = await createDefaultUserAgentProvider({ serviceId: "IAM", clientVersion: "3" })();
    const runtimeOf = (sections: [string, string?][]) => sections.filter(([name]) => /^(os|lang|md)\//.test(name)).map(([name, value]) => (value === undefined ? [name] : [name, value]));
    expect(browser.userAgentRuntime().sections).toEqual(runtimeOf(v3Sections));
  } finally {
    vi.unstubAllGlobals();
  }
});
