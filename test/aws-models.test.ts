// AWS's 16 awsQuery models (../shared/aws-models): every operation generates, all 16 clients type-check as one strict
// program and import, every operation sends a well-formed body for a sample input and reads a synthesized response,
// every modeled error comes back as its exception, and the models' own example inputs pass validation. The
// comparison with the official SDK on the wire, for IAM and STS, is test/full-models.test.ts.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { Model, shapeName, trait, UNIT, type Shape } from "../codegen/model/model.js";
import { clientBaseName, typeNamer } from "../codegen/model/names.js";
import { TRAIT } from "../codegen/model/traits.js";
import { planService, type ServicePlan } from "../codegen/model/walk.js";
import { decodeForm } from "../src/protocol/form.js";
import { captureHandler, testCredentials, type CannedResponse } from "./support/capture.js";
import { exampleInput, sampleValue } from "./support/full-models-samples.js";
import { typeCheck } from "./support/full-models-typecheck.js";
import { errorCases, operationCases } from "./support/model-cases.js";
import { hasShared, readSharedJson, sharedDir, sharedSkipReason } from "./support/shared.js";
import { okResponse } from "./support/side-by-side.js";
import { generateInto, importGenerated, scratchDir } from "./support/vectors-generate.js";

if (!hasShared) console.warn(sharedSkipReason);

/** The operations each model has (../shared/aws-models/README.md): 1,130 in all. */
const OPERATIONS: Record<string, number> = {
  "auto-scaling": 65,
  cloudformation: 88,
  cloudsearch: 26,
  cloudwatch: 38,
  docdb: 55,
  "elastic-beanstalk": 47,
  "elastic-load-balancing": 29,
  "elastic-load-balancing-v2": 51,
  elasticache: 75,
  iam: 164,
  neptune: 69,
  rds: 162,
  redshift: 139,
  ses: 71,
  sns: 42,
  sts: 9,
};

/** Errors whose wire code another error has too, and the exception that code becomes (as in v3 and botocore). */
const SHARED_CODES: Record<string, string> = { "cloudwatch DashboardNotFoundError": "ResourceNotFound" };

interface Service {
  readonly name: string;
  readonly ast: unknown;
  readonly plan: ServicePlan;
  readonly typeName: (shape: Shape | string) => string;
  readonly client: string;
  readonly namespace: string;
}

const services: Service[] = hasShared
  ? readdirSync(`${sharedDir}aws-models`)
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => {
        const ast = readSharedJson(`aws-models/${file}`);
        const plan = planService(new Model(ast));
        const client = `${clientBaseName(plan.sdkId)}Client`;
        const namespace = trait<{ uri: string }>(plan.service.traits, TRAIT.xmlNamespace)!.uri;
        return { name: file.replace(/\.json$/, ""), ast, plan, typeName: typeNamer(plan), client, namespace };
      })
  : [];
const operations = operationCases(services);
const errors = errorCases(services);
const examples = operations.flatMap(({ service, operation, label }) =>
  (trait<Array<{ title?: string; input?: unknown }>>(operation.traits, TRAIT.examples) ?? []).map((example, i) => ({
    service,
    operation,
    input: example.input ?? {},
    label: `${label} example ${i + 1}`,
  })),
);

const scratch = hasShared ? scratchDir("aws-models") : undefined;
const modules = new Map<string, Promise<Record<string, any>>>();
const generated = new Map<string, number>();
/** Each service's waiter files. */
const waiterFiles = new Map<string, number>();

beforeAll(() => {
  for (const service of services) {
    const files = generateInto(`${scratch!.path}/${service.name}`, service.ast, { source: `${service.name}.json` });
    generated.set(service.name, [...files.keys()].filter((path) => path.startsWith("commands/")).length);
    waiterFiles.set(service.name, [...files.keys()].filter((path) => path.startsWith("waiters/")).length);
  }
});
afterAll(() => scratch?.remove());

/** The service's generated module, imported on first use (whichever test runs first). */
function moduleOf(service: Service): Promise<Record<string, any>> {
  let module = modules.get(service.name);
  if (module === undefined) modules.set(service.name, (module = importGenerated(`${scratch!.path}/${service.name}`)));
  return module;
}

/** A 200 answer to `operation`, with `sample` as its result or only what the model requires. */
const okAnswer = (service: Service, operation: Shape, sample?: Record<string, unknown>) =>
  okResponse(service.plan.model, operation, service.namespace, `req-${shapeName(operation.id)}`, sample);

async function send(service: Service, operation: string, input: object, response: CannedResponse, validateInput = false) {
  const module = await moduleOf(service);
  const handler = captureHandler(response);
  const client = new module[service.client]({ region: "us-east-1", credentials: testCredentials, requestHandler: handler, maxAttempts: 1, validateInput });
  const result = await client.send(new module[`${operation}Command`](input)).then(
    (output: any) => ({ output }),
    (error: any) => ({ error }),
  );
  return { ...result, request: handler.requests[0] };
}

describe.skipIf(!hasShared)("AWS's 16 awsQuery models", () => {
  it("are all there, and each generates all its operations: 1,130", () => {
    expect(Object.fromEntries(services.map((service) => [service.name, generated.get(service.name)]))).toEqual(OPERATIONS);
  });

  it("give every waiter their models define: 53, in 13 of them, type-checked with the rest below", () => {
    expect([...waiterFiles.values()].reduce((sum, count) => sum + count, 0)).toBe(53);
    expect([...waiterFiles].filter(([, count]) => count > 0)).toHaveLength(13);
  });

  it("generate in well under 3 s together", () => {
    const started = performance.now();
    for (const service of services) generate(service.ast, { runtime: "keysmith/runtime", source: `${service.name}.json` });
    const elapsed = performance.now() - started;
    console.log(`generate() for AWS's 16 awsQuery models (1,130 operations), in process: ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(3000);
  });

  // One compiler program for the 16 (about 40 s on an idle core): the runtime's types are checked once.
  it("type-check as strict TypeScript, in one program", () => {
    expect(typeCheck([scratch!.path])).toEqual([]);
  }, 300_000);

  it.each(services)("$name imports", async (service) => {
    expect((await moduleOf(service))[service.client]).toBeTypeOf("function");
  });

  it.each(operations)("$label: a sample input goes out as a well-formed body, and a response comes back", async ({ service, operation }) => {
    const name = shapeName(operation.id);
    const model = service.plan.model;
    const inputId = operation.raw.input?.target ?? UNIT;
    const outputId = operation.raw.output?.target ?? UNIT;
    // Samples set every member, without regard to patterns: what is checked here is the wire format.
    const input = inputId === UNIT ? {} : (sampleValue(model, inputId, shapeName(inputId)) as object);
    const { request, error } = await send(service, name, input, okAnswer(service, operation));
    expect(error).toBeUndefined();
    const pairs = decodeForm(String(request!.body));
    expect(pairs.slice(0, 2)).toEqual([
      ["Action", name],
      ["Version", service.plan.service.raw.version],
    ]);
    const members = pairs.slice(2);
    expect(new Set(members.map(([key]) => key)).size, "no key twice").toBe(members.length);
    expect(members.flatMap(([key, value]) => formProblem(model, inputId, key, value))).toEqual([]);
    expect(members.length, "one pair for every value of the sample").toBe(inputId === UNIT ? 0 : valueCount(model, inputId, input));

    // Lists and maps of two and of one, and a result with only what the model requires.
    for (const options of outputId === UNIT ? [] : [{ items: 2 }, { items: 1 }, { requiredOnly: true }]) {
      const sample = sampleValue(model, outputId, name, options) as Record<string, unknown>;
      const { output, error } = await send(service, name, input, okAnswer(service, operation, sample));
      expect(error).toBeUndefined();
      const { $metadata, ...read } = output;
      expect(read).toEqual(sample);
      expect($metadata.requestId).toBe(`req-${name}`);
    }
  });

  it.each(errors)("$label: its error response becomes its exception", async ({ service, error, operation }) => {
    const queryError = trait<{ code: string; httpResponseCode: number }>(error.traits, TRAIT.awsQueryError);
    const code = queryError?.code ?? shapeName(error.id);
    const status = queryError?.httpResponseCode ?? 400;
    const body =
      `<ErrorResponse xmlns="${service.namespace}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>Sample message for ${code}</Message></Error><RequestId>req-${code}</RequestId></ErrorResponse>`;
    const name = shapeName(operation.id);
    const input = operation.raw.input ? (sampleValue(service.plan.model, operation.raw.input.target, name) as object) : {};
    const thrown = (await send(service, name, input, { status, body })).error;
    const sharedWith = SHARED_CODES[`${service.name} ${shapeName(error.id)}`];
    const want = service.typeName(sharedWith === undefined ? error.id : error.id.replace(/#.*/, `#${sharedWith}`));
    const module = await moduleOf(service);
    expect(thrown).toBeInstanceOf(module[want]);
    expect([thrown.name, thrown.$fault, thrown.message, thrown.Code, thrown.$metadata.requestId]).toEqual([
      want,
      trait(error.traits, TRAIT.error),
      `Sample message for ${code}`,
      code,
      `req-${code}`,
    ]);
  });

  it.each(services)("$name: an error code the model does not know is its base exception, named after the code", async (service) => {
    const operation = service.plan.operations.find((candidate) => !candidate.raw.input || candidate.raw.input.target === UNIT) ?? service.plan.operations[0]!;
    const name = shapeName(operation.id);
    const input = operation.raw.input ? (sampleValue(service.plan.model, operation.raw.input.target, name) as object) : {};
    const body = "<ErrorResponse><Error><Type>Sender</Type><Code>NotInTheModel</Code><Message>m</Message></Error></ErrorResponse>";
    const thrown = (await send(service, name, input, { status: 400, body })).error;
    const module = await moduleOf(service);
    const base = Object.entries(module).find(([exported]) => /ServiceException$/.test(exported) && thrown instanceof (module[exported] as any));
    expect(thrown.name).toBe("NotInTheModel");
    expect(base?.[0]).toBe(service.name === "elastic-beanstalk" ? "ElasticBeanstalkSyntheticServiceException" : `${service.client.replace(/Client$/, "")}ServiceException`);
  });

  it("Elastic Beanstalk: the modeled ElasticBeanstalkServiceException extends the base, ElasticBeanstalkSyntheticServiceException (v3's name)", async () => {
    const module = await moduleOf(services.find((service) => service.name === "elastic-beanstalk")!);
    expect(module.ElasticBeanstalkServiceException.prototype).toBeInstanceOf(module.ElasticBeanstalkSyntheticServiceException);
  });

  it.each(examples)("$label: the model's example input passes validation", async ({ service, operation, input }) => {
    const name = shapeName(operation.id);
    const given = exampleInput(service.plan.model, operation.raw.input?.target ?? UNIT, input) as object;
    const { error } = await send(service, name, given, okAnswer(service, operation), true);
    expect(error).toBeUndefined();
  });
});

/**
 * Why a form pair's key is not one the input shape has, walked as awsQuery writes keys: a member's wire name, a
 * list's `member` (or its member's xmlName) and 1-based position, a map's `entry`, position and key or value (none
 * of which a flattened member has); nothing when it is one. An empty list is a key that stops at the list.
 */
function formProblem(model: Model, inputId: string, key: string, value: string): string[] {
  const segments = key.split(".");
  const problem = (why: string) => [`${key}: ${why}`];
  const position = (segment: string | undefined) => segment !== undefined && /^[1-9][0-9]*$/.test(segment);
  let shape = model.shape(inputId);
  let flattened = false;
  for (let i = 0; ; ) {
    const segment = segments[i];
    switch (shape.type) {
      case "structure":
      case "union": {
        const found = [...shape.members].find(([name, member]) => (trait<string>(member.traits, TRAIT.xmlName) ?? name) === segment);
        if (found === undefined) return problem(`${shape.id} has no member sent as ${JSON.stringify(segment)}`);
        shape = model.shape(found[1].target);
        flattened = trait(found[1].traits, TRAIT.xmlFlattened) !== undefined;
        i++;
        continue;
      }
      case "list": {
        if (segment === undefined) return value === "" ? [] : problem("a list's own key carries a value other than the empty list's");
        if (!flattened && segment !== (trait<string>(shape.member!.traits, TRAIT.xmlName) ?? "member")) return problem(`${shape.id} items are not under ${segment}`);
        if (!flattened) i++;
        if (!position(segments[i])) return problem(`${segments[i]} is not a list position`);
        shape = model.shape(shape.member!.target);
        flattened = false;
        i++;
        continue;
      }
      case "map": {
        if (!flattened && segment !== "entry") return problem(`${shape.id} entries are not under ${segment}`);
        if (!flattened) i++;
        if (!position(segments[i])) return problem(`${segments[i]} is not a map position`);
        const part = segments[i + 1];
        const keyName = trait<string>(shape.key!.traits, TRAIT.xmlName) ?? "key";
        const valueName = trait<string>(shape.value!.traits, TRAIT.xmlName) ?? "value";
        if (part !== keyName && part !== valueName) return problem(`${part} is neither ${shape.id}'s key nor its value`);
        shape = model.shape(part === keyName ? shape.key!.target : shape.value!.target);
        flattened = false;
        i += 2;
        continue;
      }
      default:
        return segment === undefined ? [] : problem(`${shape.id} is a ${shape.type}, with nothing under it`);
    }
  }
}

/** How many form pairs a value of the shape makes: one per scalar, one for an empty list, two per map entry's key and scalar value. */
function valueCount(model: Model, target: string, value: unknown): number {
  const shape = model.shape(target);
  switch (shape.type) {
    case "structure":
    case "union":
      return [...shape.members].reduce((sum, [name, member]) => {
        const memberValue = (value as Record<string, unknown>)[name];
        return memberValue === undefined || memberValue === null ? sum : sum + valueCount(model, member.target, memberValue);
      }, 0);
    case "list": {
      const items = (value as unknown[]).filter((item) => item !== null);
      return items.length === 0 ? 1 : items.reduce<number>((sum, item) => sum + valueCount(model, shape.member!.target, item), 0);
    }
    case "map":
      return Object.values(value as Record<string, unknown>).reduce<number>((sum, item) => sum + (item === null ? 0 : 1 + valueCount(model, shape.value!.target, item)), 0);
    default:
      return 1;
  }
}
