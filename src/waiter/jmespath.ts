// JMESPath's semantics for the code the generator compiles waiters' path matchers into (codegen/emit/jmespath.ts),
// so that no JMESPath parser ships: one helper per construct, null wherever JMESPath gives null. The values are an
// operation's output: JSON-like, where an undefined member is an absent one and reads as null. Dates and byte
// arrays are opaque scalars: no fields, truthy, equal to a Date of the same instant or to the same bytes.

type Ordering = "<" | "<=" | ">" | ">=";

/** A JSON object: a plain object or one without a prototype; arrays, Dates, byte arrays and other classes are not. */
function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An object's own members that are present (not undefined). */
function members(object: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  return Object.entries(object).filter(([, value]) => value !== undefined);
}

/** A value's JMESPath type, for messages; an opaque scalar by its class. */
function typeOf(value: unknown): string {
  if (value == null) return "null";
  if (Array.isArray(value)) return "array";
  if (isObject(value)) return "object";
  return typeof value === "object" ? Object.prototype.toString.call(value).slice(8, -1) : typeof value;
}

/** `value.name`: an own member of an object, so that inherited properties (`constructor`, `__proto__`) never show. */
function field(value: unknown, name: string): unknown {
  return isObject(value) && Object.hasOwn(value, name) ? (value[name] ?? null) : null;
}

/** `value[position]`, negative from the end; null out of range or for a non-array. */
function index(value: unknown, position: number): unknown {
  return Array.isArray(value) ? (value.at(position) ?? null) : null;
}

/** `value[]`'s list: the elements, those that are arrays spliced in (one level); null for a non-array. */
function flatten(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value.flat() : null;
}

/** `value.*`'s list: an object's values; null for a non-object. */
function values(value: unknown): unknown[] | null {
  return isObject(value) ? Object.values(value) : null;
}

/** A projection: `each` of every element (the element itself without one), nulls dropped; null for a non-array. */
function project(list: unknown, each: (item: unknown) => unknown = (item) => item): unknown[] | null {
  if (!Array.isArray(list)) return null;
  return list.map(each).filter((result) => result != null);
}

/** `list[?condition]`'s list: the elements for which condition is truthy; null for a non-array. */
function filter(list: unknown, condition: (item: unknown) => unknown): unknown[] | null {
  return Array.isArray(list) ? list.filter((item) => truthy(condition(item))) : null;
}

/** A multi-select list of a value that is not a name: null for null, else the elements `select` makes of it. */
function multiSelect(value: unknown, select: (item: unknown) => unknown[]): unknown[] | null {
  return value == null ? null : select(value);
}

/** `==`: deep equality of JSON values. */
function equals(left: unknown, right: unknown): boolean {
  left ??= null;
  right ??= null;
  if (left === right) return true;
  if (Array.isArray(left)) return Array.isArray(right) && left.length === right.length && left.every((item, at) => equals(item, right[at]));
  if (isObject(left)) {
    if (!isObject(right)) return false;
    const present = members(left);
    return present.length === members(right).length && present.every(([name, value]) => Object.hasOwn(right, name) && equals(value, right[name]));
  }
  if (left instanceof Date) return right instanceof Date && left.getTime() === right.getTime();
  if (left instanceof Uint8Array) return right instanceof Uint8Array && left.length === right.length && left.every((byte, at) => byte === right[at]);
  return false;
}

/** `<`, `<=`, `>`, `>=`: defined between numbers only, null for anything else. */
function compare(left: unknown, ordering: Ordering, right: unknown): boolean | null {
  if (typeof left !== "number" || typeof right !== "number") return null;
  switch (ordering) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
  }
}

/** JMESPath's truth: false for null, false, "", an empty array and an empty object; true for anything else (0 too). */
function truthy(value: unknown): boolean {
  if (value == null || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return members(value).length > 0;
  return true;
}

/** `left && right`: left when it is falsy, else right (evaluated only then). */
function and(left: unknown, right: () => unknown): unknown {
  return truthy(left) ? right() : left;
}

/** `left || right`: left when it is truthy, else right (evaluated only then). */
function or(left: unknown, right: () => unknown): unknown {
  return truthy(left) ? left : right();
}

/** `length()`: a string's code points, an array's elements, an object's members; a TypeError for anything else. */
function length(value: unknown): number {
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return members(value).length;
  throw new TypeError(`length() takes a string, an array or an object, not ${typeOf(value)}`);
}

/** `contains()`: an element of an array equal to search, or a string's substring; a TypeError for another subject. */
function contains(subject: unknown, search: unknown): boolean {
  if (Array.isArray(subject)) return subject.some((item) => equals(item, search));
  if (typeof subject === "string") return typeof search === "string" && subject.includes(search);
  throw new TypeError(`contains() takes an array or a string, not ${typeOf(subject)}`);
}

/**
 * The helpers, as one namespace that generated waiters import. Pure, so that a bundle of clients without waiters
 * drops it: keysmith's pre-bundled builds put it in the chunk every client shares.
 */
export const jmespath = /* @__PURE__ */ Object.freeze({ field, index, flatten, values, project, filter, multiSelect, equals, compare, truthy, and, or, length, contains });
