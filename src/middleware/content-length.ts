import { HttpRequest } from "@smithy/protocol-http";
import type { BuildMiddleware } from "@smithy/types";
import { header } from "../http/headers.js";

/** Sets Content-Length from the body, unless a header says it already: what the official SDK's middleware does. */
export function contentLengthMiddleware(): BuildMiddleware<any, any> {
  return (next) => (args) => {
    const request = args.request;
    if (HttpRequest.isInstance(request) && request.body && header(request.headers, "content-length") === undefined) {
      const length = byteLength(request.body);
      if (length !== undefined) request.headers["content-length"] = String(length);
    }
    return next(args);
  };
}

/** The length of a string (as UTF-8) or byte body; undefined for a stream, whose length is not known before it is read. */
export function byteLength(body: unknown): number | undefined {
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (typeof body !== "string") return undefined;
  let length = body.length; // a UTF-16 unit per character, one byte each while ASCII
  for (let i = 0; i < body.length; i++) {
    const unit = body.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) length += 1;
    else if (unit >= 0xd800 && unit < 0xdc00 && (body.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2; // a surrogate pair: two units, four bytes
      i++;
    } else length += 2; // three bytes, also for a lone surrogate, which becomes U+FFFD
  }
  return length;
}
