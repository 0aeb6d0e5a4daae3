import type { AbortSignal as OnAbortSignal, HttpHandlerOptions } from "@smithy/types";

/**
 * The abort signals a call takes, as v3 takes them: the platform's `AbortSignal`, or an object with only `aborted` and
 * `onabort` (the `AbortSignal` of @smithy/types, which the old @aws-sdk/abort-controller hands out).
 */
export type CallerAbortSignal = NonNullable<HttpHandlerOptions["abortSignal"]>;

/** The signal, or nothing; any other value is a TypeError naming `abortSignal`. */
export function checkedAbortSignal(signal: CallerAbortSignal | undefined): CallerAbortSignal | undefined {
  if (signal && typeof signal !== "object") {
    throw new TypeError(`abortSignal must be an AbortSignal, or an object with aborted and onabort (got ${typeof signal})`);
  }
  return signal || undefined;
}

/**
 * Calls `listener` once when `signal` aborts, until the function returned is called: call it when the work ends.
 * A signal without `addEventListener` gets an `onabort` of ours, as v3 sets one; unlike v3's, it also calls the
 * `onabort` the signal had, and puts that back when listening ends.
 */
export function listenForAbort(signal: CallerAbortSignal | undefined, listener: () => void): () => void {
  if (!checkedAbortSignal(signal)) return () => {};
  if (typeof (signal as AbortSignal).addEventListener === "function") {
    const target = signal as AbortSignal;
    target.addEventListener("abort", listener, { once: true });
    return () => target.removeEventListener("abort", listener);
  }
  const legacy = signal as OnAbortSignal;
  const previous = legacy.onabort;
  let listening = true;
  const stop = () => {
    listening = false;
    if (legacy.onabort === onabort) legacy.onabort = previous;
  };
  function onabort(this: unknown, ...args: unknown[]): void {
    if (listening) {
      stop();
      listener();
    }
    if (typeof previous === "function") Reflect.apply(previous, this, args);
  }
  legacy.onabort = onabort;
  return stop;
}
