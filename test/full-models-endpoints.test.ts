// The endpoint rules of AWS's awsQuery models that keep them (14 of the 16 in ../shared/aws-models; IAM's and STS's
// are ours, see endpoints.test.ts), compiled by generate() as it writes endpoints.ts. Every case of each model's
// smithy.rules#endpointTests is run twice: the compiled function called with the case's parameters, and the endpoint
// middleware fed the client settings the generated built-ins table binds those parameters to, as a client is. Then the
// compiled rules are held to the official interpreter on random parameters.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveQueryClientConfig } from "../src/config/client-config.js";
import type { EndpointParameterValues, QueryService } from "../src/contract.js";
import { partition } from "../src/endpoint/functions.js";
import { endpointMiddleware, type CallEndpoint } from "../src/middleware/endpoint.js";
import { testCredentials } from "./support/capture.js";
import { useCredentialSandbox } from "./support/credential-sandbox.js";
import { compiledOutcome, interpretedOutcome, settingParams, sigv4Of, type EndpointOutcome } from "./support/endpoint-outcomes.js";
import { dualStackSinceTheModels } from "./support/partitions-of-the-models.js";
import { hasShared, readSharedJson, sharedDir, sharedSkipReason } from "./support/shared.js";
import { importEndpoints, scratchDir, type EndpointsModule } from "./support/vectors-generate.js";

if (!hasShared) console.warn(sharedSkipReason);
useCredentialSandbox();

type Params = EndpointParameterValues;

interface EndpointTestCase {
  documentation: string;
  /** Absent: no parameter set (the "Missing region" cases). */
  params?: Params;
  expect: {
    error?: string;
    endpoint?: { url: string; headers?: Record<string, string[]>; properties?: Record<string, unknown> };
  };
}

interface ModelRules {
  name: string;
  ast: unknown;
  ruleSet: unknown;
  testCases: EndpointTestCase[];
  /** The service's own SigV4 signing name (`aws.auth#sigv4`), which the client signs with where the rules name none. */
  signingName: string;
  /** Its `aws.api#service` sdkId, which names its AWS_ENDPOINT_URL_* variable. */
  sdkId: string;
  /** One operation to generate: endpoints.ts is the service's, whatever the operations. */
  operation: string;
}

const models: ModelRules[] = hasShared
  ? readdirSync(`${sharedDir}aws-models`)
      .filter((file) => file.endsWith(".json"))
      .sort()
      .flatMap((file) => {
        const ast = readSharedJson(`aws-models/${file}`);
        const service = Object.values(ast.shapes as Record<string, any>).find((shape) => shape.type === "service");
        const tests = service.traits["smithy.rules#endpointTests"];
        if (tests === undefined) return [];
        expect(tests.version).toBe("1.0");
        return [
          {
            name: file.replace(/\.json$/, ""),
            ast,
            ruleSet: service.traits["smithy.rules#endpointRuleSet"],
            testCases: tests.testCases,
            signingName: service.traits["aws.auth#sigv4"].name,
            sdkId: service.traits["aws.api#service"].sdkId,
            operation: service.operations[0].target.split("#")[1],
          },
        ];
      })
  : [];
const totalCases = models.reduce((sum, model) => sum + model.testCases.length, 0);

/** The partition data of the models' date (see the support module); the pinned data is the project's own. */
const modelsDateRuntime = fileURLToPath(new URL("./support/partitions-of-the-models.js", import.meta.url));

const scratch = hasShared ? scratchDir("full-models-endpoints") : undefined;
/** Per model: its rules compiled against the partition data of its date, and against the pinned data. */
const compiled = new Map<string, { ofTheModels: EndpointsModule; pinned: EndpointsModule }>();
const tally = { passed: 0, ofTheModelsDate: 0, randomRuns: 0 };
const RANDOM_RUNS = 300;

beforeAll(async () => {
  for (const model of models) {
    const options = { operations: [model.operation] };
    compiled.set(model.name, {
      ofTheModels: await importEndpoints(scratch!.path, model.ast, { ...options, label: `${model.name}-models-date`, runtime: modelsDateRuntime }),
      pinned: await importEndpoints(scratch!.path, model.ast, { ...options, label: model.name }),
    });
  }
});

afterAll(() => {
  scratch?.remove();
  if (!hasShared) return;
  console.log(
    `endpoint tests of AWS's models: ${tally.passed}/${totalCases} cases pass in ${models.length} models, called directly and through the ` +
      `endpoint middleware (${tally.ofTheModelsDate} of them need the partition data of the models' date, in which aws-iso and aws-iso-b ` +
      `have no dual-stack); the compiled rules answer as the official interpreter on ${tally.randomRuns} random parameter sets`,
  );
});

/** The case's expected SigV4 scope: the rules' sigv4 auth scheme, else the client's own. */
function expectedScope(model: ModelRules, testCase: EndpointTestCase) {
  const sigv4 = sigv4Of(testCase.expect.endpoint!);
  return { signingName: sigv4?.signingName ?? model.signingName, signingRegion: sigv4?.signingRegion ?? (testCase.params?.Region as string | undefined) };
}

/** What the compiled function must answer: the URL exactly as written, the headers, the scope; or the error's message. */
function expected(model: ModelRules, testCase: EndpointTestCase): EndpointOutcome {
  const { error, endpoint } = testCase.expect;
  if (error !== undefined) return { error };
  const properties = Object.keys(endpoint!.properties ?? {}).filter((name) => name !== "authSchemes");
  // keysmith reads only authSchemes (the compiler refuses rules that name other properties), so no case may expect others.
  expect(properties).toEqual([]);
  return { url: endpoint!.url, headers: endpoint!.headers ?? {}, ...expectedScope(model, testCase) };
}

function direct(module: EndpointsModule, model: ModelRules, params: Params): EndpointOutcome {
  try {
    const endpoint = module.resolveEndpoint(params);
    const signingRegion = endpoint.signingRegion ?? (params.Region as string | undefined);
    return { url: endpoint.url, headers: endpoint.headers ?? {}, signingName: endpoint.signingName ?? model.signingName, signingRegion };
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return { error: (error as Error).message };
  }
}

/**
 * The endpoint as a client resolves it: each parameter the case sets becomes the client option the generated
 * `endpointSettings` binds it to, the client's configuration is resolved from those options alone (the sandbox holds
 * no AWS_* variable and an empty HOME), and the endpoint middleware resolves. A parameter no option supplies fails the
 * case.
 */
async function throughClient(module: EndpointsModule, model: ModelRules, params: Params): Promise<EndpointOutcome> {
  const options: Record<string, unknown> = { credentials: testCredentials };
  for (const [parameter, value] of Object.entries(params)) {
    const setting = module.endpointSettings[parameter];
    if (setting === undefined) throw new Error(`the case sets ${parameter}, which no client setting supplies`);
    // Each setting is read from the option of its name, but for the URL the `endpoint` option gives.
    options[setting === "endpointUrl" ? "endpoint" : setting] = value;
  }
  const service = { signingName: model.signingName, endpointSettings: module.endpointSettings, resolveEndpoint: module.resolveEndpoint } as QueryService;
  const context: { endpointV2?: CallEndpoint } = {};
  try {
    const config = resolveQueryClientConfig(options, model.sdkId);
    await endpointMiddleware({ ...config, service })(async () => ({ output: {}, response: {} }) as never, context as never)({ input: {} } as never);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { url, headers, signingName, signingRegion } = context.endpointV2!;
  return { url: url.href, headers: headers ?? {}, signingName, signingRegion };
}

/**
 * What the client must do: send to the URL (as a URL object spells it), with the headers, signed for the scope; or
 * fail. A client refuses to call without a region before the rules run, as v3's does, whatever the rules would say.
 */
function expectedOfClient(model: ModelRules, testCase: EndpointTestCase): EndpointOutcome {
  if (testCase.params?.Region === undefined) return { error: "Region is missing: set the region option, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile" };
  const want = expected(model, testCase);
  if ("error" in want) return want;
  return { ...want, url: new URL(want.url).href };
}

/** The cases the partition data of the models' date decides: dual-stack in a partition that has it only since. */
function needsModelsDate(testCase: EndpointTestCase): boolean {
  const region = testCase.params?.Region;
  return testCase.params?.UseDualStack === true && typeof region === "string" && dualStackSinceTheModels.has(partition(region).name);
}

describe.skipIf(!hasShared)("AWS's awsQuery models' endpoint rules", () => {
  it("are kept by 14 of the 16 models, with 716 test cases", () => {
    expect(models.map((model) => model.name)).toEqual([
      "auto-scaling",
      "cloudformation",
      "cloudsearch",
      "cloudwatch",
      "docdb",
      "elastic-beanstalk",
      "elastic-load-balancing-v2",
      "elastic-load-balancing",
      "elasticache",
      "neptune",
      "rds",
      "redshift",
      "ses",
      "sns",
    ]);
    expect(totalCases).toBe(716);
  });

  describe.each(models.map((model) => [model.name, model] as const))("%s: the model's smithy.rules#endpointTests", (name, model) => {
    it.each(model.testCases.map((testCase) => [testCase.documentation, testCase] as const))("%s", async (_documentation, testCase) => {
      const params = testCase.params ?? {};
      const { ofTheModels } = compiled.get(name)!;
      expect(direct(ofTheModels, model, params)).toEqual(expected(model, testCase));
      expect(await throughClient(ofTheModels, model, params)).toEqual(expectedOfClient(model, testCase));
      tally.passed++;
      if (needsModelsDate(testCase)) tally.ofTheModelsDate++;
    });

    it("with the pinned partition data, differs only where aws-iso and aws-iso-b have gained dual-stack, as the official interpreter does", () => {
      const { pinned } = compiled.get(name)!;
      const differing = model.testCases.filter((testCase) => {
        const got = direct(pinned, model, testCase.params ?? {});
        return JSON.stringify(got) !== JSON.stringify(expected(model, testCase));
      });
      expect(differing.map((testCase) => testCase.documentation)).toEqual(model.testCases.filter(needsModelsDate).map((testCase) => testCase.documentation));
      expect(differing).toHaveLength(4);
      for (const testCase of differing) {
        const params = testCase.params ?? {};
        expect(compiledOutcome(pinned.resolveEndpoint, params, model.signingName)).toEqual(interpretedOutcome(model.ruleSet, params, model.signingName));
      }
    });
  });

  describe("compiled rules answer as the official interpreter does on random parameters", () => {
    // The interpreter's parseURL logs each string it cannot parse.
    beforeAll(() => vi.spyOn(console, "error").mockImplementation(() => {}));
    afterAll(() => vi.restoreAllMocks());

    it.each(models.map((model) => [model.name, model] as const))("%s", (name, model) => {
      const { pinned } = compiled.get(name)!;
      fc.assert(
        fc.property(settingParams, (given) => {
          expect(compiledOutcome(pinned.resolveEndpoint, given, model.signingName)).toEqual(interpretedOutcome(model.ruleSet, given, model.signingName));
        }),
        { numRuns: RANDOM_RUNS },
      );
      tally.randomRuns += RANDOM_RUNS;
    });
  });
});
