import { XMLParser } from "fast-xml-parser";

/**
 * A parsed XML element, as fast-xml-parser shapes it: text-only elements are strings, elements with children or
 * attributes are objects keyed by child name, with attributes as `@name` and text as `#text`, and a child name
 * that repeats holds an array. Attributes are kept for members with `@xmlAttribute`; `xmlns` declarations are
 * among them and are ignored, as namespaces do not change how awsQuery values are read.
 */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [name: string]: XmlValue;
}

// Options chosen for untrusted input and for fidelity to what AWS sends:
// - parseTagValue false: values stay strings until the schema types them (an account id keeps its leading zero);
// - trimValues false, with formatting-only whitespace (blank and spanning lines) turned into "": a value's own
//   spaces are data, indentation between elements is not — the same reading as the official SDK;
// - processEntities with htmlEntities: the five XML entities and numeric character references are decoded (the
//   numeric ones only come with htmlEntities in this parser); DOCTYPE is refused before parsing, so no entity
//   can be declared, expanded or fetched;
// - maxNestedTags bounds depth: no AWS response nests deeper than a few levels;
// - dangerous names such as __proto__ make the parser throw rather than touch a prototype;
// - validation on every parse, since the parser alone accepts truncated and mismatched documents.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  tagValueProcessor: (_name: string, value: string) => (value.trim() === "" && value.includes("\n") ? "" : undefined),
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: 64,
});

export class XmlParseError extends Error {
  override readonly name = "XmlParseError";
}

/** Parses a whole document and returns its root element's name and value. */
export function parseXmlDocument(text: string): { name: string; value: XmlValue } {
  if (/<!DOCTYPE/i.test(text)) throw new XmlParseError("XML with a DOCTYPE is refused");
  let document: XmlElement;
  try {
    document = parser.parse(text, true) as XmlElement;
  } catch (cause) {
    throw new XmlParseError(`malformed XML: ${(cause as Error).message}`);
  }
  const names = Object.keys(document).filter((name) => !name.startsWith("#"));
  if (names.length !== 1) throw new XmlParseError(`expected one root element, found ${names.length}`);
  return { name: names[0]!, value: document[names[0]!]! };
}

/** The text of a scalar element, its attributes aside. An element that holds children or repeats is not a scalar. */
export function xmlText(value: XmlValue): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) throw new XmlParseError("expected one value, found a repeated element");
  let text = "";
  for (const [name, child] of Object.entries(value)) {
    if (name === "#text" && typeof child === "string") text = child;
    else if (!name.startsWith("@")) throw new XmlParseError("expected text, found child elements");
  }
  return text;
}

const noChildren: XmlElement = Object.freeze(Object.create(null));

/** The children of a structure element; an empty element (or one holding only text) has none. */
export function xmlChildren(value: XmlValue | undefined): XmlElement {
  if (value === undefined || typeof value === "string") return noChildren;
  if (Array.isArray(value)) throw new XmlParseError("expected one structure, found a repeated element");
  return value;
}

/** A child element by name, own properties only. */
export function xmlChild(element: XmlElement, name: string): XmlValue | undefined {
  return Object.hasOwn(element, name) ? element[name] : undefined;
}

/** The items of a list: wrapped lists hold them under `member` (or the member's xmlName); flattened ones repeat. */
export function xmlItems(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Sets a map entry read from a response. A key is data, never a property name with a meaning: `__proto__` becomes
 * an ordinary own entry instead of replacing the object's prototype.
 */
export function putEntry<V>(map: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
