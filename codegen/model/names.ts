import { ModelError, shapeName, type Shape } from "./model.js";

/** Identifiers a generated module may already use: globals the types rely on, and the runtime's imports. */
const TAKEN = new Set([
  "Array", "Boolean", "Date", "Error", "Function", "Map", "Number", "Object", "Promise", "Record", "Set", "String", "Symbol", "Uint8Array",
  "QueryClient", "QueryCommand", "QueryForm", "ServiceException", "MetadataBearer", "XmlElement", "XmlValue",
]);

export type TypeNamer = (shape: Shape | string) => string;

/**
 * Names shapes' types in generated code: the service's `rename` map first, else the shape name, prefixed with
 * `_` where it would shadow something. Two shapes that would share a name are a model error.
 */
export function typeNamer(service: Shape, shapes: readonly Shape[]): TypeNamer {
  const rename = (service.raw.rename ?? {}) as Record<string, string>;
  const nameOf = (id: string) => {
    const name = rename[id] ?? shapeName(id);
    return TAKEN.has(name) ? `_${name}` : name;
  };
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

/** "STS" → "STS", "Elastic Beanstalk" → "ElasticBeanstalk". */
export function clientBaseName(sdkId: string): string {
  return sdkId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}

/** A string literal for generated code. */
export function literal(value: string): string {
  return JSON.stringify(value);
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
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
