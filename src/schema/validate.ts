import { isNumericValue } from "../protocol/values.js";
import type { Bounds, MemberSchema, Pattern, StructureSchema } from "../contract.js";

/**
 * One broken rule, before any wording: where it is, which rule, and the value that breaks it. The client words it
 * as an {@link InputProblem}; the embedded endpoint words the same violations as AWS's ValidationError.
 */
export interface Violation {
  /** From the input down to the value; empty for the input itself. */
  readonly path: readonly PathStep[];
  readonly rule: Rule;
  readonly value: unknown;
  /** The value is `@sensitive`, or inside a sensitive member: it may be measured, never shown. */
  readonly sensitive: boolean;
}

/** A structure member, a list index, a map entry's value or a map entry's key. */
export type PathStep = { readonly member: string } | { readonly index: number } | { readonly entry: string } | { readonly key: string };

export type Rule =
  | { readonly kind: "required" }
  /** A list item or map value is null in a list or map that is not `@sparse`. */
  | { readonly kind: "notNull" }
  /** The value has the wrong type; `expected` completes "must be …": "a string", "true or false". */
  | { readonly kind: "type"; readonly expected: string }
  | { readonly kind: "wellFormedUnicode" }
  /** `length` of strings (code points), blobs (bytes) and lists (items), or `size` of maps (entries). */
  | { readonly kind: "length"; readonly of: "length" | "size"; readonly bounds: Bounds; readonly measured: number }
  | { readonly kind: "range"; readonly bounds: Bounds }
  | { readonly kind: "pattern"; readonly pattern: Pattern }
  | { readonly kind: "enum"; readonly values: readonly (string | number)[] }
  | { readonly kind: "unknownMember"; readonly structure: string }
  | { readonly kind: "oneUnionMember"; readonly structure: string; readonly set: number };

export interface InputProblem {
  /** Where: `Status`, `Tags[1].Key`, `Attributes["color"]`. */
  readonly path: string;
  /** What was expected, e.g. `must be one of Active, Inactive`. */
  readonly rule: string;
  /** What was found, described without ever showing a sensitive value. */
  readonly got: string;
}

/** Raised before anything is sent: every problem with the input at once, each with its path, rule and value. */
export class InputValidationError extends Error {
  override readonly name = "InputValidationError";

  constructor(
    readonly operation: string,
    readonly problems: readonly InputProblem[],
  ) {
    super(`${operation}: ${problems.map((p) => `${p.path} ${p.rule} (got ${p.got})`).join("; ")}`);
  }
}

/** Checks an input against its shape's constraints; returns every problem found, in the client's wording. */
export function validateInput(schema: StructureSchema, input: unknown): InputProblem[] {
  return findViolations(schema, input).map(inputProblem);
}

/** Checks an input against its shape's constraints; returns every violation found, none when it is valid. */
export function findViolations(schema: StructureSchema, input: unknown): Violation[] {
  const found: Violation[] = [];
  new Checker(found).structure(schema, input, false);
  return found;
}

/** The client's wording of a violation. */
export function inputProblem({ path, rule, value, sensitive }: Violation): InputProblem {
  return { path: clientPath(path), rule: ruleText(rule), got: gotText(rule, value, sensitive) };
}

/** The client's wording of a rule: what completes "UserName …", e.g. `must match ^[\w+=,.@-]+$`. */
export function ruleText(rule: Rule): string {
  switch (rule.kind) {
    case "required":
      return "is required";
    case "notNull":
      return "must not be null";
    case "type":
      return `must be ${rule.expected}`;
    case "wellFormedUnicode":
      return "must be valid Unicode (it holds a lone surrogate)";
    case "length":
      return `${rule.of} must be ${span(rule.bounds)}`;
    case "range":
      return `must be ${span(rule.bounds)}`;
    case "pattern":
      return `must match ${rule.pattern.source}`;
    case "enum":
      return `must be one of ${rule.values.join(", ")}`;
    case "unknownMember":
      return `is not a member of ${rule.structure}`;
    case "oneUnionMember":
      return `must set exactly one member of ${rule.structure}`;
  }
}

function span({ min, max }: Bounds): string {
  return min !== undefined && max !== undefined ? `${min}..${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
}

function gotText(rule: Rule, value: unknown, sensitive: boolean): string {
  switch (rule.kind) {
    case "required":
      return "nothing";
    case "notNull":
      return String(value);
    case "length":
      return String(rule.measured);
    case "oneUnionMember":
      return String(rule.set);
    case "unknownMember":
      // A member the schema does not know has no sensitivity to go by (a spread AccessKey brings its secret): its
      // name only, and what kind of value it holds.
      return kindOf(value);
    default:
      return describeValue(value, sensitive);
  }
}

function clientPath(path: readonly PathStep[]): string {
  if (path.length === 0) return "input";
  let text = "";
  for (const step of path) {
    if ("member" in step) text += text === "" ? step.member : `.${step.member}`;
    else if ("index" in step) text += `[${step.index}]`;
    else if ("entry" in step) text += `[${JSON.stringify(step.entry)}]`;
    else text += ` key ${JSON.stringify(step.key)}`;
  }
  return text;
}

/**
 * Walks a value and its schema. The path is one array, pushed and popped on the way, and copied only into a
 * violation: a valid input, the common case, allocates nothing for it.
 */
class Checker {
  readonly #path: PathStep[] = [];

  readonly #found: Violation[];

  constructor(found: Violation[]) {
    this.#found = found;
  }

  #fail(rule: Rule, value: unknown, sensitive: boolean): void {
    this.#found.push({ path: [...this.#path], rule, value, sensitive });
  }

  structure(schema: StructureSchema, value: unknown, sensitive: boolean): void {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return this.#fail({ kind: "type", expected: `an object (${schema.name})` }, value, sensitive);
    }
    const record = value as Record<string, unknown>;
    let set = 0;
    for (const [name, member] of Object.entries(schema.members)) {
      // Read as the serializer reads it, a getter's or an inherited value too, so that what is checked is what is
      // sent; a name every object has (`toString`) is the member's only when the input sets it, as there.
      const memberValue = Object.hasOwn(record, name) || !Object.hasOwn(Object.prototype, name) ? record[name] : undefined;
      this.#path.push({ member: name });
      if (memberValue === undefined || memberValue === null) {
        if (member.required && !schema.union) this.#fail({ kind: "required" }, memberValue, sensitive || member.sensitive === true);
      } else {
        set++;
        this.#member(member, memberValue, sensitive || member.sensitive === true);
      }
      this.#path.pop();
    }
    for (const name of Object.keys(record)) {
      if (!Object.hasOwn(schema.members, name) && record[name] !== undefined) {
        this.#path.push({ member: name });
        this.#fail({ kind: "unknownMember", structure: schema.name }, record[name], sensitive);
        this.#path.pop();
      }
    }
    if (schema.union && set !== 1) this.#fail({ kind: "oneUnionMember", structure: schema.name, set }, value, sensitive);
  }

  #member(schema: MemberSchema, value: unknown, sensitive: boolean): void {
    const fail = (rule: Rule) => this.#fail(rule, value, sensitive);
    switch (schema.type) {
      case "string":
        if (typeof value !== "string") return fail({ kind: "type", expected: "a string" });
        if (!wellFormedUtf16(value)) return fail({ kind: "wellFormedUnicode" });
        if (schema.length !== undefined) this.#bounds(schema.length, codePoints(value), "length", value, sensitive);
        if (schema.pattern && !matches(schema.pattern, value)) fail({ kind: "pattern", pattern: schema.pattern });
        return;
      case "enum":
        if (!schema.values.includes(value as string | number)) fail({ kind: "enum", values: schema.values });
        return;
      case "boolean":
        if (typeof value !== "boolean") fail({ kind: "type", expected: "true or false" });
        return;
      case "number":
        if (typeof value !== "number") return fail({ kind: "type", expected: "a number" });
        if (outside(schema.range, value)) fail({ kind: "range", bounds: schema.range! });
        return;
      case "bigint":
        if (typeof value !== "bigint" && typeof value !== "number") fail({ kind: "type", expected: "a bigint or a number" });
        return;
      case "bigDecimal":
        if (!isNumericValue(value)) fail({ kind: "type", expected: "a NumericValue with decimal text" });
        return;
      case "timestamp":
        if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail({ kind: "type", expected: "a valid Date" });
        return;
      case "blob":
        if (!(value instanceof Uint8Array) && typeof value !== "string") return fail({ kind: "type", expected: "a Uint8Array or a string" });
        this.#bounds(schema.length, typeof value === "string" ? new TextEncoder().encode(value).length : value.length, "length", value, sensitive);
        return;
      case "document":
        return;
      case "structure":
        return this.structure(schema.schema(), value, sensitive);
      case "list":
        if (!Array.isArray(value)) return fail({ kind: "type", expected: "an array" });
        this.#bounds(schema.length, value.length, "length", value, sensitive);
        value.forEach((item, index) => this.#item(schema, schema.member, item, { index }, sensitive));
        return;
      case "map": {
        if (typeof value !== "object" || Array.isArray(value)) return fail({ kind: "type", expected: "an object" });
        const entries = Object.entries(value as Record<string, unknown>);
        this.#bounds(schema.length, entries.length, "size", value, sensitive);
        for (const [key, item] of entries) {
          this.#path.push({ key });
          this.#member(schema.key, key, sensitive || schema.key.sensitive === true);
          this.#path.pop();
          this.#item(schema, schema.value, item, { entry: key }, sensitive);
        }
        return;
      }
    }
  }

  #item(collection: { readonly sparse?: true }, schema: MemberSchema, item: unknown, step: PathStep, sensitive: boolean): void {
    this.#path.push(step);
    if (item === undefined || item === null) {
      if (!collection.sparse) this.#fail({ kind: "notNull" }, item, sensitive);
    } else this.#member(schema, item, sensitive || schema.sensitive === true);
    this.#path.pop();
  }

  #bounds(bounds: Bounds | undefined, measured: number, of: "length" | "size", value: unknown, sensitive: boolean): void {
    if (outside(bounds, measured)) this.#fail({ kind: "length", of, bounds: bounds!, measured }, value, sensitive);
  }
}

function outside(bounds: Bounds | undefined, measured: number): boolean {
  return bounds !== undefined && ((bounds.min !== undefined && measured < bounds.min) || (bounds.max !== undefined && measured > bounds.max));
}

/**
 * The longest string a message may quote. No AWS credential is this short (access key ids have 16 characters or
 * more, secret keys 40, session tokens hundreds), so a value up to this length can be an enum-like word or a
 * mistyped name but never a whole secret; a longer one is described by its length only, never quoted or cut to a
 * prefix, as any member not marked `@sensitive` may still hold a pasted secret.
 */
export const QUOTABLE_LENGTH = 12;

/** Whether a message may show this value: short strings and numbers, never anything sensitive. */
export function quotable(value: unknown, sensitive: boolean): boolean {
  if (sensitive) return false;
  if (typeof value === "string") return value.length <= QUOTABLE_LENGTH;
  return typeof value === "number" || typeof value === "boolean" || typeof value === "bigint";
}

/** A short description of a value for an error message; only a {@link quotable} value is shown. */
export function describeValue(value: unknown, sensitive: boolean): string {
  if (quotable(value, sensitive)) return typeof value === "string" ? JSON.stringify(value) : String(value);
  return kindOf(value);
}

/** What a value is, without any of its content: `a string of 40 characters`, `an array of 2`, `a Date`. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return `a string of ${value.length} characters`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A well-formed string's length in code points, as `@length` counts it: its UTF-16 units less one per surrogate pair. */
function codePoints(value: string): number {
  let pairs = 0;
  for (let i = 0; i < value.length; i++) if ((value.charCodeAt(i) & 0xfc00) === 0xd800) pairs++;
  return value.length - pairs;
}

/** awsQuery bodies are UTF-8: a lone surrogate cannot be encoded, and encodeURIComponent would throw on it. */
function wellFormedUtf16(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

const compiledPatterns = new WeakMap<Pattern, RegExp>();

/** Whether `value` matches `pattern`, compiled on its first use and kept for the pattern's life. */
function matches(pattern: Pattern, value: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) compiledPatterns.set(pattern, (compiled = new RegExp(pattern.source, pattern.flags)));
  return compiled.test(value);
}
