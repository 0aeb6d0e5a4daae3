// The SDK headers keysmith sends, side by side with the official clients': the same names, v3's formats, keysmith
// naming itself where v3 names aws-sdk-js, retries counted.
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKey } from "@aws-sdk/client-iam";
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfo, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { KEYSMITH_VERSION, escapePair } from "../src/middleware/user-agent.js";
import { authorizationParts, captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";

const SERVICE_FAILURE: CannedResponse = {
  status: 500,
  body: "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceFailure</Code><Message>try again</Message></Error><RequestId>r1</RequestId></ErrorResponse>",
};
const UPDATED: CannedResponse = { status: 200, body: "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></UpdateAccessKeyResponse>" };
const KEY_INFO: CannedResponse = {
  status: 200,
  body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>012345678901</Account></GetAccessKeyInfoResult><ResponseMetadata><RequestId>r3</RequestId></ResponseMetadata></GetAccessKeyInfoResponse>",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const update = { UserName: "Bob", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" } as const;

afterEach(() => {
  vi.unstubAllEnvs();
});

/** v3's User-Agent with keysmith's name and version in its place, and without v3's `m/` feature codes. */
function asKeysmith(v3UserAgent: string): string {
  return v3UserAgent
    .split(" ")
    .filter((section) => !section.startsWith("m/"))
    .map((section) => section.replace(/^aws-sdk-js\/\S+$/, `keysmith/${KEYSMITH_VERSION}`).replace(/^(api\/\w+)#\S+$/, `$1#${KEYSMITH_VERSION}`))
    .join(" ");
}

async function sideBySide(options: Record<string, unknown>, responses: CannedResponse[] = [SERVICE_FAILURE, UPDATED]) {
  const oursHandler = captureHandler(...responses);
  const theirsHandler = captureHandler(...responses);
  const config = { region: "us-east-1", credentials: testCredentials, ...options };
  await new IAMClient({ ...config, requestHandler: oursHandler }).send(new UpdateAccessKeyCommand(update));
  await new V3IAMClient({ ...config, requestHandler: theirsHandler }).send(new V3UpdateAccessKey(update));
  return { ours: oursHandler.requests, theirs: theirsHandler.requests };
}

describe("SDK headers, side by side with v3", () => {
  it("sends the same header names on every attempt and signs the same ones", async () => {
    const { ours, theirs } = await sideBySide({});
    expect(ours).toHaveLength(2);
    expect(theirs).toHaveLength(2);
    for (const [i, request] of ours.entries()) {
      expect(Object.keys(request.headers).sort()).toEqual(Object.keys(theirs[i]!.headers).sort());
      expect(authorizationParts(request).signedHeaders).toBe(authorizationParts(theirs[i]!).signedHeaders);
    }
    expect(authorizationParts(ours[0]!).signedHeaders).toContain("amz-sdk-invocation-id;amz-sdk-request;");
    expect(authorizationParts(ours[0]!).signedHeaders).toContain("x-amz-user-agent");
    expect(authorizationParts(ours[0]!).signedHeaders).not.toContain("user-agent;");
  });

  it("counts attempts as amz-sdk-request: attempt=N; max=M, with one invocation id per call kept across its retries", async () => {
    const { ours, theirs } = await sideBySide({ maxAttempts: 4 });
    for (const requests of [ours, theirs]) {
      expect(requests.map((r) => r.headers["amz-sdk-request"])).toEqual(["attempt=1; max=4", "attempt=2; max=4"]);
      expect(requests[0]!.headers["amz-sdk-invocation-id"]).toMatch(UUID);
      expect(requests[1]!.headers["amz-sdk-invocation-id"]).toBe(requests[0]!.headers["amz-sdk-invocation-id"]);
    }
  });

  it("gives each call its own invocation id", async () => {
    const handler = captureHandler(UPDATED);
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    await client.send(new UpdateAccessKeyCommand(update));
    await client.send(new UpdateAccessKeyCommand(update));
    expect(handler.requests[1]!.headers["amz-sdk-invocation-id"]).not.toBe(handler.requests[0]!.headers["amz-sdk-invocation-id"]);
  });

  it("counts a CreateAccessKey attempt that is not retried as attempt=1", async () => {
    const handler = captureHandler(SERVICE_FAILURE);
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
    await expect(client.send(new CreateAccessKeyCommand({ UserName: "Bob" }))).rejects.toThrow();
    expect(handler.requests.map((r) => r.headers["amz-sdk-request"])).toEqual(["attempt=1; max=3"]);
  });

  it.each([
    ["no options", {}],
    ["customUserAgent as a string", { customUserAgent: "rotator/2.0" }],
    ["customUserAgent as pairs", { customUserAgent: [["rotator", "2.0"], ["team a", "x y"]] }],
    ["userAgentAppId", { userAgentAppId: "key-rotation" }],
    ["both", { customUserAgent: "rotator/2.0", userAgentAppId: async () => "key-rotation" }],
  ])("writes User-Agent and x-amz-user-agent as v3 does, naming keysmith: %s", async (_name, options) => {
    const { ours, theirs } = await sideBySide(options, [UPDATED]);
    const v3UserAgent = theirs[0]!.headers["user-agent"]!;
    expect(v3UserAgent).toMatch(/^aws-sdk-js\/\S+ ua\/2\.1 os\/\S+ lang\/js md\/nodejs#\S+ api\/iam#\S+ m\/\S+/);
    expect(ours[0]!.headers["user-agent"]).toBe(asKeysmith(v3UserAgent));
    expect(ours[0]!.headers["x-amz-user-agent"]).toBe(asKeysmith(theirs[0]!.headers["x-amz-user-agent"]!));
    expect(ours[0]!.headers["user-agent"]).toMatch(new RegExp(`^keysmith/${KEYSMITH_VERSION.replace(/\./g, "\\.")} ua/2\\.1 os/`));
  });

  it("names the service as v3 does: api/sts for STS", async () => {
    const ours = captureHandler(KEY_INFO);
    const theirs = captureHandler(KEY_INFO);
    const config = { region: "eu-west-1", credentials: testCredentials };
    await new STSClient({ ...config, requestHandler: ours }).send(new GetAccessKeyInfoCommand({ AccessKeyId: update.AccessKeyId }));
    await new V3STSClient({ ...config, requestHandler: theirs }).send(new V3GetAccessKeyInfo({ AccessKeyId: update.AccessKeyId }));
    expect(ours.requests[0]!.headers["user-agent"]).toBe(asKeysmith(theirs.requests[0]!.headers["user-agent"]!));
    expect(ours.requests[0]!.headers["user-agent"]).toContain(` api/sts#${KEYSMITH_VERSION}`);
  });

  it("reads the app id from AWS_SDK_UA_APP_ID, as v3 does", async () => {
    vi.stubEnv("AWS_SDK_UA_APP_ID", "from-env");
    const { ours, theirs } = await sideBySide({}, [UPDATED]);
    expect(theirs[0]!.headers["user-agent"]).toContain(" app/from-env");
    expect(ours[0]!.headers["user-agent"]).toBe(asKeysmith(theirs[0]!.headers["user-agent"]!));
  });

  it("names the execution environment from AWS_EXECUTION_ENV (Lambda sets it), as v3 does", async () => {
    vi.stubEnv("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x");
    const { ours, theirs } = await sideBySide({}, [UPDATED]);
    expect(theirs[0]!.headers["user-agent"]).toContain(" exec-env/AWS_Lambda_nodejs20.x");
    expect(ours[0]!.headers["user-agent"]).toBe(asKeysmith(theirs[0]!.headers["user-agent"]!));
  });

  it("reads the app id from the profile's sdk_ua_app_id, as v3 does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keysmith-ua-"));
    writeFileSync(join(dir, "config"), "[profile ua]\nsdk_ua_app_id = from-profile\n");
    writeFileSync(join(dir, "credentials"), "");
    vi.stubEnv("AWS_CONFIG_FILE", join(dir, "config"));
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(dir, "credentials"));
    vi.stubEnv("AWS_SDK_UA_APP_ID", undefined);
    const { ours, theirs } = await sideBySide({ profile: "ua" }, [UPDATED]);
    expect(theirs[0]!.headers["user-agent"]).toContain(" app/from-profile");
    expect(ours[0]!.headers["user-agent"]).toBe(asKeysmith(theirs[0]!.headers["user-agent"]!));
  });

  it("follows an app id provider whose answer changes between calls", async () => {
    const handler = captureHandler(UPDATED);
    const appIds = ["first-app", undefined, "second-app", "second-app"];
    let call = 0;
    const client = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, userAgentAppId: async () => appIds[call++] });
    for (let n = 0; n < appIds.length; n++) await client.send(new UpdateAccessKeyCommand(update));
    const sent = handler.requests.map((request) => / app\/([^ ]+)/.exec(request.headers["user-agent"]!)?.[1] ?? "none");
    expect(sent).toEqual(["first-app", "none", "second-app", "second-app"]);
  });

  it("reads client.config.customUserAgent at each call, as v3 does: a library may add its agent to a client it is given", async () => {
    const ours = new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: captureHandler(UPDATED, UPDATED), customUserAgent: "rotator/2.0" });
    const theirs = new V3IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: captureHandler(UPDATED, UPDATED), customUserAgent: "rotator/2.0" });
    const sent = async (send: () => Promise<unknown>, handler: unknown) => {
      await send();
      const request = (handler as ReturnType<typeof captureHandler>).requests.at(-1)!;
      return { userAgent: request.headers["user-agent"]!, sdkAgent: request.headers["x-amz-user-agent"]! };
    };
    const before = await sent(() => ours.send(new UpdateAccessKeyCommand(update)), ours.config.requestHandler);
    for (const client of [ours, theirs]) client.config.customUserAgent = [...client.config.customUserAgent!, ["wrapper", "1.0"]];
    const after = await sent(() => ours.send(new UpdateAccessKeyCommand(update)), ours.config.requestHandler);
    const afterV3 = await sent(() => theirs.send(new V3UpdateAccessKey(update)), theirs.config.requestHandler);
    expect(before.userAgent).toMatch(/ rotator\/2\.0$/);
    expect(afterV3.userAgent).toMatch(/ rotator\/2\.0 wrapper\/1\.0$/);
    expect(after).toEqual({ userAgent: asKeysmith(afterV3.userAgent), sdkAgent: asKeysmith(afterV3.sdkAgent) });
  });

  it("warns about an app id longer than 50 characters and sends it, as v3 does", async () => {
    const warnings: string[] = [];
    const logger = { trace() {}, debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const handler = captureHandler(UPDATED);
    await new IAMClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, logger, userAgentAppId: "a".repeat(51) }).send(
      new UpdateAccessKeyCommand(update),
    );
    expect(handler.requests[0]!.headers["user-agent"]).toContain(` app/${"a".repeat(51)}`);
    expect(warnings).toEqual(["userAgentAppId is longer than 50 characters; it is sent as given"]);
  });
});

describe("user-agent pairs", () => {
  it.each([
    [["keysmith", "0.1.0"], "keysmith/0.1.0"],
    [["lang/js"], "lang/js"],
    [["os/linux", "6.1.0-amd64"], "os/linux#6.1.0-amd64"],
    [["api/IAM", "1.0"], "api/iam#1.0"],
    [["my app/x", "1 (beta)"], "my-app/x#1--beta-"],
    [["rotator/2.0"], "rotator/2.0"],
  ] as const)("%j is written %s", (pair, want) => {
    expect(escapePair([...pair] as [string, string?])).toBe(want);
  });
});

it("keysmith's version on the wire is package.json's", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  expect(KEYSMITH_VERSION).toBe(pkg.version);
});
