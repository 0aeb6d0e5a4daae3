import { v4 as randomUuid } from "@smithy/core/serde";
// The one RFC 3986 encoder is the endpoint rules' `uriEncode`; form values are encoded the same way.
import { uriEncode } from "../endpoint/functions.js";

/**
 * The awsQuery request body: `Action=Op&Version=V&Name=value&…`, percent-encoded the RFC 3986 way
 * (space is `%20`, `+` is `%2B`, and `!'()*` are escaped too), as the official SDKs send it.
 */
export class QueryForm {
  #body: string;

  constructor(action: string, version: string) {
    this.#body = `Action=${uriEncode(action)}&Version=${uriEncode(version)}`;
  }

  add(name: string, value: string): void {
    this.#body += `&${uriEncode(name)}=${uriEncode(value)}`;
  }

  toString(): string {
    return this.#body;
  }
}

/** A form body with a `%` that starts no escape, or escapes that are not UTF-8. */
export class FormDecodeError extends Error {
  override readonly name = "FormDecodeError";
}

/**
 * Decodes a form body into its pairs, in order: the inverse of {@link QueryForm}, read the way AWS reads HTML form
 * encoding (`+` is a space, `%XX` are UTF-8 bytes, a pair without `=` has an empty value, empty pairs are skipped).
 */
export function decodeForm(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    pairs.push([decodeFormComponent(at < 0 ? pair : pair.slice(0, at), pair), at < 0 ? "" : decodeFormComponent(pair.slice(at + 1), pair)]);
  }
  return pairs;
}

function decodeFormComponent(text: string, pair: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new FormDecodeError(`Invalid percent-encoding in '${pair}'`);
  }
}

export type TimestampFormat = "date-time" | "epoch-seconds" | "http-date";

/** Formats a timestamp member; awsQuery's default is `date-time` without milliseconds when they are zero. */
export function formatTimestamp(value: Date, format: TimestampFormat): string {
  switch (format) {
    case "epoch-seconds":
      return String(value.getTime() / 1000);
    case "http-date":
      return value.toUTCString();
    case "date-time":
      return value.toISOString().replace(".000Z", "Z");
  }
}

/** Floats keep their special values spelled the way Smithy protocols spell them. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return String(value);
}

/** Blobs travel base64-encoded; a string is sent as its UTF-8 bytes, as the official SDK does. */
export function formatBlob(value: Uint8Array | string): string {
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A fresh value for an `@idempotencyToken` member the caller left unset: a random UUID, as the official SDK
 * sends, so that a retried request carries the same token and the service performs it once. smithy's, as v3's: from
 * getRandomValues where there is no crypto.randomUUID (a page over plain HTTP, an older browser).
 */
export function idempotencyToken(): string {
  return randomUuid();
}
