/**
 * A parsed XML element. A text-only element is a string ("" when empty); an element with children or attributes
 * is a null-prototype object keyed by child name, with attributes as `@name` (in that order: children, then any
 * non-blank text as `#text`, then attributes), and a child name that repeats holds an array. This is the shape
 * fast-xml-parser gave under the options this module used to pass it, with `removeNSPrefix`; test/xml-reader.test.ts
 * holds the two to the same answers. Attributes are kept for members with `@xmlAttribute`.
 *
 * Names are local names: a namespace prefix only binds a name to a namespace, so `<sts:Account xmlns:sts="…">` is
 * the element `<Account xmlns="…">` is, and reads as `Account`, as botocore reads it. awsQuery values are read by
 * name whatever their namespace, so `xmlns` declarations are dropped (the root's default namespace is reported on its
 * own, as `namespace`); a prefix nobody declared makes the document not namespace-well-formed, and it is refused.
 */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [name: string]: XmlValue;
}

export class XmlParseError extends Error {
  override readonly name = "XmlParseError";
}

/**
 * Elements open at once, the root included. The previous parser (fast-xml-parser, maxNestedTags: 64) allowed the
 * root and 64 levels below it, and a self-closed element one level further; the same bound is kept so no response
 * read before is refused now. No AWS response nests deeper than a few levels.
 */
const MAX_OPEN_ELEMENTS = 65;

/**
 * Element names that are refused, as before: they name the machinery of JavaScript objects, never AWS data. Compared
 * as strings, not looked up in a set, which would hash every element name read.
 */
const isRefusedName = (name: string) => name === "__proto__" || name === "constructor" || name === "prototype";

const PREDEFINED = new Map([["lt", "<"], ["gt", ">"], ["amp", "&"], ["apos", "'"], ["quot", '"']]);

// Name characters beyond ASCII, as pairs of bounds: XML 1.0's NameStartChar within the BMP. Names are ASCII in AWS
// responses; characters outside the BMP are refused, as before.
const NAME_START_RANGES = [0xc0, 0xd6, 0xd8, 0xf6, 0xf8, 0x2ff, 0x370, 0x37d, 0x37f, 0x1fff, 0x200c, 0x200d, 0x2070, 0x218f, 0x2c00, 0x2fef, 0x3001, 0xd7ff, 0xf900, 0xfdcf, 0xfdf0, 0xfffd];

function isNameChar(c: number, first: boolean): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (!first && ((c >= 48 && c <= 57) || c === 45 || c === 46));
  for (let k = 0; k < NAME_START_RANGES.length; k += 2) if (c >= NAME_START_RANGES[k]! && c <= NAME_START_RANGES[k + 1]!) return true;
  return !first && (c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040);
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** XML 1.0's Char: what a character reference may stand for (so not NUL, other controls, surrogates or > U+10FFFF). */
const isXmlChar = (c: number) => c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** What a reference between `&` and `;` stands for: a predefined entity or a character reference, else undefined. */
function resolveReference(ref: string): string | undefined {
  const predefined = PREDEFINED.get(ref);
  if (predefined !== undefined || ref.charCodeAt(0) !== 0x23 /* # */) return predefined;
  const hex = ref.charCodeAt(1) === 0x78; /* x; XML has no uppercase X here */
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
  const code = parseInt(digits, hex ? 16 : 10);
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/**
 * A run of character data as the previous configuration kept it: whitespace that spans lines is formatting between
 * elements and reads as ""; anything else, a value's own spaces included, is data (the official SDK's reading).
 */
const keptText = (run: string) => (run.includes("\n") && run.trim() === "" ? "" : run);

/** Whether xml[from, to) is XML whitespace with a line end in it: formatting, which keptText reads as "". */
function isFormatting(xml: string, from: number, to: number): boolean {
  let lineEnd = false;
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c === 0x0a) lineEnd = true;
    else if (!isSpace(c)) return false;
  }
  return lineEnd;
}

/**
 * Told where each element's content lies as the document is read: what recording needs to replace a secret's text
 * without touching the rest. Positions index the document with its line ends normalized (`normalizeLineEnds`).
 */
export interface XmlObserver {
  /** An element with content opened (`<a>`, not `<a/>`), by its local name; its content starts at `contentStart`. */
  open(name: string, contentStart: number): void;
  /** The innermost open element closed with `value`: its content ends at `contentEnd`, its end tag at `after`. */
  close(name: string, value: XmlValue, contentEnd: number, after: number): void;
}

interface WrittenAttribute {
  /** As written, prefix included. */
  name: string;
  /** Where its name starts, for errors. */
  at: number;
  value: string;
}

/** `xmlns` and `xmlns:prefix`: namespace declarations, not data. */
const isDeclaration = (name: string) => name === "xmlns" || name.startsWith("xmlns:");

/** The prefixes a tag's attributes declare (`xmlns:prefix="…"`). */
function declaredPrefixes(written: readonly WrittenAttribute[]): Set<string> | undefined {
  let prefixes: Set<string> | undefined;
  for (const { name } of written) if (name.startsWith("xmlns:")) (prefixes ??= new Set()).add(name.slice(6));
  return prefixes;
}

interface OpenElement {
  /** The name as written, prefix included, which the closing tag must repeat. */
  qualifiedName: string;
  /** The local name, the key it is read by. */
  name: string;
  /** The namespace prefixes it declares. */
  declares: Set<string> | undefined;
  attributes: XmlElement | undefined;
  children: XmlElement | undefined;
  text: string;
}

/**
 * One pass over the document with indexOf and charCodeAt, no regular expression over input of unbounded size, no
 * recursion (so depth costs no stack). Anything not well-formed is an XmlParseError naming the line and column.
 * There is no DTD support at all: a DOCTYPE is refused, so no entity can be declared, expanded or fetched.
 */
class Reader {
  #i: number;
  readonly #stack: OpenElement[] = [];
  /** Character data since the last tag, CDATA section or PI; comments don't end it, as they didn't before. */
  #run = "";
  /**
   * Where a run that is so far only formatting (whitespace across lines, which reads as "") lies in the document, or -1:
   * held back unsliced, and taken into the run only if more text joins it (after a comment).
   */
  #formattingFrom = -1;
  #formattingTo = -1;
  #root: XmlDocument | undefined;
  /** The root element's `xmlns`, once its tag is read. */
  #rootNamespace: string | undefined;
  /** Namespace prefixes declared by the open elements: prefix → how many of them declare it. */
  readonly #declared = new Map<string, number>();

  readonly #xml: string;
  readonly #observer: XmlObserver | undefined;

  constructor(xml: string, observer: XmlObserver | undefined) {
    this.#xml = xml;
    this.#observer = observer;
    this.#i = xml.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark is no content
  }

  read(): XmlDocument {
    const xml = this.#xml;
    const documentStart = this.#i;
    while (this.#i < xml.length) {
      const lt = xml.indexOf("<", this.#i);
      const end = lt === -1 ? xml.length : lt;
      if (end > this.#i) this.#characters(this.#i, end);
      if (lt === -1) break;
      this.#i = lt;
      const next = xml.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) this.#endTag();
      else if (next === 0x3f /* ? */) this.#instruction(lt === documentStart);
      else if (xml.startsWith("<!--", lt)) this.#i = this.#after("-->", lt + 4, "comment");
      else if (xml.startsWith("<![CDATA[", lt)) this.#cdata();
      else if (next === 0x21 /* ! */) this.#fail(lt, xml.slice(lt + 2, lt + 9).toUpperCase() === "DOCTYPE" ? "a DOCTYPE is refused" : "markup declarations are not supported");
      else this.#startTag();
    }
    const open = this.#stack[this.#stack.length - 1];
    if (open) this.#fail(xml.length, `truncated document: <${open.name}> is not closed`);
    if (!this.#root) this.#fail(xml.length, "no root element");
    return this.#root;
  }

  #characters(from: number, to: number): void {
    if (this.#stack.length > 0 && this.#run === "" && this.#formattingFrom === -1 && isFormatting(this.#xml, from, to)) {
      this.#formattingFrom = from;
      this.#formattingTo = to;
      return;
    }
    const text = this.#xml.slice(from, to);
    if (this.#stack.length > 0) {
      if (this.#formattingFrom !== -1) this.#run = this.#xml.slice(this.#formattingFrom, this.#formattingTo);
      this.#formattingFrom = -1;
      this.#run += this.#decode(text, from);
    } else for (let k = 0; k < text.length; k++) if (!isSpace(text.charCodeAt(k))) this.#fail(from + k, `text ${this.#root ? "after" : "before"} the root element`);
  }

  #startTag(): void {
    const xml = this.#xml;
    const at = this.#i;
    if (this.#root) this.#fail(at, "a second root element");
    const nameEnd = this.#name(at + 1, "element name");
    const qualifiedName = xml.slice(at + 1, nameEnd);
    const written: WrittenAttribute[] = [];
    for (let p = nameEnd; ; ) {
      const q = this.#skipSpace(p);
      const c = xml.charCodeAt(q);
      if (q >= xml.length) this.#fail(at, `truncated document: unfinished tag <${qualifiedName}`);
      if (c === 0x3e /* > */ || (c === 0x2f /* / */ && xml.charCodeAt(q + 1) === 0x3e)) {
        // A declaration counts for the element's own name and attributes, wherever in the tag it stands.
        const declares = declaredPrefixes(written);
        const name = this.#localName(qualifiedName, at + 1, declares);
        if (isRefusedName(name)) this.#fail(at + 1, `the element name ${name} is refused`);
        const attributes = this.#attributes(written, declares);
        if (this.#stack.length === 0) this.#rootNamespace = written.find((attribute) => attribute.name === "xmlns")?.value;
        this.#endRun();
        if (c === 0x3e) {
          if (this.#stack.length >= MAX_OPEN_ELEMENTS) this.#fail(at, `elements nested deeper than ${MAX_OPEN_ELEMENTS}`);
          this.#stack.push({ qualifiedName, name, declares, attributes, children: undefined, text: "" });
          if (declares !== undefined) for (const prefix of declares) this.#declared.set(prefix, (this.#declared.get(prefix) ?? 0) + 1);
          this.#observer?.open(name, q + 1);
        } else this.#add(name, attributes ?? "");
        this.#i = c === 0x3e ? q + 1 : q + 2;
        return;
      }
      if (q === p) this.#fail(q, `expected whitespace, '>' or '/>' in <${qualifiedName}>`);
      p = this.#attribute(q, written);
    }
  }

  /** Reads the attribute at `at` into `written`; returns the index after its value. */
  #attribute(at: number, written: WrittenAttribute[]): number {
    const xml = this.#xml;
    const nameEnd = this.#name(at, "attribute name");
    const name = xml.slice(at, nameEnd);
    const equals = this.#skipSpace(nameEnd);
    if (xml.charCodeAt(equals) !== 0x3d /* = */) this.#fail(equals, `attribute ${name} has no value`);
    const open = this.#skipSpace(equals + 1);
    const quote = xml.charCodeAt(open);
    if (quote !== 0x22 && quote !== 0x27) this.#fail(open, `attribute ${name} has an unquoted value`);
    const close = xml.indexOf(xml[open]!, open + 1);
    if (close === -1) this.#fail(open, "truncated document: unfinished attribute value");
    const raw = xml.slice(open + 1, close);
    const lt = raw.indexOf("<");
    if (lt !== -1) this.#fail(open + 1 + lt, "'<' in an attribute value");
    written.push({ name, at, value: this.#decode(raw, open + 1) });
    return close + 1;
  }

  /** A tag's attributes by local name, its namespace declarations left out; undefined when none is left. */
  #attributes(written: readonly WrittenAttribute[], declares: ReadonlySet<string> | undefined): XmlElement | undefined {
    if (written.length === 0) return undefined;
    let attributes: XmlElement | undefined;
    const names = new Set<string>();
    for (const { name, at, value } of written) {
      if (names.has(name)) this.#fail(at, `attribute ${name} is repeated`);
      names.add(name);
      if (isDeclaration(name)) continue;
      const key = `@${this.#localName(name, at, declares)}`;
      attributes ??= Object.create(null) as XmlElement;
      if (key in attributes) this.#fail(at, `attribute ${key.slice(1)} is repeated`);
      attributes[key] = value;
    }
    return attributes;
  }

  /**
   * The local part of a name as written. A prefix must be declared on the element or one it is inside (`xml` is
   * declared by XML itself), and a name has at most one.
   */
  #localName(qualifiedName: string, at: number, declares: ReadonlySet<string> | undefined): string {
    const colon = qualifiedName.indexOf(":");
    if (colon === -1) return qualifiedName;
    const prefix = qualifiedName.slice(0, colon);
    const local = qualifiedName.slice(colon + 1);
    if (colon === 0 || !isNameChar(local.charCodeAt(0), true) || local.includes(":")) this.#fail(at, `${qualifiedName} is not a qualified name`);
    if (prefix === "xmlns") this.#fail(at, `the prefix xmlns only declares prefixes, it cannot name ${qualifiedName}`);
    if (prefix !== "xml" && !declares?.has(prefix) && !this.#declared.has(prefix)) this.#fail(at, `the namespace prefix ${prefix} of ${qualifiedName} is not declared`);
    return local;
  }

  #endTag(): void {
    const at = this.#i;
    const open = this.#stack[this.#stack.length - 1];
    // Most closing tags are exactly `</name>` of the open element: that is checked first, without reading the name.
    let gt = open === undefined ? -1 : at + 2 + open.qualifiedName.length;
    if (open === undefined || this.#xml.charCodeAt(gt) !== 0x3e || !this.#xml.startsWith(open.qualifiedName, at + 2)) {
      const nameEnd = this.#name(at + 2, "element name");
      gt = this.#skipSpace(nameEnd);
      if (this.#xml.charCodeAt(gt) !== 0x3e) this.#fail(gt, gt >= this.#xml.length ? "truncated document: unfinished closing tag" : "expected '>' to end the closing tag");
      const name = this.#xml.slice(at + 2, nameEnd);
      if (!open) this.#fail(at, `closing tag </${name}> with no element open`);
      if (open.qualifiedName !== name) this.#fail(at, `expected </${open.qualifiedName}>, found </${name}>`);
    }
    this.#endRun();
    this.#stack.pop();
    if (open.declares !== undefined) {
      for (const prefix of open.declares) {
        const count = this.#declared.get(prefix)! - 1;
        if (count === 0) this.#declared.delete(prefix);
        else this.#declared.set(prefix, count);
      }
    }
    let value: XmlValue = open.text;
    if (open.children || open.attributes) {
      const element = open.children ?? (Object.create(null) as XmlElement);
      if (open.text !== "") element["#text"] = open.text;
      for (const key in open.attributes) element[key] = open.attributes[key]!;
      value = element;
    }
    this.#add(open.name, value);
    this.#observer?.close(open.name, value, at, gt + 1);
    this.#i = gt + 1;
  }

  #cdata(): void {
    const at = this.#i;
    if (this.#stack.length === 0) this.#fail(at, "CDATA outside the root element");
    const end = this.#after("]]>", at + 9, "CDATA section");
    this.#endRun(); // a CDATA section is a run of its own, taken literally
    this.#stack[this.#stack.length - 1]!.text += keptText(this.#xml.slice(at + 9, end - 3));
    this.#i = end;
  }

  /** A processing instruction is skipped, the XML declaration among them; it ends a run of text, as before. */
  #instruction(atDocumentStart: boolean): void {
    const at = this.#i;
    const targetEnd = this.#name(at + 2, "processing instruction target");
    const end = this.#after("?>", targetEnd, "processing instruction");
    if (end - 2 !== targetEnd && !isSpace(this.#xml.charCodeAt(targetEnd))) this.#fail(targetEnd, "invalid processing instruction target");
    if (this.#xml.slice(at + 2, targetEnd).toLowerCase() === "xml") {
      if (!atDocumentStart) this.#fail(at, "an XML declaration is allowed only at the very start");
      // The text was read as UTF-8; a document saying it is in another encoding would be misread, not just relabelled.
      const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(this.#xml.slice(targetEnd, end - 2))?.[2];
      if (encoding !== undefined && encoding.toLowerCase() !== "utf-8") this.#fail(at, `the declared encoding ${JSON.stringify(encoding.slice(0, 40))} is not UTF-8`);
    }
    this.#endRun();
    this.#i = end;
  }

  /** Adds a finished element to the open one, or makes it the root. */
  #add(name: string, value: XmlValue): void {
    const parent = this.#stack[this.#stack.length - 1];
    if (!parent) {
      this.#root = this.#rootNamespace === undefined ? { name, value } : { name, value, namespace: this.#rootNamespace };
      return;
    }
    const children = (parent.children ??= Object.create(null) as XmlElement);
    const previous = children[name];
    if (previous === undefined) children[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else children[name] = [previous, value];
  }

  #endRun(): void {
    this.#formattingFrom = -1;
    if (this.#run === "") return;
    this.#stack[this.#stack.length - 1]!.text += keptText(this.#run);
    this.#run = "";
  }

  /** Replaces references; an `&` that starts none of the five entities or a valid character reference is an error. */
  #decode(text: string, at: number): string {
    let amp = text.indexOf("&");
    if (amp === -1) return text;
    let decoded = "";
    let from = 0;
    while (amp !== -1) {
      const semicolon = text.indexOf(";", amp + 1);
      if (semicolon === -1) this.#fail(at + amp, "'&' that starts no reference");
      const char = resolveReference(text.slice(amp + 1, semicolon));
      if (char === undefined) this.#fail(at + amp, `undefined entity or invalid character reference ${text.slice(amp, Math.min(semicolon + 1, amp + 16))}`);
      decoded += text.slice(from, amp) + char;
      from = semicolon + 1;
      amp = text.indexOf("&", from);
    }
    return decoded + text.slice(from);
  }

  /** The end of the name starting at `at`. */
  #name(at: number, what: string): number {
    if (!isNameChar(this.#xml.charCodeAt(at), true)) this.#fail(at, at >= this.#xml.length ? `truncated document: ${what} expected` : `invalid ${what} at ${JSON.stringify(this.#xml[at])}`);
    let end = at + 1;
    while (isNameChar(this.#xml.charCodeAt(end), false)) end++;
    return end;
  }

  #skipSpace(at: number): number {
    while (isSpace(this.#xml.charCodeAt(at))) at++;
    return at;
  }

  /** The index after the next `token` from `from`; a construct that never ends is a truncated document. */
  #after(token: string, from: number, what: string): number {
    const found = this.#xml.indexOf(token, from);
    if (found === -1) this.#fail(this.#i, `truncated document: unfinished ${what}`);
    return found + token.length;
  }

  #fail(at: number, message: string): never {
    let line = 1;
    let lineStart = 0;
    for (let nl = this.#xml.indexOf("\n"); nl !== -1 && nl < at; nl = this.#xml.indexOf("\n", nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    throw new XmlParseError(`malformed XML: ${message} (line ${line}, column ${at - lineStart + 1})`);
  }
}

/** Parses a whole document and returns its root element's name and value; `observer` hears where elements lie. */
/** A document's root element: its local name, its value, and the default namespace it declares, if any. */
export interface XmlDocument {
  name: string;
  value: XmlValue;
  namespace?: string;
}

export function parseXmlDocument(text: string, observer?: XmlObserver): XmlDocument {
  return new Reader(normalizeLineEnds(text), observer).read();
}

/** The text as the reader reads it: CR LF and a lone CR are LF, in text and attributes alike, as XML requires. */
export function normalizeLineEnds(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
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
