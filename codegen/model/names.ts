import { ModelError, shapeName, trait, type Model, type Shape } from "./model.js";
import { TRAIT } from "./traits.js";
import type { ServicePlan } from "./walk.js";

/**
 * Built-in names a generated type would shadow. The official SDK's generator puts `_` in front of a shape name that is
 * one of these (its reserved words that a capitalized name can be), and so does keysmith, so the two name such a
 * shape alike; Map, Function, Symbol and Uint8Array are keysmith's own additions, as generated code uses them.
 */
const GLOBAL_NAMES = [
  "Array", "ArrayBuffer", "ArrayBufferView", "Blob", "Boolean", "ConstructorParameters", "Date", "Error", "Exclude", "Extract",
  "Infinity", "InstanceType", "Math", "NaN", "NonNullable", "Number", "Object", "Omit", "Parameters", "Partial", "Pick", "Promise",
  "PromiseLike", "Readable", "Readonly", "ReadonlyArray", "Record", "RegExp", "Required", "ReturnType", "Set", "String", "Stream",
  "ThisType", "WeakMap", "Map", "Function", "Symbol", "Uint8Array",
];

/** The runtime's names that generated modules import (test/codegen-names.test.ts checks the list is complete). */
const RUNTIME_NAMES = [
  "QueryClient", "QueryClientConfig", "QueryClientResolved", "QueryCommand", "QueryForm", "QueryOperation", "QueryService",
  "ServiceException", "ServiceExceptionOptions", "ExceptionOptions", "MetadataBearer", "XmlElement", "XmlValue", "NumericValue",
  "StructureSchema", "RuleEndpoint", "InputValidationError", "HttpHandlerOptions", "SendCallback", "Paginator", "PaginationConfiguration",
  "WaiterConfiguration", "WaiterResult",
];

const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([...GLOBAL_NAMES, ...RUNTIME_NAMES]);

/** Member names that cannot be properties as they are: `__proto__` would set an object's prototype (v3 escapes it too). */
const RESERVED_MEMBER_NAMES: ReadonlySet<string> = new Set(["__proto__"]);

/**
 * What an exception instance already has, from Error and Object: a member of that name would clash with the class's
 * own (`constructor`, `name`) or replace what error handling relies on.
 */
const RESERVED_EXCEPTION_MEMBER_NAMES: ReadonlySet<string> = new Set([
  ...RESERVED_MEMBER_NAMES, "constructor", "name", "stack", "cause", "toString", "valueOf", "toLocaleString", "hasOwnProperty",
  "isPrototypeOf", "propertyIsEnumerable",
]);

/** The kinds of shape whose types a client exports. */
const EXPORTED_KINDS = new Set(["structure", "union", "enum", "intEnum"]);

export type TypeNamer = (shape: Shape | string) => string;

/** `name` with `_` in front while it is taken: the official SDK's way out of a reserved word. */
function escaped(name: string, taken: (name: string) => boolean): string {
  while (taken(name)) name = `_${name}`;
  return name;
}

/**
 * Names shapes' types in generated code as the official SDK does: the service's `rename` map first, else the shape
 * name, with its first letter capitalized (IAM's `statusType` is `StatusType`), and `_` in front where it would
 * shadow a built-in or the runtime, or take a name the client exports itself (a command, its input and output, the
 * client and its configuration). Two shapes that would share a name are a model error.
 */
export function typeNamer({ model, service, sdkId, shapes }: ServicePlan): TypeNamer {
  const rename = (service.raw.rename ?? {}) as Record<string, string>;
  const exported = clientExports(model, sdkId);
  const nameOf = (id: string) => escaped(capitalize(rename[id] ?? shapeName(id)), (name) => RESERVED_TYPE_NAMES.has(name) || exported.has(name));
  const seen = new Map<string, string>();
  for (const shape of shapes) {
    const name = nameOf(shape.id);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new ModelError(`shapes ${other} and ${shape.id} would both be named ${name}; give one another name in the service's rename map`);
    }
    seen.set(name, shape.id);
  }
  return (shape) => nameOf(typeof shape === "string" ? shape : shape.id);
}

/**
 * Names the client exports besides the model's types, for every operation of the model (not only those generated,
 * so that a type keeps its name whichever operations are picked).
 */
function clientExports(model: Model, sdkId: string): Set<string> {
  const client = clientBaseName(sdkId);
  const names = new Set([client, `${client}Client`, `${client}ClientConfig`, `${client}ClientResolvedConfig`, "ServiceInputTypes", "ServiceOutputTypes"]);
  for (const shape of model.all()) {
    if (shape.type !== "operation") continue;
    const command = `${shapeName(shape.id)}Command`;
    names.add(command).add(`${command}Input`).add(`${command}Output`);
  }
  return names;
}

/**
 * The service's base exception: `<Client>ServiceException`, or, when the model has a shape of that name (Elastic
 * Beanstalk's ElasticBeanstalkServiceException), `<Client>SyntheticServiceException`, as the official SDK names it.
 */
export function baseExceptionName({ model, sdkId }: ServicePlan, name: TypeNamer): string {
  const types = new Set<string>();
  for (const shape of model.all()) if (EXPORTED_KINDS.has(shape.type)) types.add(name(shape));
  let base = `${clientBaseName(sdkId)}ServiceException`;
  while (types.has(base)) base = base.replace(/ServiceException$/, "SyntheticServiceException");
  return base;
}

/** The property a structure member is read and written as: its name, unless that is reserved (then `_` goes in front). */
export function memberProperty(name: string): string {
  return escaped(name, (candidate) => RESERVED_MEMBER_NAMES.has(candidate));
}

/** The property an exception's member is: its name, unless the exception already has one by that name. */
export function exceptionProperty(name: string): string {
  return escaped(name, (candidate) => RESERVED_EXCEPTION_MEMBER_NAMES.has(candidate));
}

/**
 * Whether every object already has a property of this name (Object.prototype's `constructor`, `toString`, …): reading
 * it from an input that does not set it finds the inherited one.
 */
export function isInherited(name: string): boolean {
  return Object.hasOwn(Object.prototype, name);
}

/** "STS" → "STS", "Elastic Beanstalk" → "ElasticBeanstalk". */
export function clientBaseName(sdkId: string): string {
  return sdkId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(capitalize)
    .join("");
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A string literal for generated code. */
export function literal(value: string): string {
  return JSON.stringify(value);
}

/**
 * A property key: bare when it is an identifier, quoted otherwise, and computed for `__proto__`, which an object
 * literal would otherwise take as its prototype (a wire code, say).
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${literal(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name);
}

/** A property access on `target`. */
export function property(target: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${target}.${name}` : `${target}[${literal(name)}]`;
}

/** Code-unit order, the same on every machine (unlike localeCompare), for deterministic output. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The code an error response names the error by: its awsQueryError code, else its shape name. */
export function errorCode(shape: Shape): string {
  return trait<{ code?: string }>(shape.traits, TRAIT.awsQueryError)?.code ?? shapeName(shape.id);
}
