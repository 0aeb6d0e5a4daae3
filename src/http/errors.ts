import type { CallerAbortSignal } from "./abort-signal.js";

/**
 * The errors a request handler fails with, named as the official SDK names them, so code that tells a cancelled call
 * (`AbortError`) from a slow one (`TimeoutError`) by `error.name` works the same.
 */

/** The caller's signal fired. Its reason, when it is an Error, is the cause. */
export function abortError(signal?: CallerAbortSignal): Error {
  const reason: unknown = (signal as { reason?: unknown } | undefined)?.reason;
  return Object.assign(new Error("Request aborted", reason instanceof Error ? { cause: reason } : undefined), { name: "AbortError" });
}

/**
 * A time bound ran out. `code` says which: `ConnectTimeout` while connecting, so the request was never sent;
 * `RequestTimeout` once it may have been.
 */
export function timeoutError(message: string, code: "ConnectTimeout" | "RequestTimeout"): Error {
  return Object.assign(new Error(message), { name: "TimeoutError", code });
}
