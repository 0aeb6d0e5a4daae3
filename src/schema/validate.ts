import { isNumericValue } from "../protocol/values.js";
import type { Bounds, MemberSchema, StructureSchema } from "../contract.js";

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

/** Checks an input against its shape's constraints; returns every problem found, none when it is valid. */
export function validateInput(schema: StructureSchema, input: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  checkStructure(schema, input, "", problems);
  return problems;
}

function checkStructure(schema: StructureSchema, value: unknown, path: string, problems: InputProblem[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({ path: path || "input", rule: `must be an object (${schema.name})`, got: describe(value, false) });
    return;
  }
  const record = value as Record<string, unknown>;
  let set = 0;
  for (const [name, member] of Object.entries(schema.members)) {
    const memberValue = Object.hasOwn(record, name) ? record[name] : undefined;
    const memberPath = path ? `${path}.${name}` : name;
    if (memberValue === undefined || memberValue === null) {
      if (member.required && !schema.union) problems.push({ path: memberPath, rule: "is required", got: "nothing" });
      continue;
    }
    set++;
    checkMember(member, memberValue, memberPath, problems);
  }
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(schema.members, name) && record[name] !== undefined) {
      problems.push({ path: path ? `${path}.${name}` : name, rule: `is not a member of ${schema.name}`, got: describe(record[name], false) });
    }
  }
  if (schema.union && set !== 1) {
    problems.push({ path: path || "input", rule: `must set exactly one member of ${schema.name}`, got: `${set}` });
  }
}

function checkMember(schema: MemberSchema, value: unknown, path: string, problems: InputProblem[]): void {
  const sensitive = schema.sensitive === true;
  const fail = (rule: string, got = describe(value, sensitive)): void => {
    problems.push({ path, rule, got });
  };
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return fail("must be a string");
      if (!wellFormedUtf16(value)) return fail("must be valid Unicode (it holds a lone surrogate)");
      checkBounds(schema.length, [...value].length, "length", fail);
      if (schema.pattern && !schema.pattern.test(value)) fail(`must match ${schema.pattern.source}`);
      return;
    case "enum":
      if (!schema.values.includes(value as string | number)) fail(`must be one of ${schema.values.join(", ")}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("must be true or false");
      return;
    case "number":
      if (typeof value !== "number") return fail("must be a number");
      checkBounds(schema.range, value, "", fail);
      return;
    case "bigint":
      if (typeof value !== "bigint" && typeof value !== "number") fail("must be a bigint or a number");
      return;
    case "bigDecimal":
      if (!isNumericValue(value)) fail("must be a NumericValue with decimal text");
      return;
    case "timestamp":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail("must be a valid Date");
      return;
    case "blob":
      if (!(value instanceof Uint8Array) && typeof value !== "string") return fail("must be a Uint8Array or a string");
      checkBounds(schema.length, typeof value === "string" ? new TextEncoder().encode(value).length : value.length, "length", fail);
      return;
    case "document":
      return;
    case "structure":
      checkStructure(schema.schema(), value, path, problems);
      return;
    case "list":
      if (!Array.isArray(value)) return fail("must be an array");
      checkBounds(schema.length, value.length, "length", fail);
      value.forEach((item, i) => {
        if (item === undefined || item === null) {
          if (!schema.sparse) problems.push({ path: `${path}[${i}]`, rule: "must not be null", got: String(item) });
        } else checkMember(schema.member, item, `${path}[${i}]`, problems);
      });
      return;
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return fail("must be an object");
      const entries = Object.entries(value as Record<string, unknown>);
      checkBounds(schema.length, entries.length, "size", fail);
      for (const [key, item] of entries) {
        checkMember(schema.key, key, `${path} key ${JSON.stringify(key)}`, problems);
        if (item === undefined || item === null) {
          if (!schema.sparse) problems.push({ path: `${path}[${JSON.stringify(key)}]`, rule: "must not be null", got: String(item) });
        } else checkMember(schema.value, item, `${path}[${JSON.stringify(key)}]`, problems);
      }
      return;
    }
  }
}

function checkBounds(bounds: Bounds | undefined, measured: number, what: string, fail: (rule: string, got?: string) => void): void {
  if (bounds === undefined) return;
  const { min, max } = bounds;
  if ((min !== undefined && measured < min) || (max !== undefined && measured > max)) {
    const span = min !== undefined && max !== undefined ? `${min}..${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
    fail(what ? `${what} must be ${span}` : `must be ${span}`, String(measured));
  }
}

/** A short description of a value for an error message; a sensitive value is described, never shown. */
function describe(value: unknown, sensitive: boolean): string {
  if (value === null) return "null";
  if (typeof value === "string") {
    if (sensitive) return `a string of ${value.length} characters`;
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (sensitive) return `a ${typeof value}`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}

/** awsQuery bodies are UTF-8: a lone surrogate cannot be encoded, and encodeURIComponent would throw on it. */
function wellFormedUtf16(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}
