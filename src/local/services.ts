/**
 * What the local endpoint knows about IAM and STS, read from the project's Smithy models
 * (`model/iam.json`, `model/sts.json`) so the model stays the single source of truth: API
 * version, XML namespace, SigV4 signing name and the input constraints of every modeled action.
 */
import { access, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type ServiceName = "iam" | "sts";

/** The constraints on one input member, as AWS checks them. */
export interface MemberRule {
  /** Wire name, e.g. "UserName". */
  name: string;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  /** ECMAScript regular expression source, as written in the model. */
  pattern?: string;
  enumValues?: string[];
}

export interface ServiceInfo {
  /** The SigV4 signing name, which is also how a request picks the service. */
  name: ServiceName;
  version: string;
  /** XML namespace of every response envelope. */
  namespace: string;
  /** Action name → rules for its input members. */
  actions: Map<string, MemberRule[]>;
}

export type Services = Record<ServiceName, ServiceInfo>;

interface Shape {
  type: string;
  version?: string;
  operations?: Array<{ target: string }>;
  input?: { target: string };
  members?: Record<string, { target: string; traits?: Traits }>;
  traits?: Traits;
}
type Traits = Record<string, unknown>;
type ShapeMap = Record<string, Shape>;

/**
 * Actions the endpoint serves although keysmith does not model them, with their inputs given as
 * members that borrow modeled shapes (real IAM's CreateUser takes a userNameType, as does
 * AccessKey$UserName). GetCallerIdentity takes no input.
 */
const LOCAL_ACTIONS: Record<ServiceName, Record<string, Array<{ name: string; shapeOf: string; required: boolean }>>> = {
  iam: { CreateUser: [{ name: "UserName", shapeOf: "com.amazonaws.iam#AccessKey$UserName", required: true }] },
  sts: { GetCallerIdentity: [] },
};

/** Reads both models from the package root (found from this module's location, in src/ or dist/). */
export async function loadServices(): Promise<Services> {
  const root = await packageRoot(dirname(fileURLToPath(import.meta.url)));
  const [iam, sts] = await Promise.all(
    ["iam", "sts"].map(async (file) => JSON.parse(await readFile(join(root, "model", `${file}.json`), "utf8")) as { shapes: ShapeMap }),
  );
  return { iam: describeService("iam", iam!.shapes), sts: describeService("sts", sts!.shapes) };
}

async function packageRoot(from: string): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      await access(join(dir, "package.json"));
      return dir;
    } catch {
      if (dirname(dir) === dir) throw new Error(`keysmith/local: no package.json above ${from}`);
    }
  }
}

function describeService(name: ServiceName, shapes: ShapeMap): ServiceInfo {
  const [, service] = Object.entries(shapes).find(([, shape]) => shape.type === "service") ?? [];
  if (!service) throw new Error(`keysmith/local: model for ${name} has no service shape`);
  const signingName = (service.traits?.["aws.auth#sigv4"] as { name?: string } | undefined)?.name;
  if (signingName !== name) throw new Error(`keysmith/local: model for ${name} signs as '${signingName}'`);

  const actions = new Map<string, MemberRule[]>();
  for (const { target } of service.operations ?? []) {
    const input = lookup(shapes, target).input;
    const members = input ? Object.entries(lookup(shapes, input.target).members ?? {}) : [];
    actions.set(localName(target), members.map(([member, { target, traits }]) => rule(shapes, member, target, traits ?? {})));
  }
  for (const [action, members] of Object.entries(LOCAL_ACTIONS[name])) {
    actions.set(
      action,
      members.map(({ name: member, shapeOf, required }) => {
        const [container, memberName] = shapeOf.split("$") as [string, string];
        const source = lookup(shapes, container).members?.[memberName];
        if (!source) throw new Error(`keysmith/local: model has no member ${shapeOf}`);
        return { ...rule(shapes, member, source.target, {}), required };
      }),
    );
  }
  return {
    name,
    version: requireString(service.version, `${name} service version`),
    namespace: requireString((service.traits?.["smithy.api#xmlNamespace"] as { uri?: string } | undefined)?.uri, `${name} xmlNamespace`),
    actions,
  };
}

/** Member traits refine the target's traits, as in Smithy. Prelude targets carry no constraints. */
function rule(shapes: ShapeMap, name: string, target: string, memberTraits: Traits): MemberRule {
  const targetShape = shapes[target];
  const traits = { ...targetShape?.traits, ...memberTraits };
  const length = traits["smithy.api#length"] as { min?: number; max?: number } | undefined;
  const pattern = traits["smithy.api#pattern"] as string | undefined;
  const result: MemberRule = { name, required: "smithy.api#required" in traits };
  if (length?.min !== undefined) result.minLength = length.min;
  if (length?.max !== undefined) result.maxLength = length.max;
  if (pattern !== undefined) result.pattern = pattern;
  if (targetShape?.type === "enum") {
    result.enumValues = Object.entries(targetShape.members ?? {}).map(
      ([member, { traits }]) => (traits?.["smithy.api#enumValue"] as string | undefined) ?? member,
    );
  }
  return result;
}

function lookup(shapes: ShapeMap, id: string): Shape {
  const shape = shapes[id];
  if (!shape) throw new Error(`keysmith/local: model has no shape ${id}`);
  return shape;
}

function localName(id: string): string {
  return id.slice(id.indexOf("#") + 1);
}

function requireString(value: string | undefined, what: string): string {
  if (typeof value !== "string") throw new Error(`keysmith/local: model lacks ${what}`);
  return value;
}
