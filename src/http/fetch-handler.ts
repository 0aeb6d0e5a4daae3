import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import { listenForAbort } from "./abort-signal.js";
import { abortError, timeoutError } from "./errors.js";
import { checkHandlerOptionNames } from "./handler-options.js";
import { checkedTimeout, DEFAULT_REQUEST_TIMEOUT_MS } from "./timeouts.js";

export interface FetchHttpHandlerOptions {
  /** Milliseconds the whole exchange may take, the body included (default 30 000). */
  requestTimeout?: number;
  /** fetch's `keepalive`: the request may outlive the page, as in v3. */
  keepAlive?: boolean;
  /** fetch's `credentials` mode. */
  credentials?: "include" | "omit" | "same-origin" | (string & {});
  /** fetch's `cache` mode. */
  cache?: "default" | "force-cache" | "no-cache" | "no-store" | "only-if-cached" | "reload";
  /** More of fetch's init for each request, applied last, as in v3. */
  requestInit?: (request: HttpRequest) => RequestInit;
  /** A fetch to call instead of the platform's (a Worker's service binding, an instrumented fetch). */
  customFetch?: typeof fetch;
}

/** The request handler outside Node: the platform's fetch. Connection reuse is the browser's business. */
export class FetchHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  readonly #requestTimeout: number;
  readonly #options: FetchHttpHandlerOptions;

  constructor(options: FetchHttpHandlerOptions = {}) {
    checkHandlerOptionNames(options);
    this.#requestTimeout = options.requestTimeout === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : checkedTimeout("requestTimeout", options.requestTimeout);
    this.#options = options;
  }

  async handle(request: HttpRequest, { abortSignal, requestTimeout }: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const timeout = requestTimeout === undefined ? this.#requestTimeout : checkedTimeout("requestTimeout", requestTimeout);
    if (abortSignal?.aborted) throw abortError(abortSignal);
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) query.append(name, item ?? "");
    }
    const port = request.port ? `:${request.port}` : "";
    const search = query.size > 0 ? `?${query}` : "";
    const headers = { ...request.headers };
    delete headers.host; // fetch sets it and refuses to be told
    // One controller ends the exchange, so fetch fails with the SDK's AbortError or TimeoutError, not the platform's.
    // Listening starts before the timer: a signal that cannot be listened to fails the call with nothing started.
    const controller = new AbortController();
    const stopListening = listenForAbort(abortSignal, () => controller.abort(abortError(abortSignal)));
    const timer = setTimeout(() => controller.abort(timeoutError(`the exchange took more than ${timeout} ms`, "RequestTimeout")), timeout);
    const finish = () => {
      clearTimeout(timer);
      stopListening();
    };
    try {
      const { keepAlive, credentials, cache, requestInit, customFetch = fetch } = this.#options;
      const response = await customFetch(`${request.protocol}//${request.hostname}${port}${request.path}${search}`, {
        method: request.method,
        headers,
        body: request.body,
        signal: controller.signal,
        ...(keepAlive === undefined ? {} : { keepalive: keepAlive }),
        // Typed as a string, as @smithy/types types it; fetch refuses a mode it does not know.
        ...(credentials === undefined ? {} : { credentials: credentials as RequestCredentials }),
        ...(cache === undefined ? {} : { cache }),
        ...requestInit?.(request),
      });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      // The body stays a stream, as the Node handler's does: the reader stops at its size limit instead of the whole
      // body being buffered first, and the attempt's bound and abort still end a body that stalls.
      let body: ReadableStream<Uint8Array> | Uint8Array = new Uint8Array(0);
      if (response.body) body = boundedBody(response.body, controller.signal, finish);
      else finish();
      return { response: new HttpResponse({ statusCode: response.status, reason: response.statusText, headers: responseHeaders, body }) };
    } catch (error) {
      finish();
      throw controller.signal.aborted ? controller.signal.reason : error;
    }
  }

  destroy(): void {}
}

/** `body`, failing with the attempt's own TimeoutError or AbortError, and calling `finish` once it is read or dropped. */
function boundedBody(body: ReadableStream<Uint8Array>, signal: AbortSignal, finish: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        const step = await reader.read();
        if (step.done) {
          finish();
          stream.close();
        } else {
          stream.enqueue(step.value);
        }
      } catch (error) {
        finish();
        stream.error(signal.aborted ? signal.reason : error);
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason);
    },
  });
}
