// model/ against the schemas the installed official clients embed (@aws-sdk/client-iam and client-sts ship their
// shapes as schema arrays in dist-cjs, their enums as objects, their errors as classes): when an update of those
// clients brings a new member, enum value, required member, member kind, runtime trait or error code, a test here
// fails and names the shape. What the schemas do not carry (documentation, length, pattern, range) is compared with
// AWS's own models in test/official-models.test.ts.
import * as v3iam from "@aws-sdk/client-iam";
import * as v3sts from "@aws-sdk/client-sts";
import { translateTraits } from "@smithy/core/schema";
import { describe, expect, it } from "vitest";
import { Model, shapeName, UNIT, type MemberShape, type Shape } from "../codegen/model/model.js";
import { readProjectJson } from "./support/shared.js";

/** A shape as both sides can say it: what the embedded schemas carry, in their vocabulary. */
type Description = Record<string, unknown>;

/** A member's target: its kind (and name, for structures and unions), and the runtime traits of target and member. */
interface Target {
  kind: string;
  traits?: Record<string, unknown>;
  member?: Target;
  key?: Target;
  value?: Target;
}

// ---- The official clients' side --------------------------------------------------------------------------------

type SchemaRef = unknown;

/** v3's simple schema codes (@smithy/types' sentinels). */
const SIMPLE_KINDS: Record<number, string> = {
  0: "string",
  1: "number",
  2: "boolean",
  4: "timestamp",
  5: "timestamp date-time",
  6: "timestamp http-date",
  7: "timestamp epoch-seconds",
  15: "document",
  17: "bigInteger",
  19: "bigDecimal",
  21: "blob",
  42: "streaming blob",
};
const LIST_MODIFIER = 64;
const MAP_MODIFIER = 128;

function traitsOf(indicator: unknown): Record<string, unknown> | undefined {
  const traits = translateTraits(indicator as never) as Record<string, unknown>;
  return Object.keys(traits).length > 0 ? { ...traits } : undefined;
}

function withTraits(target: Target, traits: Record<string, unknown> | undefined): Target {
  return traits ? { ...target, traits: { ...target.traits, ...traits } } : target;
}

function describeTheirTarget(ref: SchemaRef): Target {
  const schema = typeof ref === "function" ? ref() : ref;
  if (typeof schema === "number") {
    if (schema & LIST_MODIFIER) return { kind: "list", member: describeTheirTarget(schema & ~LIST_MODIFIER) };
    if (schema & MAP_MODIFIER) return { kind: "map", key: { kind: "string" }, value: describeTheirTarget(schema & ~MAP_MODIFIER) };
    return { kind: SIMPLE_KINDS[schema] ?? `unknown code ${schema}` };
  }
  if (!Array.isArray(schema)) return { kind: String(schema) };
  // A member with traits of its own: [target, traits].
  if (schema.length === 2) return withTraits(describeTheirTarget(schema[0]), traitsOf(schema[1]));
  const [id, , name, traits] = schema as [number, string, string, unknown];
  switch (id) {
    case 0:
      return withTraits(describeTheirTarget(schema[4]), traitsOf(traits));
    case 1:
      return withTraits({ kind: "list", member: describeTheirTarget(schema[4]) }, traitsOf(traits));
    case 2:
      return withTraits({ kind: "map", key: describeTheirTarget(schema[4]), value: describeTheirTarget(schema[5]) }, traitsOf(traits));
    case 3:
      return { kind: `structure ${name}` };
    case 4:
      return { kind: `union ${name}` };
    case -3:
      return { kind: `error ${name}` };
    default:
      return { kind: `unknown schema ${id}` };
  }
}

/** A structure or error as v3 embeds it: [id, namespace, name, traits, member names, member schemas, required count]. */
function describeTheirStructure(schema: unknown[], exception: unknown): Description {
  const [id, , , traits, names, members, requiredCount = 0] = schema as [number, string, string, unknown, string[], SchemaRef[], number?];
  const description: Description = {
    kind: id === -3 ? "error" : id === 4 ? "union" : "structure",
    members: names.map((name, i) => ({ name, ...describeTheirTarget(members[i]) })),
    required: names.slice(0, requiredCount),
  };
  const shapeTraits = traitsOf(traits);
  if (shapeTraits) description.traits = shapeTraits;
  // v3 sets $retryable in the constructor of errors its model marks @retryable.
  if (typeof exception === "function") {
    const retryable = new (exception as new (options: object) => { $retryable?: object })({ $metadata: {}, message: "" }).$retryable;
    if (retryable !== undefined) description.retryable = retryable;
  }
  return description;
}

function describeTheirOperation(schema: unknown[]): Description {
  const [, , , traits, input, output] = schema as [number, string, string, unknown, SchemaRef, SchemaRef];
  const name = (ref: SchemaRef) => {
    const target = typeof ref === "function" ? ref() : ref;
    return Array.isArray(target) ? (target[2] as string) : String(target);
  };
  const description: Description = { kind: "operation", input: name(input), output: name(output) };
  const operationTraits = traitsOf(traits);
  if (operationTraits) description.traits = operationTraits;
  return description;
}

/** v3 exports an enum as an object named after the shape, first letter in upper case: statusType → StatusType. */
const enumExportName = (name: string) => name[0]!.toUpperCase() + name.slice(1);

function describeTheirs(client: Record<string, unknown>, shape: Shape): Description | undefined {
  const name = shapeName(shape.id);
  switch (shape.type) {
    case "structure":
    case "union": {
      const schema = client[`${name}$`];
      return Array.isArray(schema) ? describeTheirStructure(schema, client[name]) : undefined;
    }
    case "operation": {
      const schema = client[`${name}$`];
      return Array.isArray(schema) ? describeTheirOperation(schema) : undefined;
    }
    case "enum":
    case "intEnum": {
      const values = client[enumExportName(name)];
      return values && typeof values === "object" ? { kind: "enum", values: { ...values } } : undefined;
    }
    default:
      return undefined;
  }
}

// ---- Our side ----------------------------------------------------------------------------------------------------

/** The traits the embedded schemas carry, by their Smithy id, and each value as v3 writes it. */
const RUNTIME_TRAITS: Record<string, [name: string, value: (value: any) => unknown]> = {
  "smithy.api#idempotent": ["idempotent", () => 1],
  "smithy.api#idempotencyToken": ["idempotencyToken", () => 1],
  "smithy.api#sensitive": ["sensitive", () => 1],
  "smithy.api#error": ["error", (value) => value],
  "smithy.api#httpError": ["httpError", (value) => value],
  "aws.protocols#awsQueryError": ["awsQueryError", (value) => [value.code, value.httpResponseCode]],
  "smithy.api#xmlName": ["xmlName", (value) => value],
  "smithy.api#xmlFlattened": ["xmlFlattened", () => 1],
  "smithy.api#xmlAttribute": ["xmlAttribute", () => 1],
  "smithy.api#xmlNamespace": ["xmlNamespace", (value) => value],
};

function runtimeTraits(traits: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(traits)) {
    const known = RUNTIME_TRAITS[id];
    if (known) out[known[0]] = known[1](value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const NUMBER_TYPES = new Set(["byte", "short", "integer", "long", "float", "double", "intEnum"]);

function describeOurTarget(model: Model, id: string, memberTraits: Record<string, unknown> = {}): Target {
  const shape = model.shape(id);
  const format = (memberTraits["smithy.api#timestampFormat"] ?? shape.traits["smithy.api#timestampFormat"]) as string | undefined;
  let target: Target;
  if (shape.type === "string" || shape.type === "enum") target = { kind: "string" };
  else if (NUMBER_TYPES.has(shape.type)) target = { kind: "number" };
  else if (shape.type === "timestamp") target = { kind: format ? `timestamp ${format}` : "timestamp" };
  else if (shape.type === "blob") target = { kind: shape.traits["smithy.api#streaming"] ? "streaming blob" : "blob" };
  else if (["boolean", "document", "bigInteger", "bigDecimal"].includes(shape.type)) target = { kind: shape.type };
  else if (shape.type === "list" || shape.type === "set") target = { kind: "list", member: describeOurTarget(model, shape.member!.target, shape.member!.traits) };
  else if (shape.type === "map") target = { kind: "map", key: describeOurTarget(model, shape.key!.target, shape.key!.traits), value: describeOurTarget(model, shape.value!.target, shape.value!.traits) };
  else if (shape.type === "structure") target = { kind: `${shape.traits["smithy.api#error"] ? "error" : "structure"} ${shapeName(id)}` };
  else target = { kind: `${shape.type} ${shapeName(id)}` };
  // A named simple shape, list or map carries its own traits (sensitive, say); a structure's stay with it.
  const ownTraits = shape.type === "structure" || shape.type === "union" ? undefined : runtimeTraits(shape.traits);
  const traits = { ...ownTraits, ...runtimeTraits(memberTraits) };
  return withTraits(target, Object.keys(traits).length > 0 ? traits : undefined);
}

const isRequired = (member: MemberShape) => member.traits["smithy.api#required"] !== undefined;

function describeOurs(model: Model, shape: Shape): Description | undefined {
  switch (shape.type) {
    case "structure":
    case "union": {
      // v3 writes the required members first, each group in the model's order.
      const members = [...shape.members].sort(([, a], [, b]) => Number(isRequired(b)) - Number(isRequired(a)));
      const description: Description = {
        kind: shape.traits["smithy.api#error"] ? "error" : shape.type,
        members: members.map(([name, member]) => ({ name, ...describeOurTarget(model, member.target, member.traits) })),
        required: members.filter(([, member]) => isRequired(member)).map(([name]) => name),
      };
      const traits = runtimeTraits(shape.traits);
      if (traits) description.traits = traits;
      const retryable = shape.traits["smithy.api#retryable"] as { throttling?: boolean } | undefined;
      if (retryable !== undefined) description.retryable = retryable.throttling ? { throttling: true } : {};
      return description;
    }
    case "operation": {
      const description: Description = {
        kind: "operation",
        input: shape.raw.input?.target && shape.raw.input.target !== UNIT ? shapeName(shape.raw.input.target) : "unit",
        output: shape.raw.output?.target && shape.raw.output.target !== UNIT ? shapeName(shape.raw.output.target) : "unit",
      };
      const traits = runtimeTraits(shape.traits);
      if (traits) description.traits = traits;
      return description;
    }
    case "enum":
    case "intEnum": {
      const values = Object.fromEntries([...shape.members].map(([name, member]) => [name, member.traits["smithy.api#enumValue"] ?? name]));
      return { kind: "enum", values };
    }
    default:
      return undefined;
  }
}

// ---- Known differences, each with its reason ---------------------------------------------------------------------

interface Difference {
  shape: string;
  /** Traits our model has and the official client does not. */
  addedTraits: string[];
  why: string;
}

const DIFFERENCES: Difference[] = [
  { shape: "com.amazonaws.iam#UpdateAccessKey", addedTraits: ["idempotent"], why: "our model marks it retry-safe: setting a key's status twice leaves it as setting it once (test/official-models.test.ts)" },
];

/** Takes the known differences out of both descriptions, checking each is still a difference. */
function withoutKnownDifferences(id: string, ours: Description, theirs: Description): { ours: Description; theirs: Description } {
  const difference = DIFFERENCES.find((d) => d.shape === id);
  if (difference === undefined) return { ours, theirs };
  const copy = { ours: structuredClone(ours), theirs: structuredClone(theirs) };
  for (const name of difference.addedTraits) {
    expect((ours.traits as Record<string, unknown> | undefined)?.[name], `${id}: ${name} is listed as ours only, but model/ lacks it`).toBeDefined();
    expect((theirs.traits as Record<string, unknown> | undefined)?.[name], `${id}: the official client has ${name} now: remove it from DIFFERENCES`).toBeUndefined();
    const { [name]: _, ...rest } = copy.ours.traits as Record<string, unknown>;
    copy.ours.traits = Object.keys(rest).length > 0 ? rest : undefined;
    if (copy.ours.traits === undefined) delete copy.ours.traits;
  }
  return copy;
}

// ---- The tests ---------------------------------------------------------------------------------------------------

const services = [
  { service: "iam", client: v3iam as unknown as Record<string, unknown>, Client: v3iam.IAMClient },
  { service: "sts", client: v3sts as unknown as Record<string, unknown>, Client: v3sts.STSClient },
];

const COMPARED_TYPES = new Set(["structure", "union", "operation", "enum", "intEnum"]);

describe.each(services)("$service: model/ against the schemas of the installed official client", ({ service: name, client, Client }) => {
  const model = new Model(readProjectJson(`model/${name}.json`));
  const shapes = [...model.all()].filter((shape) => COMPARED_TYPES.has(shape.type) && shape.id !== UNIT);

  it.each(shapes.map((shape) => [shape.id, shape] as const))("%s: the same members, kinds, required members, enum values and runtime traits", (id, shape) => {
    const theirs = describeTheirs(client, shape);
    expect(theirs, `${id} is not in the official client (renamed or removed?)`).toBeDefined();
    const compared = withoutKnownDifferences(id, describeOurs(model, shape)!, theirs!);
    expect(compared.ours).toEqual(compared.theirs);
  });

  it("the same service: SDK id, API version, signing name, XML namespace, shape id", () => {
    const service = model.services()[0]!;
    const config = new Client({ region: "us-east-1" }).config as unknown as Record<string, any>;
    expect({
      sdkId: (service.traits["aws.api#service"] as { sdkId: string }).sdkId,
      version: service.raw.version,
      signingName: (service.traits["aws.auth#sigv4"] as { name: string }).name,
      xmlNamespace: (service.traits["smithy.api#xmlNamespace"] as { uri: string }).uri,
      namespace: service.id.split("#")[0],
      target: shapeName(service.id),
    }).toEqual({
      sdkId: config.serviceId,
      version: config.apiVersion,
      signingName: config.defaultSigningName,
      xmlNamespace: config.protocolSettings.xmlNamespace,
      namespace: config.protocolSettings.defaultNamespace,
      target: config.protocolSettings.serviceTarget,
    });
  });
});

describe("the comparison catches drift (our model changed where AWS's did not)", () => {
  const change = (service: string, id: string, edit: (shape: any) => void) => {
    const ast = structuredClone(readProjectJson(`model/${service}.json`));
    edit(ast.shapes[id]);
    return new Model(ast);
  };
  const client = (service: string) => services.find((s) => s.service === service)!.client;

  it.each([
    { drift: "a new enum value", service: "iam", id: "com.amazonaws.iam#statusType", edit: (s: any) => (s.members.Revoked = { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "Revoked" } }) },
    { drift: "an enum value gone", service: "iam", id: "com.amazonaws.iam#statusType", edit: (s: any) => delete s.members.Expired },
    { drift: "a new member", service: "iam", id: "com.amazonaws.iam#CreateAccessKeyRequest", edit: (s: any) => (s.members.Tags = { target: "smithy.api#String" }) },
    { drift: "a member no longer required", service: "iam", id: "com.amazonaws.iam#UpdateAccessKeyRequest", edit: (s: any) => delete s.members.AccessKeyId.traits["smithy.api#required"] },
    { drift: "a member now required", service: "sts", id: "com.amazonaws.sts#AssumeRoleRequest", edit: (s: any) => (s.members.Policy.traits = { ...s.members.Policy.traits, "smithy.api#required": {} }) },
    { drift: "a member of another kind", service: "iam", id: "com.amazonaws.iam#AccessKey", edit: (s: any) => (s.members.CreateDate.target = "smithy.api#String") },
    { drift: "a timestamp format", service: "iam", id: "com.amazonaws.iam#AccessKey", edit: (s: any) => (s.members.CreateDate.traits = { "smithy.api#timestampFormat": "epoch-seconds" }) },
    { drift: "a secret no longer sensitive", service: "sts", id: "com.amazonaws.sts#Credentials", edit: (s: any) => (s.members.SecretAccessKey.target = "smithy.api#String") },
    { drift: "another error code", service: "iam", id: "com.amazonaws.iam#NoSuchEntityException", edit: (s: any) => (s.traits["aws.protocols#awsQueryError"].code = "NoSuchUser") },
    { drift: "another fault", service: "iam", id: "com.amazonaws.iam#ServiceFailureException", edit: (s: any) => (s.traits["smithy.api#error"] = "client") },
    { drift: "another output", service: "sts", id: "com.amazonaws.sts#GetAccessKeyInfo", edit: (s: any) => (s.output.target = "smithy.api#Unit") },
    { drift: "a member AWS added, left out", service: "sts", id: "com.amazonaws.sts#AssumeRoleResponse", edit: (s: any) => delete s.members.SessionTokenSize },
    { drift: "a member AWS added, of another kind", service: "sts", id: "com.amazonaws.sts#AssumeRoleWithWebIdentityRequest", edit: (s: any) => (s.members.MinimumSessionTokenSize.target = "smithy.api#String") },
    { drift: "an error no longer retryable", service: "sts", id: "com.amazonaws.sts#IDPCommunicationErrorException", edit: (s: any) => delete s.traits["smithy.api#retryable"] },
    { drift: "a retryable error as a throttle", service: "sts", id: "com.amazonaws.sts#IDPCommunicationErrorException", edit: (s: any) => (s.traits["smithy.api#retryable"] = { throttling: true }) },
    { drift: "an error newly retryable", service: "sts", id: "com.amazonaws.sts#IDPRejectedClaimException", edit: (s: any) => (s.traits["smithy.api#retryable"] = {}) },
  ])("$drift ($id)", ({ service, id, edit }) => {
    const model = change(service, id, edit);
    const shape = model.shape(id);
    const compared = withoutKnownDifferences(id, describeOurs(model, shape)!, describeTheirs(client(service), shape)!);
    expect(compared.ours).not.toEqual(compared.theirs);
  });
});
