// The endpoint middleware (src/middleware/endpoint.ts) reads each rule parameter from the resolved setting the
// generated table names, keeps the endpoint of the last settings, and leaves the URL, headers and SigV4 scope in the
// context for the serializer and the signer; useGlobalEndpoint is resolved with the other settings.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IAMClient as V3IAMClient, UpdateAccessKeyCommand as V3UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { GetAccessKeyInfoCommand as V3GetAccessKeyInfoCommand, STSClient as V3STSClient } from "@aws-sdk/client-sts";
import type { EndpointV2 } from "@smithy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IAMClient, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { resolveQueryClientConfig } from "../src/config/client-config.js";
import type { EndpointParameterValues, QueryService, RuleEndpoint } from "../src/contract.js";
import { endpointMiddleware, type CallEndpoint } from "../src/middleware/endpoint.js";
import { isAwsSetting } from "./support/aws-environment.js";

/** Settings a test changes between calls; each is read through a provider, as resolved settings are. */
interface Settings {
  region: string;
  endpoint: URL | undefined;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  useGlobalEndpoint: boolean;
}

function harness(answer: (parameters: EndpointParameterValues) => RuleEndpoint) {
  const settings: Settings = { region: "eu-west-1", endpoint: undefined, useFipsEndpoint: false, useDualstackEndpoint: false, useGlobalEndpoint: false };
  const calls: EndpointParameterValues[] = [];
  const service = {
    signingName: "example",
    endpointSettings: { Region: "region", Endpoint: "endpointUrl", UseFIPS: "useFipsEndpoint", Global: "useGlobalEndpoint" },
    resolveEndpoint: (parameters: EndpointParameterValues) => {
      calls.push({ ...parameters });
      return answer(parameters);
    },
  } as unknown as QueryService;
  const provider = <K extends keyof Settings>(name: K) => async () => settings[name];
  const config = {
    service,
    region: provider("region"),
    endpointUrl: provider("endpoint"),
    useFipsEndpoint: provider("useFipsEndpoint"),
    useDualstackEndpoint: provider("useDualstackEndpoint"),
    useGlobalEndpoint: provider("useGlobalEndpoint"),
  };
  const handler = endpointMiddleware(config as never);
  const call = async () => {
    const context: { endpointV2?: CallEndpoint } = {};
    await handler(async () => ({ output: {}, response: {} }) as never, context as never)({ input: {} } as never);
    return context.endpointV2!;
  };
  return { settings, calls, call };
}

describe("the endpoint middleware", () => {
  it("reads each parameter from the setting the table names, an endpoint URL as its text", async () => {
    const { settings, calls, call } = harness(() => ({ url: "https://example.com" }));
    settings.endpoint = new URL("http://127.0.0.1:4566/base");
    settings.useGlobalEndpoint = true;
    await call();
    expect(calls).toEqual([{ Region: "eu-west-1", Endpoint: "http://127.0.0.1:4566/base", UseFIPS: false, Global: true }]);
  });

  it("fills in the client's own scope where the rules name none, and keeps the one they name", async () => {
    const { settings, call } = harness(({ Global }) => (Global ? { url: "https://global.example.com", signingRegion: "us-east-1", signingName: "other" } : { url: "https://example.com", headers: { "x-a": ["1"] } }));
    expect(await call()).toEqual({ url: new URL("https://example.com"), properties: {}, headers: { "x-a": ["1"] }, signingName: "example", signingRegion: "eu-west-1" });
    settings.useGlobalEndpoint = true;
    expect(await call()).toMatchObject({ url: new URL("https://global.example.com"), signingName: "other", signingRegion: "us-east-1" });
  });

  it("keeps the endpoint of the last settings, and resolves again when one changes", async () => {
    const { settings, calls, call } = harness(({ Region }) => ({ url: `https://${Region}.example.com` }));
    const first = await call();
    expect(await call()).toBe(first);
    settings.useFipsEndpoint = true;
    await call();
    settings.region = "us-west-2";
    expect((await call()).url.href).toBe("https://us-west-2.example.com/");
    expect(calls.map(({ Region, UseFIPS }) => [Region, UseFIPS])).toEqual([["eu-west-1", false], ["eu-west-1", true], ["us-west-2", true]]);
  });
});

describe("context.endpointV2 as v3 leaves it for middleware: the URL, the rules' auth scheme among the properties, the headers", () => {
  const sts = { v3: [V3STSClient, V3GetAccessKeyInfoCommand], keysmith: [STSClient, GetAccessKeyInfoCommand] } as const;
  const iam = { v3: [V3IAMClient, V3UpdateAccessKeyCommand], keysmith: [IAMClient, UpdateAccessKeyCommand] } as const;
  const keyId = "AKIAIOSFODNN7EXAMPLE";
  const provided: EndpointV2 = {
    url: new URL("https://sts.example.com/base"),
    properties: { authSchemes: [{ name: "sigv4", signingName: "sts", signingRegion: "eu-central-1" }] as never, team: "keys" },
    headers: { "x-team": ["keys"] },
  };

  /** What a middleware after the endpoint's reads of the context, for each SDK; the call ends there, nothing sent. */
  async function seen(pair: typeof sts | typeof iam, config: object, input: object) {
    const read: Record<string, unknown> = {};
    for (const sdk of ["v3", "keysmith"] as const) {
      const [Client, Command] = pair[sdk];
      const client = new (Client as new (config: object) => V3STSClient)({ credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, ...config });
      client.middlewareStack.add(
        (_next, context) => async () => {
          const { url, properties, headers } = context.endpointV2 as EndpointV2;
          read[sdk] = { url: url.href, properties, headers };
          throw new Error("read");
        },
        { step: "finalizeRequest", name: "readEndpoint" },
      );
      await expect(client.send(new (Command as new (input: object) => V3GetAccessKeyInfoCommand)(input as never))).rejects.toThrow("read");
    }
    return read;
  }

  it.each([
    { setup: "STS in a region", pair: sts, config: { region: "eu-west-1" }, want: { url: "https://sts.eu-west-1.amazonaws.com/", properties: {}, headers: {} } },
    { setup: "STS at a custom endpoint", pair: sts, config: { region: "eu-west-1", endpoint: "http://127.0.0.1:4566" }, want: { url: "http://127.0.0.1:4566/", properties: {}, headers: {} } },
    { setup: "STS, an endpointProvider's answer as given", pair: sts, config: { region: "eu-west-1", endpointProvider: () => provided }, want: { url: "https://sts.example.com/base", properties: provided.properties, headers: provided.headers } },
    {
      setup: "IAM, global, signed for us-east-1",
      pair: iam,
      config: { region: "eu-west-1" },
      want: { url: "https://iam.amazonaws.com/", properties: { authSchemes: [{ name: "sigv4", signingRegion: "us-east-1" }] }, headers: {} },
    },
    {
      setup: "IAM in China, signed for cn-north-1",
      pair: iam,
      config: { region: "cn-northwest-1" },
      want: { url: "https://iam.cn-north-1.amazonaws.com.cn/", properties: { authSchemes: [{ name: "sigv4", signingRegion: "cn-north-1" }] }, headers: {} },
    },
    // README, Deviations: the generated rules keep no signing name that is the service's own.
    {
      setup: "STS's global endpoint, where v3's auth scheme also names the service",
      pair: sts,
      config: { region: "eu-west-1", useGlobalEndpoint: true },
      want: { url: "https://sts.amazonaws.com/", properties: { authSchemes: [{ name: "sigv4", signingName: "sts", signingRegion: "us-east-1" }] }, headers: {} },
      keysmithWant: { url: "https://sts.amazonaws.com/", properties: { authSchemes: [{ name: "sigv4", signingRegion: "us-east-1" }] }, headers: {} },
    },
  ])("$setup", async ({ pair, config, want, keysmithWant = want }) => {
    const input = pair === sts ? { AccessKeyId: keyId } : { AccessKeyId: keyId, Status: "Active" };
    expect(await seen(pair, config, input)).toEqual({ v3: want, keysmith: keysmithWant });
  });
});

describe("useGlobalEndpoint is resolved with the other settings: the option, AWS_STS_REGIONAL_ENDPOINTS, the profile", () => {
  let savedEnv: NodeJS.ProcessEnv;
  let home: string;
  beforeEach(() => {
    savedEnv = { ...process.env };
    for (const name of Object.keys(process.env).filter(isAwsSetting)) delete process.env[name];
    home = mkdtempSync(join(tmpdir(), "keysmith-global-"));
    process.env.HOME = home;
    process.env.USERPROFILE = home;
  });
  afterEach(() => {
    process.env = savedEnv;
    rmSync(home, { recursive: true, force: true });
  });

  it.each([
    { name: "neither: regional", option: undefined, env: undefined, profile: undefined, want: false },
    { name: "the profile's legacy", option: undefined, env: undefined, profile: "legacy", want: true },
    { name: "the environment beats the profile", option: undefined, env: "regional", profile: "legacy", want: false },
    { name: "the environment's legacy", option: undefined, env: "legacy", profile: undefined, want: true },
    { name: "the option beats the environment", option: false, env: "legacy", profile: "legacy", want: false },
    { name: "the option", option: true, env: "regional", profile: undefined, want: true },
  ])("$name", async ({ option, env, profile, want }) => {
    if (env !== undefined) process.env.AWS_STS_REGIONAL_ENDPOINTS = env;
    if (profile !== undefined) {
      mkdirSync(join(home, ".aws"));
      writeFileSync(join(home, ".aws", "config"), `[default]\nsts_regional_endpoints = ${profile}\n`);
    }
    const resolved = resolveQueryClientConfig({ region: "eu-west-1", credentials: { accessKeyId: "a", secretAccessKey: "s" }, useGlobalEndpoint: option } as never, "STS");
    expect(await resolved.useGlobalEndpoint()).toBe(want);
  });
});
