// Endpoint resolution: the rule sets of model/ compiled to generated/<service>/endpoints.ts. The models' own
// smithy.rules#endpointTests and AWS's documentation pin the answers; the reference interpreter of the rules language
// (@smithy/util-endpoints) pins the compiler, on our rule sets and on one that calls every function of the language.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { partition, setPartitionInfo, useDefaultPartitionInfo } from "@aws-sdk/util-endpoints";
import type { RuleSetObject } from "@smithy/types";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generate } from "../codegen/generate.js";
import { regionalRuleSet } from "../codegen/rules/default-rule-set.js";
import { resolveEndpoint as resolveIam } from "../generated/iam/endpoints.js";
import { resolveEndpoint as resolveSts } from "../generated/sts/endpoints.js";
import type { EndpointParameterValues, RuleEndpoint } from "../src/contract.js";
import { authorizationParts, captureHandler, testCredentials } from "./support/capture.js";
import { compiledOutcome, endpoints, interpretedOutcome, optional, regions, settingParams, signed, type Signed } from "./support/endpoint-outcomes.js";
import { generateInto, importEndpoints, importGenerated, runtimeEntry, scratchDir } from "./support/vectors-generate.js";

type Params = EndpointParameterValues;
type Resolve = (params: any) => RuleEndpoint;

interface EndpointTestCase {
  documentation: string;
  params: Params;
  expect: {
    error?: string;
    endpoint?: {
      url: string;
      properties?: { authSchemes?: Array<{ name: string; signingName?: string; signingRegion?: string }> };
    };
  };
}

/** A compiled rule set, and the signing name the client signs with where the rules name none. */
interface Resolver {
  resolve: Resolve;
  signingName: string;
}

interface ServiceEndpoints extends Resolver {
  ruleSet: RuleSetObject;
  testCases: EndpointTestCase[];
}

function readModel(file: string): any {
  return JSON.parse(readFileSync(new URL(`../model/${file}`, import.meta.url), "utf8"));
}

function loadService(file: string, resolve: Resolve, signingName: string): ServiceEndpoints {
  const model = readModel(file) as { shapes: Record<string, { type: string; traits?: Record<string, unknown> }> };
  const services = Object.values(model.shapes).filter((shape) => shape.type === "service");
  expect(services).toHaveLength(1);
  const traits = services[0]!.traits ?? {};
  const tests = traits["smithy.rules#endpointTests"] as { version: string; testCases: EndpointTestCase[] };
  expect(tests.version).toBe("1.0");
  return { ruleSet: traits["smithy.rules#endpointRuleSet"] as RuleSetObject, testCases: tests.testCases, resolve, signingName };
}

const services = { iam: loadService("iam.json", resolveIam, "iam"), sts: loadService("sts.json", resolveSts, "sts") };

/** Resolves, and turns a failure into its message so that a table row can compare either outcome. */
function attempt({ resolve, signingName }: Resolver, params: Params): Signed | { error: string } {
  try {
    const endpoint = resolve(params);
    return signed(endpoint.url, endpoint, params, signingName);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("Error");
    return { error: (error as Error).message };
  }
}

function expectEndpoint(resolver: Resolver, params: Params, url: string, signingName: string, signingRegion: string): void {
  const result = attempt(resolver, params);
  if ("error" in result) throw new Error(`expected ${url}, got the error "${result.error}"`);
  expect(result).toEqual({ url: new URL(url).href, signingName, signingRegion });
}

function expectError(resolver: Resolver, params: Params, message: string): void {
  const result = attempt(resolver, params);
  if (!("error" in result)) throw new Error(`expected "${message}", got ${result.url}`);
  expect(result.error).toBe(message);
}

const plain = { UseFIPS: false, UseDualStack: false };

describe.each(Object.entries(services))("%s: the model's smithy.rules#endpointTests", (_name, service) => {
  const { testCases } = service;
  it.each(testCases.map((testCase) => [testCase.documentation, testCase] as const))("%s", (_documentation, testCase) => {
    if (testCase.expect.error !== undefined) {
      expectError(service, testCase.params, testCase.expect.error);
      return;
    }
    const endpoint = testCase.expect.endpoint!;
    const sigv4 = endpoint.properties?.authSchemes?.find((scheme) => scheme.name === "sigv4");
    const want = signed(endpoint.url, sigv4, testCase.params, service.signingName);
    expectEndpoint(service, testCase.params, want.url, want.signingName!, want.signingRegion!);
  });

  it("covers every partition of the pinned partition data", () => {
    const covered = new Set(
      testCases.map((testCase) => testCase.params.Region).filter((region) => typeof region === "string").map((region) => partition(region as string).name),
    );
    for (const name of ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]) {
      expect(covered, name).toContain(name);
    }
  });
});

// Cases written here from AWS's documentation, so that the model's table is not the only witness.
describe("IAM endpoints as AWS documents them", () => {
  const resolve = services.iam;

  it("General Reference: iam.amazonaws.com in every commercial Region, and iam-fips.amazonaws.com", () => {
    for (const Region of ["us-east-1", "us-west-2", "eu-central-1", "ap-southeast-5"]) {
      expectEndpoint(resolve, { Region, ...plain }, "https://iam.amazonaws.com", "iam", "us-east-1");
    }
    expectEndpoint(resolve, { Region: "us-east-1", UseFIPS: true, UseDualStack: false }, "https://iam-fips.amazonaws.com", "iam", "us-east-1");
  });

  it("IAM User Guide, dual-stack endpoint support: iam.global.api.aws", () => {
    expectEndpoint(resolve, { Region: "us-west-2", UseFIPS: false, UseDualStack: true }, "https://iam.global.api.aws", "iam", "us-east-1");
  });

  it("IAM User Guide (China): iam.cn-north-1.amazonaws.com.cn, dual-stack iam.global.api.amazonwebservices.com.cn", () => {
    expectEndpoint(resolve, { Region: "cn-northwest-1", ...plain }, "https://iam.cn-north-1.amazonaws.com.cn", "iam", "cn-north-1");
    expectEndpoint(
      resolve,
      { Region: "cn-north-1", UseFIPS: false, UseDualStack: true },
      "https://iam.global.api.amazonwebservices.com.cn",
      "iam",
      "cn-north-1",
    );
  });

  it("GovCloud: iam.us-gov.amazonaws.com, the control plane in US-West", () => {
    expectEndpoint(resolve, { Region: "us-gov-east-1", ...plain }, "https://iam.us-gov.amazonaws.com", "iam", "us-gov-west-1");
  });
});

describe("STS endpoints as AWS documents them", () => {
  const resolve = services.sts;

  it("regional endpoints sts.{region}.amazonaws.com, FIPS sts-fips.{region}.amazonaws.com", () => {
    expectEndpoint(resolve, { Region: "us-west-2", ...plain }, "https://sts.us-west-2.amazonaws.com", "sts", "us-west-2");
    expectEndpoint(resolve, { Region: "us-east-2", UseFIPS: true, UseDualStack: false }, "https://sts-fips.us-east-2.amazonaws.com", "sts", "us-east-2");
    expectEndpoint(resolve, { Region: "cn-northwest-1", ...plain }, "https://sts.cn-northwest-1.amazonaws.com.cn", "sts", "cn-northwest-1");
  });

  it("the legacy setting sends the legacy Regions to sts.amazonaws.com, served from us-east-1", () => {
    expectEndpoint(resolve, { Region: "us-west-2", ...plain, UseGlobalEndpoint: true }, "https://sts.amazonaws.com", "sts", "us-east-1");
    expectEndpoint(resolve, { Region: "ap-east-1", ...plain, UseGlobalEndpoint: true }, "https://sts.ap-east-1.amazonaws.com", "sts", "ap-east-1");
  });

  it("each of the sixteen legacy Regions, and only those, goes global", () => {
    const legacy = ["ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1", "eu-north-1"];
    legacy.push("eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2");
    for (const Region of legacy) {
      expectEndpoint(resolve, { Region, ...plain, UseGlobalEndpoint: true }, "https://sts.amazonaws.com", "sts", "us-east-1");
    }
    for (const Region of ["ap-northeast-2", "ca-west-1", "eu-south-1", "me-central-1", "us-gov-west-1"]) {
      expectEndpoint(resolve, { Region, ...plain, UseGlobalEndpoint: true }, `https://sts.${Region}.amazonaws.com`, "sts", Region);
    }
  });
});

/** The runtime with the reference aws.partition, whose data a test may replace with setPartitionInfo. */
const referencePartitionRuntime = fileURLToPath(new URL("./support/reference-partition-runtime.js", import.meta.url));

/** Compiles a model's endpoint rules into a scratch folder and loads the function, calling `runtime`'s functions. */
async function compileEndpoints(dir: string, ast: unknown, runtime: string, label: string): Promise<Resolve> {
  return (await importEndpoints(dir, ast, { label, runtime })).resolveEndpoint;
}

/** A minimal awsQuery model whose service carries `ruleSet` (or no rules: the generator's regional pattern). */
function modelWithRules(ruleSet: unknown): unknown {
  const traits: Record<string, unknown> = { "aws.protocols#awsQuery": {}, "aws.api#service": { sdkId: "Example", endpointPrefix: "example" } };
  if (ruleSet !== undefined) traits["smithy.rules#endpointRuleSet"] = ruleSet;
  return {
    smithy: "2.0",
    shapes: {
      "example.test#Service": { type: "service", version: "2024-01-01", operations: [{ target: "example.test#Ping" }], traits },
      "example.test#Ping": { type: "operation" },
    },
  };
}

const scratch = scratchDir("endpoints");
afterAll(() => scratch.remove());

// Every partition in the pinned data supports FIPS and dual-stack, so these branches need partition data of
// our own: the rules are compiled against the reference aws.partition, whose data the test replaces.
describe("a partition without FIPS or dual-stack", () => {
  const withTestData: Partial<Record<keyof typeof services, Resolver>> = {};
  beforeAll(async () => {
    withTestData.iam = { resolve: await compileEndpoints(scratch.path, readModel("iam.json"), referencePartitionRuntime, "iam"), signingName: "iam" };
    withTestData.sts = { resolve: await compileEndpoints(scratch.path, readModel("sts.json"), referencePartitionRuntime, "sts"), signingName: "sts" };
  });
  afterEach(() => useDefaultPartitionInfo());

  const testPartitions = {
    partitions: [
      {
        id: "aws",
        outputs: { name: "aws", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", supportsFIPS: true, supportsDualStack: true },
        regionRegex: "^(us|eu)\\-\\w+\\-\\d+$",
        regions: {},
      },
      {
        id: "aws-test",
        outputs: { name: "aws-test", dnsSuffix: "example.test", dualStackDnsSuffix: "api.example.test", supportsFIPS: false, supportsDualStack: false },
        regionRegex: "^test\\-\\w+\\-\\d+$",
        regions: {},
      },
    ],
  };

  it.each(Object.keys(services) as Array<keyof typeof services>)("%s names the option the partition lacks", (name) => {
    setPartitionInfo(testPartitions);
    const resolve = withTestData[name]!;
    const Region = "test-east-1";
    expectError(resolve, { Region, UseFIPS: true, UseDualStack: true }, "FIPS and DualStack are enabled, but this partition does not support one or both");
    expectError(resolve, { Region, UseFIPS: true, UseDualStack: false }, "FIPS is enabled but this partition does not support FIPS");
    expectError(resolve, { Region, UseFIPS: false, UseDualStack: true }, "DualStack is enabled but this partition does not support DualStack");
  });

  it("IAM falls back to the regional pattern in a partition it has no global endpoint for", () => {
    setPartitionInfo(testPartitions);
    expectEndpoint(withTestData.iam!, { Region: "test-east-1", ...plain }, "https://iam.test-east-1.example.test", "iam", "test-east-1");
  });
});

describe("the compiled resolver", () => {
  const resolve = services.sts;

  it("applies defaults without writing them into the caller's parameters", () => {
    const params: Params = { Region: "eu-west-1" };
    expectEndpoint(resolve, params, "https://sts.eu-west-1.amazonaws.com", "sts", "eu-west-1");
    expect(params).toEqual({ Region: "eu-west-1" });
  });

  it("tells a set value from an unset one", () => {
    expectEndpoint(resolve, { Region: "us-east-1", UseGlobalEndpoint: true }, "https://sts.amazonaws.com", "sts", "us-east-1");
    expectEndpoint(resolve, { Region: "us-east-1", UseGlobalEndpoint: undefined }, "https://sts.us-east-1.amazonaws.com", "sts", "us-east-1");
    expectEndpoint(resolve, { Region: "us-east-1", UseGlobalEndpoint: false }, "https://sts.us-east-1.amazonaws.com", "sts", "us-east-1");
  });

  it("gives a fresh endpoint each time, so a caller's change does not leak into the next call", () => {
    const first = resolve.resolve({ Region: "us-east-1", ...plain, UseGlobalEndpoint: true });
    first.url = "https://changed.example";
    first.signingRegion = "changed-1";
    expect(resolve.resolve({ Region: "us-east-1", ...plain, UseGlobalEndpoint: true })).toEqual({ url: "https://sts.amazonaws.com", signingRegion: "us-east-1" });
  });
});

describe("the compiled code reads as written by hand", () => {
  it("leaves out tests already decided, reads booleans as booleans, and writes nothing after the last exit", () => {
    const ruleSet = {
      version: "1.0",
      parameters: {
        Region: { builtIn: "AWS::Region", type: "String", required: false },
        UseFIPS: { builtIn: "AWS::UseFIPS", type: "Boolean", required: true, default: false },
      },
      rules: [
        {
          conditions: [
            { fn: "isSet", argv: [{ ref: "Region" }] },
            { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
            { fn: "isSet", argv: [{ ref: "Region" }] },
            { fn: "isSet", argv: [{ ref: "UseFIPS" }] },
          ],
          rules: [
            {
              conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }],
              endpoint: { url: "https://example-fips.{Region}.{PartitionResult#dnsSuffix}", properties: { authSchemes: [{ name: "sigv4", signingName: "example", signingRegion: "{Region}" }] } },
              type: "endpoint",
            },
            {
              conditions: [{ fn: "booleanEquals", argv: [{ fn: "getAttr", argv: [{ ref: "PartitionResult" }, "supportsFIPS"] }, false] }],
              endpoint: { url: "https://example.{Region}.{PartitionResult#dnsSuffix}", properties: { authSchemes: [{ name: "sigv4", signingName: "other", signingRegion: "us-east-1" }] } },
              type: "endpoint",
            },
            { conditions: [], endpoint: { url: "https://example.{Region}.{PartitionResult#dnsSuffix}" }, type: "endpoint" },
          ],
          type: "tree",
        },
        { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" },
      ],
    };
    const code = generate(modelWithRules(ruleSet), { source: "example.json", runtime: "keysmith/runtime" }).get("endpoints.ts")!;
    expect(code.slice(code.indexOf("export function"))).toBe(
      [
        "export function resolveEndpoint(parameters: EndpointParameters): RuleEndpoint {",
        "  const { Region, UseFIPS = false } = parameters;",
        "  if (Region != null) {",
        "    const PartitionResult = partition(Region);",
        "    if (UseFIPS) {",
        "      return { url: `https://example-fips.${Region}.${PartitionResult.dnsSuffix}` };",
        "    }",
        "    if (!PartitionResult.supportsFIPS) {",
        "      return {",
        "        url: `https://example.${Region}.${PartitionResult.dnsSuffix}`,",
        '        signingName: "other",',
        '        signingRegion: "us-east-1",',
        "      };",
        "    }",
        "    return { url: `https://example.${Region}.${PartitionResult.dnsSuffix}` };",
        "  }",
        '  throw new Error("Invalid Configuration: Missing Region");',
        "}",
        "",
      ].join("\n"),
    );
  });
});

// A rule set that calls every function of the rules language, assigns one name in sibling rules, escapes braces in a
// template, and exhausts a tree; the compiled function must answer as the interpreter does.
const everyFunction = {
  version: "1.0",
  parameters: {
    Region: { type: "String", required: false },
    Bucket: { type: "String", required: false },
    Endpoint: { type: "String", required: false },
    Flag: { type: "Boolean", required: true, default: false },
    Label: { type: "String", required: true, default: "{x}" },
  },
  rules: [
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Endpoint" }] },
        { fn: "parseURL", argv: [{ ref: "Endpoint" }], assign: "Url" },
      ],
      rules: [
        {
          conditions: [{ fn: "booleanEquals", argv: [{ fn: "getAttr", argv: [{ ref: "Url" }, "isIp"] }, true] }],
          endpoint: { url: "{Url#scheme}://{Url#authority}{Url#normalizedPath}ip", properties: {}, headers: { path: ["{Url#path}"] } },
          type: "endpoint",
        },
        { conditions: [], endpoint: { url: "{Url#scheme}://{Url#authority}{Url#path}", properties: {}, headers: {} }, type: "endpoint" },
      ],
      type: "tree",
    },
    { conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }], error: "Endpoint {Endpoint} is not a URL for endpoints", type: "error" },
    {
      conditions: [{ fn: "coalesce", argv: [{ ref: "Bucket" }, { ref: "Region" }, "none"], assign: "Name" }, { fn: "stringEquals", argv: [{ ref: "Name" }, "exhaust"] }],
      rules: [{ conditions: [{ fn: "booleanEquals", argv: [{ ref: "Flag" }, true] }], endpoint: { url: "https://flag.example.com" }, type: "endpoint" }],
      type: "tree",
    },
    {
      conditions: [{ fn: "coalesce", argv: [{ ref: "Region" }, "none"], assign: "Name" }, { fn: "stringEquals", argv: [{ ref: "Name" }, "braces"] }],
      endpoint: { url: "https://braces.example.com/{{literal}}/{Label}", headers: { "x-label": ["{{literal}} {Label}", "plain"] } },
      type: "endpoint",
    },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Bucket" }] },
        { fn: "aws.parseArn", argv: [{ ref: "Bucket" }], assign: "Arn" },
        { fn: "getAttr", argv: [{ ref: "Arn" }, "resourceId[1]"], assign: "Second" },
      ],
      endpoint: {
        url: "https://{Second}.{Arn#region}.example.com",
        // The first sigv4 scheme is the one signed with; its scope is made of the ARN's parts.
        properties: { authSchemes: [{ name: "sigv4a", signingRegionSet: ["*"] }, { name: "sigv4", signingName: "{Arn#service}", signingRegion: "{Arn#region}" }] },
        headers: { "x-partition": ["{Arn#partition}"], account: ["{Arn#accountId}"], first: ["{Arn#resourceId[0]}"], last: ["{Arn#resourceId[-1]}"] },
      },
      type: "endpoint",
    },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Bucket" }] },
        { fn: "aws.isVirtualHostableS3Bucket", argv: [{ ref: "Bucket" }, false] },
        { fn: "not", argv: [{ fn: "isValidHostLabel", argv: [{ ref: "Bucket" }, true] }] },
      ],
      error: "unreachable: a virtual-hostable bucket is a host label",
      type: "error",
    },
    {
      conditions: [{ fn: "isSet", argv: [{ ref: "Bucket" }] }, { fn: "aws.isVirtualHostableS3Bucket", argv: [{ ref: "Bucket" }, false] }],
      endpoint: { url: "https://{Bucket}.s3.example.com" },
      type: "endpoint",
    },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Bucket" }] },
        { fn: "substring", argv: [{ ref: "Bucket" }, 0, 3, false], assign: "Head" },
        { fn: "substring", argv: [{ ref: "Bucket" }, 0, 2, true], assign: "Tail" },
        { fn: "uriEncode", argv: [{ ref: "Bucket" }], assign: "Encoded" },
      ],
      endpoint: {
        url: "https://example.com/{Encoded}",
        properties: { authSchemes: [{ name: "sigv4", signingName: "example", signingRegion: "us-east-1", disableDoubleEncoding: true }] },
        headers: { head: ["{Head}"], tail: ["{Tail}"] },
      },
      type: "endpoint",
    },
    { conditions: [{ fn: "isSet", argv: [{ ref: "Bucket" }] }], error: "Bucket {Bucket} is too short", type: "error" },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Region" }] },
        { fn: "split", argv: [{ ref: "Region" }, "-", 0], assign: "Parts" },
        { fn: "getAttr", argv: [{ ref: "Parts" }, "[-1]"], assign: "Last" },
        { fn: "ite", argv: [{ ref: "Flag" }, "on", "off"], assign: "Mode" },
        { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
      ],
      rules: [
        {
          conditions: [{ fn: "isValidHostLabel", argv: [{ ref: "Region" }, false] }],
          endpoint: {
            url: "https://{Region}.{PartitionResult#dnsSuffix}",
            // The client's own scope: the compiled rules leave it out, and the client signs with it all the same.
            properties: { authSchemes: [{ name: "sigv4", signingName: "example", signingRegion: "{Region}" }] },
            headers: { last: ["{Last}"], mode: ["{Mode}"], parts: ["{Parts#[0]}"], partition: ["{PartitionResult#name}"], fips: ["{PartitionResult#supportsFIPS}"] },
          },
          type: "endpoint",
        },
      ],
      type: "tree",
    },
    { conditions: [], error: "no Region", type: "error" },
  ],
};

describe("compiled rules answer as the reference interpreter does", () => {
  // The interpreter's parseURL logs each string it cannot parse.
  beforeAll(() => vi.spyOn(console, "error").mockImplementation(() => {}));
  afterAll(() => vi.restoreAllMocks());

  const buckets = ["my-bucket", "my.bucket", "a", "ab", "Abc", "192.168.0.1", "arn:aws:s3:us-west-2:123456789012:accesspoint:name", "arn:aws:s3:::b"];
  buckets.push("arn:aws-cn:iam::123456789012:user/path/name", "arn:aws", "x".repeat(64), "ünï", "it's (a) *test*!");
  const everyFunctionParams = fc.record({
    Region: optional(fc.oneof(fc.constantFrom(...regions, "exhaust", "braces"), fc.string({ maxLength: 12 }))),
    Bucket: optional(fc.oneof(fc.constantFrom(...buckets), fc.string({ maxLength: 12 }))),
    Endpoint: optional(fc.constantFrom(...endpoints)),
    Flag: optional(fc.boolean()),
    Label: optional(fc.string({ maxLength: 6 })),
  });

  const cases: Array<{ name: string; ruleSet: () => unknown; params: fc.Arbitrary<Params>; signingName: string; resolve: () => Promise<Resolve> }> = [
    { name: "IAM's rules", ruleSet: () => services.iam.ruleSet, params: settingParams, signingName: "iam", resolve: async () => services.iam.resolve },
    { name: "STS's rules", ruleSet: () => services.sts.ruleSet, params: settingParams, signingName: "sts", resolve: async () => services.sts.resolve },
    {
      name: "the regional pattern for models without rules",
      ruleSet: () => regionalRuleSet("example"),
      params: settingParams,
      signingName: "example",
      resolve: () => compileEndpoints(scratch.path, modelWithRules(undefined), runtimeEntry, "regional"),
    },
    {
      name: "a rule set calling every function",
      ruleSet: () => everyFunction,
      params: everyFunctionParams,
      signingName: "example",
      resolve: () => compileEndpoints(scratch.path, modelWithRules(everyFunction), runtimeEntry, "every-function"),
    },
  ];
  it.each(cases)("$name", async ({ ruleSet, params: arbitrary, signingName, resolve }) => {
    const compiled = await resolve();
    const rules = ruleSet();
    fc.assert(
      fc.property(arbitrary, (given) => {
        expect(compiledOutcome(compiled, given, signingName)).toEqual(interpretedOutcome(rules, given, signingName));
      }),
      { numRuns: 400 },
    );
  });
});

describe("a client of a rule set that names headers", () => {
  it("sends and signs them, several values joined as the official SDK joins them", async () => {
    const ruleSet = {
      version: "1.0",
      parameters: { Region: { type: "String", builtIn: "AWS::Region", required: false } },
      rules: [
        {
          conditions: [{ fn: "isSet", argv: [{ ref: "Region" }] }],
          endpoint: { url: "https://example.{Region}.example.com", headers: { "x-example-region": ["{Region}"], "x-example-tags": ["a", "b"] } },
          type: "endpoint",
        },
        { conditions: [], error: "no Region", type: "error" },
      ],
    };
    const dir = join(scratch.path, "with-headers");
    generateInto(dir, modelWithRules(ruleSet), { source: "with-headers.json" });
    const { ExampleClient, PingCommand } = await importGenerated(dir);
    const handler = captureHandler({ status: 200, body: "" });
    await new ExampleClient({ region: "eu-west-1", credentials: testCredentials, requestHandler: handler }).send(new PingCommand({}));
    const [request] = handler.requests;
    expect(request!.hostname).toBe("example.eu-west-1.example.com");
    expect(request!.headers["x-example-region"]).toBe("eu-west-1");
    expect(request!.headers["x-example-tags"]).toBe("a, b");
    expect(authorizationParts(request!).signedHeaders.split(";")).toEqual(expect.arrayContaining(["x-example-region", "x-example-tags"]));
  });
});
