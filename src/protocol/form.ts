/**
 * The awsQuery request body: `Action=Op&Version=V&Name=value&…`, percent-encoded the RFC 3986 way
 * (space is `%20`, `+` is `%2B`, and `!'()*` are escaped too), as the official SDKs send it.
 */
export class QueryForm {
  private body: string;

  constructor(action: string, version: string) {
    this.body = `Action=${encodeFormComponent(action)}&Version=${encodeFormComponent(version)}`;
  }

  add(name: string, value: string): void {
    this.body += `&${encodeFormComponent(name)}=${encodeFormComponent(value)}`;
  }

  toString(): string {
    return this.body;
  }
}

const reservedByRfc3986 = /[!'()*]/g;

export function encodeFormComponent(value: string): string {
  return encodeURIComponent(value).replace(reservedByRfc3986, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes a form body back into its pairs, in order; the inverse of {@link QueryForm}. */
export function decodeForm(body: string): Array<[string, string]> {
  if (body === "") return [];
  return body.split("&").map((pair) => {
    const at = pair.indexOf("=");
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? "" : pair.slice(at + 1);
    return [decodeURIComponent(name.replace(/\+/g, " ")), decodeURIComponent(value.replace(/\+/g, " "))];
  });
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
 * sends, so that a retried request carries the same token and the service performs it once.
 */
export function idempotencyToken(): string {
  return globalThis.crypto.randomUUID();
}
