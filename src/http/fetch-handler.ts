import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import { abortError, timeoutError } from "./errors.js";
import { checkedTimeout, DEFAULT_REQUEST_TIMEOUT_MS } from "./timeouts.js";

export interface FetchHttpHandlerOptions {
  /** Milliseconds the whole exchange may take, the body included (default 30 000). */
  requestTimeout?: number;
}

/** The request handler outside Node: the platform's fetch. Connection reuse is the browser's business. */
export class FetchHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly requestTimeout: number;

  constructor(options: FetchHttpHandlerOptions = {}) {
    this.requestTimeout = options.requestTimeout === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : checkedTimeout("requestTimeout", options.requestTimeout);
  }

  async handle(request: HttpRequest, { abortSignal, requestTimeout }: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const timeout = requestTimeout === undefined ? this.requestTimeout : checkedTimeout("requestTimeout", requestTimeout);
    const signal = abortSignal as AbortSignal | undefined;
    if (signal?.aborted) throw abortError(signal);
    // One controller ends the exchange, so fetch fails with the SDK's AbortError or TimeoutError, not the platform's.
    const controller = new AbortController();
    const onAbort = () => controller.abort(abortError(signal));
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(timeoutError(`the exchange took more than ${timeout} ms`, "RequestTimeout")), timeout);
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) query.append(name, item ?? "");
    }
    const port = request.port ? `:${request.port}` : "";
    const search = query.size > 0 ? `?${query}` : "";
    const headers = { ...request.headers };
    delete headers.host; // fetch sets it and refuses to be told
    try {
      const response = await fetch(`${request.protocol}//${request.hostname}${port}${request.path}${search}`, {
        method: request.method,
        headers,
        body: request.body,
        signal: controller.signal,
      });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      return {
        response: new HttpResponse({
          statusCode: response.status,
          reason: response.statusText,
          headers: responseHeaders,
          body: new Uint8Array(await response.arrayBuffer()),
        }),
      };
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  destroy(): void {}
}
