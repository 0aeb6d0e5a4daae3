import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";

export interface FetchHttpHandlerOptions {
  /** Milliseconds the whole exchange may take. */
  requestTimeout?: number;
}

/** The request handler outside Node: the platform's fetch. Connection reuse is the browser's business. */
export class FetchHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };

  constructor(private readonly options: FetchHttpHandlerOptions = {}) {}

  async handle(request: HttpRequest, { abortSignal, requestTimeout }: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const timeout = requestTimeout ?? this.options.requestTimeout;
    const signals = [abortSignal as AbortSignal | undefined, timeout === undefined ? undefined : AbortSignal.timeout(timeout)].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) query.append(name, item ?? "");
    }
    const port = request.port ? `:${request.port}` : "";
    const search = query.size > 0 ? `?${query}` : "";
    const headers = { ...request.headers };
    delete headers.host; // fetch sets it and refuses to be told
    const response = await fetch(`${request.protocol}//${request.hostname}${port}${request.path}${search}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals),
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
  }

  destroy(): void {}
}
