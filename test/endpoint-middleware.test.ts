// The endpoint middleware (src/middleware/endpoint.ts) reads each rule parameter from the resolved setting the
// generated table names, keeps the endpoint of the last settings, and leaves the URL, headers and SigV4 scope in the
// context for the serializer and the signer; useGlobalEndpoint is resolved with the other settings.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
    expect(await call()).toEqual({ url: new URL("https://example.com"), headers: { "x-a": ["1"] }, signingName: "example", signingRegion: "eu-west-1" });
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
