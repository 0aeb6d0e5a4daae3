import type { Client } from "@smithy/smithy-client";
import type { HttpHandlerOptions } from "@smithy/types";

/** A Node-style callback for a call's result, as the official SDK's methods and `send` take one. */
export type SendCallback<Output> = (err: any, data?: Output) => void;

/**
 * Sends the command of an aggregated client's method, as the official SDK's methods do: given options or nothing,
 * the call's promise; given a callback (in place of the options or after them), nothing, and the callback gets the
 * error or the output. Options before a callback that are not an object are refused here and now (v3's methods,
 * being async, reject a promise that the caller of the callback form never sees).
 */
export function sendCall<Output>(
  client: Client<HttpHandlerOptions, any, any, any>,
  command: any,
  optionsOrCallback?: HttpHandlerOptions | SendCallback<Output>,
  callback?: SendCallback<Output>,
): Promise<Output> | void {
  if (typeof optionsOrCallback === "function") return client.send(command, optionsOrCallback);
  if (typeof callback !== "function") return client.send(command, optionsOrCallback);
  if (typeof optionsOrCallback !== "object") throw new TypeError(`Expected http options but got ${typeof optionsOrCallback}`);
  return client.send(command, optionsOrCallback ?? {}, callback);
}
