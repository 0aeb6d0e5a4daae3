// Sample values for any shape of a model, and the awsQuery response document that carries an output value: what
// the full-model comparison sends through both our client and the official SDK's.
import { hasTrait, trait, type Model, type Shape, type Traits } from "../../codegen/model/model.js";
import { TRAIT, type Trait } from "../../codegen/model/traits.js";
import { isRequiredInResponses } from "../../codegen/emit/serde.js";

/** The fixed instants samples use: one on a whole second, one with milliseconds. */
const INSTANTS = [new Date(Date.UTC(2024, 1, 29, 12, 34, 56)), new Date(Date.UTC(2025, 11, 31, 23, 59, 58, 789))];

interface Bounds {
  min?: number;
  max?: number;
}

/**
 * A value for the target shape with everything set: every structure member, lists and maps of `items` (two
 * unless told), nested structures down to where they would recur, enum values from the model, lengths and ranges
 * the model allows. List items and map entries differ from each other. Strings carry characters that need encoding
 * on the wire (`+/=&`) and escaping in XML (`<&>`). With `requiredOnly`, structures have only the members a response
 * must carry, and lists and maps are empty. Either way every member a response must carry is there: a structure that
 * recurs where it is required, or as a list item or map value, gets its required members only (Smithy allows no cycle
 * of required members).
 */
export function sampleValue(model: Model, target: string, name: string, { items = 2, requiredOnly = false } = {}): unknown {
  const positions = Array.from({ length: items }, (_, i) => i + 1);
  /** `needed`: the member holding the value is one a response must carry. */
  const sample = (target: string, name: string, memberTraits: Traits, variant: number, path: readonly string[], needed: boolean, requiredOnly: boolean): unknown => {
    const shape = model.shape(target);
    const constraint = <T>(id: Trait) => trait<T>(memberTraits, id) ?? trait<T>(shape.traits, id);
    switch (shape.type) {
      case "structure":
      case "union": {
        if (path.includes(shape.id)) {
          if (!needed) return undefined;
          requiredOnly = true;
        }
        const members = shape.type === "union" ? [...shape.members].slice(0, 1) : [...shape.members];
        const value: Record<string, unknown> = {};
        for (const [memberName, member] of members) {
          const required = isRequiredInResponses(member);
          if (requiredOnly && !required) continue;
          const memberValue = sample(member.target, memberName, member.traits, variant, [...path, shape.id], required, requiredOnly);
          if (memberValue !== undefined) value[memberName] = memberValue;
        }
        return value;
      }
      // Items are never absent: one that would recur gets its required members only.
      case "list":
        return requiredOnly ? [] : positions.map((n) => sample(shape.member!.target, name, shape.member!.traits, n, path, true, false));
      case "map": {
        if (requiredOnly) return {};
        const entries = positions.map((n) => [
          sample(shape.key!.target, `${name}Key`, shape.key!.traits, n, path, true, false),
          sample(shape.value!.target, name, shape.value!.traits, n, path, true, false),
        ]);
        return Object.fromEntries(entries);
      }
      case "enum":
      case "intEnum":
        return enumValueAt(shape, variant);
      case "string": {
        const legacyEnum = trait<Array<{ value: string }>>(shape.traits, TRAIT.enum);
        if (legacyEnum) return legacyEnum[(variant - 1) % legacyEnum.length]!.value;
        return fitLength(`${name} ${variant}: a+b/c=d&<é>`, constraint<Bounds>(TRAIT.length));
      }
      case "boolean":
        return variant === 1;
      case "byte":
      case "short":
      case "integer":
      case "long": {
        const range = constraint<Bounds>(TRAIT.range);
        return Math.min(Math.max(40 + variant, range?.min ?? -Infinity), range?.max ?? Infinity);
      }
      case "float":
      case "double":
        return variant + 0.25;
      case "bigInteger":
        return 12345678901234567890n + BigInt(variant);
      case "timestamp":
        return INSTANTS[(variant - 1) % INSTANTS.length];
      case "blob":
        return new TextEncoder().encode(`${name} ${variant} \u0000\u00ff`);
      default:
        throw new Error(`${shape.id}: no sample for a ${shape.type}`);
    }
  };
  return sample(target, name, {}, 1, [], true, requiredOnly);
}

function enumValueAt(shape: Shape, variant: number): string | number {
  const values = [...shape.members.entries()].map(([name, member]) => trait<string | number>(member.traits, TRAIT.enumValue) ?? name);
  return values[(variant - 1) % values.length]!;
}

/** Pads with "x" or cuts to fit a length constraint, counting code points as Smithy does. */
function fitLength(text: string, length: Bounds | undefined): string {
  let chars = [...text];
  if (length?.min !== undefined && chars.length < length.min) chars = chars.concat(Array<string>(length.min - chars.length).fill("x"));
  if (length?.max !== undefined && chars.length > length.max) chars = chars.slice(0, length.max);
  return chars.join("");
}

/**
 * A `smithy.api#examples` input as a client takes it: the examples spell timestamps as epoch seconds or text and
 * blobs as text.
 */
export function exampleInput(model: Model, target: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const shape = model.shape(target);
  switch (shape.type) {
    case "structure":
    case "union":
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, member]) => {
          const ref = shape.members.get(name);
          if (ref === undefined) throw new Error(`example sets ${name}, which ${shape.id} does not have`);
          return [name, exampleInput(model, ref.target, member)];
        }),
      );
    case "list":
      return (value as unknown[]).map((item) => exampleInput(model, shape.member!.target, item));
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, exampleInput(model, shape.value!.target, item)]));
    case "timestamp":
      return typeof value === "number" ? new Date(value * 1000) : new Date(String(value));
    case "blob":
      return new TextEncoder().encode(String(value));
    default:
      return value;
  }
}

/** The awsQuery success document for an operation's output value: `<OpResponse><OpResult>…` and the request id. */
export function responseDocument(model: Model, operation: string, outputId: string | undefined, value: Record<string, unknown>, namespace: string, requestId: string): string {
  const result = outputId === undefined ? "" : `<${operation}Result>${structureContent(model, model.shape(outputId), value)}</${operation}Result>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${namespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

function structureContent(model: Model, shape: Shape, value: Record<string, unknown>): string {
  let xml = "";
  for (const [memberName, member] of shape.members) {
    const memberValue = value[memberName];
    if (memberValue === undefined) continue;
    if (hasTrait(member.traits, TRAIT.xmlAttribute)) throw new Error(`${shape.id}$${memberName}: samples do not write attributes`);
    const elementName = trait<string>(member.traits, TRAIT.xmlName) ?? memberName;
    const target = model.shape(member.target);
    if (hasTrait(member.traits, TRAIT.xmlFlattened) && target.type === "list") {
      for (const item of memberValue as unknown[]) xml += element(elementName, content(model, target.member!.target, target.member!.traits, item));
    } else if (hasTrait(member.traits, TRAIT.xmlFlattened) && target.type === "map") {
      xml += mapEntries(model, target, memberValue as Record<string, unknown>, elementName);
    } else {
      xml += element(elementName, content(model, member.target, member.traits, memberValue));
    }
  }
  return xml;
}

function content(model: Model, target: string, memberTraits: Traits, value: unknown): string {
  const shape = model.shape(target);
  switch (shape.type) {
    case "structure":
    case "union":
      return structureContent(model, shape, value as Record<string, unknown>);
    case "list": {
      const itemName = trait<string>(shape.member!.traits, TRAIT.xmlName) ?? "member";
      return (value as unknown[]).map((item) => element(itemName, content(model, shape.member!.target, shape.member!.traits, item))).join("");
    }
    case "map":
      return mapEntries(model, shape, value as Record<string, unknown>, "entry");
    case "timestamp": {
      const format = trait<string>(memberTraits, TRAIT.timestampFormat) ?? trait<string>(shape.traits, TRAIT.timestampFormat) ?? "date-time";
      const date = value as Date;
      return format === "epoch-seconds" ? String(date.getTime() / 1000) : format === "http-date" ? date.toUTCString() : date.toISOString();
    }
    case "blob":
      return Buffer.from(value as Uint8Array).toString("base64");
    default:
      return escapeXml(String(value));
  }
}

function mapEntries(model: Model, map: Shape, value: Record<string, unknown>, entryName: string): string {
  const keyName = trait<string>(map.key!.traits, TRAIT.xmlName) ?? "key";
  const valueName = trait<string>(map.value!.traits, TRAIT.xmlName) ?? "value";
  return Object.entries(value)
    .map(([key, item]) => element(entryName, element(keyName, escapeXml(key)) + element(valueName, content(model, map.value!.target, map.value!.traits, item))))
    .join("");
}

function element(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
