import { readFileSync } from "node:fs";
import { partition, setPartitionInfo, useDefaultPartitionInfo } from "@aws-sdk/util-endpoints";
import type { RuleSetObject } from "@smithy/types";
import { afterEach, describe, expect, it } from "vitest";
import { resolveModelEndpoint, type ResolvedEndpoint } from "../src/endpoints.js";

type Params = Record<string, string | boolean | undefined>;

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

interface ServiceEndpointTraits {
  ruleSet: RuleSetObject;
  testCases: EndpointTestCase[];
}

function loadService(file: string): ServiceEndpointTraits {
  const model = JSON.parse(readFileSync(new URL(`../model/${file}`, import.meta.url), "utf8")) as {
    shapes: Record<string, { type: string; traits?: Record<string, unknown> }>;
  };
  const services = Object.values(model.shapes).filter((shape) => shape.type === "service");
  expect(services).toHaveLength(1);
  const traits = services[0]!.traits ?? {};
  const tests = traits["smithy.rules#endpointTests"] as { version: string; testCases: EndpointTestCase[] };
  expect(tests.version).toBe("1.0");
  return { ruleSet: traits["smithy.rules#endpointRuleSet"] as RuleSetObject, testCases: tests.testCases };
}

const services = { iam: loadService("iam.json"), sts: loadService("sts.json") };

/** Resolves, and turns a failure into its message so that a table row can compare either outcome. */
function attempt(ruleSet: RuleSetObject, params: Params): ResolvedEndpoint | { error: string } {
  try {
    return resolveModelEndpoint(ruleSet, params);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("Error");
    return { error: (error as Error).message };
  }
}

function expectEndpoint(ruleSet: RuleSetObject, params: Params, url: string, signingName?: string, signingRegion?: string): void {
  const result = attempt(ruleSet, params);
  if ("error" in result) throw new Error(`expected ${url}, got the error "${result.error}"`);
  expect(result.url.href).toBe(new URL(url).href);
  expect(result.signingName).toBe(signingName);
  expect(result.signingRegion).toBe(signingRegion);
}

function expectError(ruleSet: RuleSetObject, params: Params, message: string): void {
  const result = attempt(ruleSet, params);
  if (!("error" in result)) throw new Error(`expected "${message}", got ${result.url.href}`);
  expect(result.error).toBe(message);
}

const plain = { UseFIPS: false, UseDualStack: false };

describe.each(Object.entries(services))("%s: the model's smithy.rules#endpointTests", (_name, { ruleSet, testCases }) => {
  it.each(testCases.map((testCase) => [testCase.documentation, testCase] as const))("%s", (_documentation, testCase) => {
    if (testCase.expect.error !== undefined) {
      expectError(ruleSet, testCase.params, testCase.expect.error);
      return;
    }
    const endpoint = testCase.expect.endpoint!;
    const sigv4 = endpoint.properties?.authSchemes?.find((scheme) => scheme.name === "sigv4");
    expectEndpoint(ruleSet, testCase.params, endpoint.url, sigv4?.signingName, sigv4?.signingRegion);
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
  const { ruleSet } = services.iam;

  it("General Reference: iam.amazonaws.com in every commercial Region, and iam-fips.amazonaws.com", () => {
    for (const Region of ["us-east-1", "us-west-2", "eu-central-1", "ap-southeast-5"]) {
      expectEndpoint(ruleSet, { Region, ...plain }, "https://iam.amazonaws.com", "iam", "us-east-1");
    }
    expectEndpoint(ruleSet, { Region: "us-east-1", UseFIPS: true, UseDualStack: false }, "https://iam-fips.amazonaws.com", "iam", "us-east-1");
  });

  it("IAM User Guide, dual-stack endpoint support: iam.global.api.aws", () => {
    expectEndpoint(ruleSet, { Region: "us-west-2", UseFIPS: false, UseDualStack: true }, "https://iam.global.api.aws", "iam", "us-east-1");
  });

  it("IAM User Guide (China): iam.cn-north-1.amazonaws.com.cn, dual-stack iam.global.api.amazonwebservices.com.cn", () => {
    expectEndpoint(ruleSet, { Region: "cn-northwest-1", ...plain }, "https://iam.cn-north-1.amazonaws.com.cn", "iam", "cn-north-1");
    expectEndpoint(
      ruleSet,
      { Region: "cn-north-1", UseFIPS: false, UseDualStack: true },
      "https://iam.global.api.amazonwebservices.com.cn",
      "iam",
      "cn-north-1",
    );
  });

  it("GovCloud: iam.us-gov.amazonaws.com, the control plane in US-West", () => {
    expectEndpoint(ruleSet, { Region: "us-gov-east-1", ...plain }, "https://iam.us-gov.amazonaws.com", "iam", "us-gov-west-1");
  });
});

describe("STS endpoints as AWS documents them", () => {
  const { ruleSet } = services.sts;

  it("regional endpoints sts.{region}.amazonaws.com, FIPS sts-fips.{region}.amazonaws.com", () => {
    expectEndpoint(ruleSet, { Region: "us-west-2", ...plain }, "https://sts.us-west-2.amazonaws.com", "sts", "us-west-2");
    expectEndpoint(ruleSet, { Region: "us-east-2", UseFIPS: true, UseDualStack: false }, "https://sts-fips.us-east-2.amazonaws.com", "sts", "us-east-2");
    expectEndpoint(ruleSet, { Region: "cn-northwest-1", ...plain }, "https://sts.cn-northwest-1.amazonaws.com.cn", "sts", "cn-northwest-1");
  });

  it("the legacy setting sends the legacy Regions to sts.amazonaws.com, served from us-east-1", () => {
    expectEndpoint(ruleSet, { Region: "us-west-2", ...plain, UseGlobalEndpoint: true }, "https://sts.amazonaws.com", "sts", "us-east-1");
    expectEndpoint(ruleSet, { Region: "ap-east-1", ...plain, UseGlobalEndpoint: true }, "https://sts.ap-east-1.amazonaws.com", "sts", "ap-east-1");
  });

  it("each of the sixteen legacy Regions, and only those, goes global", () => {
    const legacy = ["ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1", "eu-north-1"];
    legacy.push("eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2");
    for (const Region of legacy) {
      expectEndpoint(ruleSet, { Region, ...plain, UseGlobalEndpoint: true }, "https://sts.amazonaws.com", "sts", "us-east-1");
    }
    for (const Region of ["ap-northeast-2", "ca-west-1", "eu-south-1", "me-central-1", "us-gov-west-1"]) {
      expectEndpoint(ruleSet, { Region, ...plain, UseGlobalEndpoint: true }, `https://sts.${Region}.amazonaws.com`, "sts", Region);
    }
  });
});

// Every partition in the pinned data supports FIPS and dual-stack, so these branches need partition data of
// our own. A copy of the rule set gets its own cache, so no result computed with the real data is reused.
describe("a partition without FIPS or dual-stack", () => {
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

  it.each(Object.entries(services))("%s names the option the partition lacks", (_name, service) => {
    setPartitionInfo(testPartitions);
    const ruleSet = structuredClone(service.ruleSet);
    const Region = "test-east-1";
    expectError(ruleSet, { Region, UseFIPS: true, UseDualStack: true }, "FIPS and DualStack are enabled, but this partition does not support one or both");
    expectError(ruleSet, { Region, UseFIPS: true, UseDualStack: false }, "FIPS is enabled but this partition does not support FIPS");
    expectError(ruleSet, { Region, UseFIPS: false, UseDualStack: true }, "DualStack is enabled but this partition does not support DualStack");
  });

  it("IAM falls back to the regional pattern in a partition it has no global endpoint for", () => {
    setPartitionInfo(testPartitions);
    const ruleSet = structuredClone(services.iam.ruleSet);
    expectEndpoint(ruleSet, { Region: "test-east-1", ...plain }, "https://iam.test-east-1.example.test", "iam", "test-east-1");
  });
});

describe("resolveModelEndpoint", () => {
  const { ruleSet } = services.sts;

  it("applies defaults without writing them into the caller's parameters", () => {
    const params: Params = { Region: "eu-west-1" };
    expectEndpoint(ruleSet, params, "https://sts.eu-west-1.amazonaws.com", "sts", "eu-west-1");
    expect(params).toEqual({ Region: "eu-west-1" });
  });

  it("returns a fresh URL from the cache, so a caller's change does not leak into the next call", () => {
    const first = resolveModelEndpoint(ruleSet, { Region: "eu-north-1", ...plain });
    first.url.hostname = "changed.example";
    const second = resolveModelEndpoint(ruleSet, { Region: "eu-north-1", ...plain });
    expect(second.url.href).toBe("https://sts.eu-north-1.amazonaws.com/");
    expect(second).not.toBe(first);
  });

  it("tells a set value from an unset one and a string from a boolean in its cache", () => {
    expectEndpoint(ruleSet, { Region: "us-east-1", UseGlobalEndpoint: true }, "https://sts.amazonaws.com", "sts", "us-east-1");
    expectEndpoint(ruleSet, { Region: "us-east-1", UseGlobalEndpoint: undefined }, "https://sts.us-east-1.amazonaws.com", "sts", "us-east-1");
    expectEndpoint(ruleSet, { Region: "us-east-1", UseGlobalEndpoint: false }, "https://sts.us-east-1.amazonaws.com", "sts", "us-east-1");
  });

  it("keeps the cause of a configuration error", () => {
    try {
      resolveModelEndpoint(ruleSet, { UseFIPS: false });
      throw new Error("expected a failure");
    } catch (error) {
      expect((error as Error).message).toBe("Invalid Configuration: Missing Region");
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(((error as Error).cause as Error).name).toBe("EndpointError");
    }
  });
});
