import type { CallerAbortSignal } from "./abort-signal.js";

/**
 * The errors a request handler fails with, named as the official SDK names them, so code that tells a cancelled call
 * (`AbortError`) from a slow one (`TimeoutError`) by `error.name` works the same.
 */

/** The caller's signal fired, as v3 says it: a reason that is an Error is the cause, any other is the message. */
export function abortError(signal?: CallerAbortSignal): Error {
  const reason: unknown = (signal as { reason?: unknown } | undefined)?.reason;
  const error = Object.assign(new Error(reason && !(reason instanceof Error) ? String(reason) : "Request aborted"), { name: "AbortError" });
  return reason instanceof Error ? Object.assign(error, { cause: reason }) : error;
}

/**
 * A time bound ran out. `code` says which: `ConnectTimeout` while connecting, so the request was never sent;
 * `RequestTimeout` once it may have been.
 */
export function timeoutError(message: string, code: "ConnectTimeout" | "RequestTimeout"): Error {
  return Object.assign(new Error(message), { name: "TimeoutError", code });
}

/**
 * Node's codes for a connection that broke or went silent before the response came. v3's NodeHttpHandler renames
 * such an error TimeoutError, keeping its code, and code written for v3 tells a transient failure by that name.
 */
const BROKEN_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/** The error a request failed with before its response, named as v3's NodeHttpHandler names it. */
export function requestError(error: Error & { code?: string }): Error {
  return error.code !== undefined && BROKEN_CONNECTION_CODES.has(error.code) ? Object.assign(error, { name: "TimeoutError" }) : error;
}
