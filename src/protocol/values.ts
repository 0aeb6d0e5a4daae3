import type { TimestampFormat } from "./form.js";

/**
 * A response value the schema cannot read as its type, or a required one that is absent; the deserializer turns it
 * into a typed error.
 */
export class ValueParseError extends Error {
  override readonly name = "ValueParseError";
}

/** The structure read from a response, once the members the model requires of it (all but lists and maps) are there. */
export function requireMembers<T extends object>(structure: T, shape: string, members: readonly (keyof T & string)[]): T {
  // Own properties only: a member named like an inherited one (toString) is not there because Object.prototype has it.
  const missing = members.filter((member) => !Object.hasOwn(structure, member) || structure[member] === undefined);
  if (missing.length > 0) throw new ValueParseError(`${shape} has no ${missing.join(", ")}, which the model requires`);
  return structure;
}

export function parseBoolean(text: string): boolean {
  if (text === "true") return true;
  if (text === "false") return false;
  throw new ValueParseError(`expected true or false, got ${quote(text)}`);
}

const INTEGER = /^[+-]?\d+$/;

export function parseInteger(text: string): number {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) throw new ValueParseError(`expected an integer, got ${quote(text)}`);
  return Number(trimmed);
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Floats and doubles, with the special values spelled as Smithy protocols spell them. */
export function parseFloatValue(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "NaN") return NaN;
  if (trimmed === "Infinity") return Infinity;
  if (trimmed === "-Infinity") return -Infinity;
  if (!FLOAT.test(trimmed)) throw new ValueParseError(`expected a number, got ${quote(text)}`);
  return Number(trimmed);
}

export function parseBigInteger(text: string): bigint {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) throw new ValueParseError(`expected an integer, got ${quote(text)}`);
  return BigInt(trimmed);
}

const BIG_DECIMAL = /^-?((0|[1-9]\d*)(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A `bigDecimal` value, kept as its decimal text so no digit is lost. Shaped like the official SDK's
 * NumericValue (`{ string, type: "bigDecimal" }`), which recognises such objects as its own.
 */
export class NumericValue {
  constructor(
    readonly string: string,
    readonly type: "bigDecimal",
  ) {
    if (!BIG_DECIMAL.test(string)) throw new RangeError(`a bigDecimal must be a decimal number, got ${quote(string)}`);
  }

  toString(): string {
    return this.string;
  }
}

/** True for a NumericValue, ours or the official SDK's (the same shape), holding decimal text. */
export function isNumericValue(value: unknown): value is NumericValue {
  const { type, string } = (value ?? {}) as { type?: unknown; string?: unknown };
  return type === "bigDecimal" && typeof string === "string" && BIG_DECIMAL.test(string);
}

export function parseBigDecimal(text: string): NumericValue {
  const trimmed = text.trim();
  if (!BIG_DECIMAL.test(trimmed)) throw new ValueParseError(`expected a decimal number, got ${quote(text)}`);
  return new NumericValue(trimmed, "bigDecimal");
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseBlob(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, "");
  if (compact.length % 4 === 1 || !BASE64.test(compact)) throw new ValueParseError("expected base64 data");
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2})(\.\d+)? GMT$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function parseTimestamp(text: string, format: TimestampFormat): Date {
  const trimmed = text.trim();
  let millis: number;
  if (format === "epoch-seconds") {
    millis = FLOAT.test(trimmed) ? Math.round(Number(trimmed) * 1000) : NaN;
  } else if (format === "http-date") {
    const m = HTTP_DATE.exec(trimmed);
    millis = m ? utc(m[3]!, String(MONTHS.indexOf(m[2]!) + 1), m[1]!, m[4]!, m[5]!, m[6]!, m[7], "Z") : NaN;
  } else {
    const m = DATE_TIME.exec(trimmed);
    millis = m ? utc(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7], m[8]!) : NaN;
  }
  if (Number.isNaN(millis)) throw new ValueParseError(`expected a ${format} timestamp, got ${quote(text)}`);
  return new Date(millis);
}

function utc(year: string, month: string, day: string, hour: string, minute: string, second: string, fraction: string | undefined, offset: string): number {
  const [y, mo, d, h, mi, s] = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  // setUTCFullYear, unlike Date.UTC, takes years below 100 literally.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCDate() !== d) return NaN; // 31 February and the like
  date.setUTCHours(h, mi, s, fraction ? Number(fraction.slice(1, 4).padEnd(3, "0")) : 0);
  if (offset.length === 1) return date.getTime();
  // RFC 3339's time-offset: hours 00-23, minutes 00-59; `+99:00` or `-00:61` is no offset, not a shifted time.
  const [offsetHours, offsetMinutes] = [Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
  if (offsetHours > 23 || offsetMinutes > 59) return NaN;
  const sign = offset.startsWith("-") ? -1 : 1;
  return date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
