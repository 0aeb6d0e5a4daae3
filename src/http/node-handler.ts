import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";

export interface NodeHttpHandlerOptions {
  /** Milliseconds a socket may stay silent, once the request is under way, before the call fails. */
  requestTimeout?: number;
  /** Milliseconds allowed to open a connection. */
  connectionTimeout?: number;
  /** Sockets per host kept for reuse. */
  maxSockets?: number;
}

/**
 * HTTP/1.1 over node:http with keep-alive: one connection pool per handler, reused across calls, closed by
 * `destroy()`. Resolves with the response as soon as its headers arrive; the body is a stream the caller reads.
 */
export class NodeHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly options: NodeHttpHandlerOptions;
  private httpAgent?: HttpAgent;
  private httpsAgent?: HttpsAgent;

  constructor(options: NodeHttpHandlerOptions = {}) {
    this.options = { ...options };
  }

  handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const secure = request.protocol === "https:";
    // node:https (and TLS under it) loads when the first https request goes out, not for a client of an http endpoint.
    if (secure && https === undefined) return loadHttps().then(() => this.handle(request, options));
    const abortSignal = options.abortSignal as AbortSignal | undefined;
    const requestTimeout = options.requestTimeout;
    const timeout = requestTimeout ?? this.options.requestTimeout;
    return new Promise((resolve, reject) => {
      if (abortSignal?.aborted) return reject(abortError());
      const query = formatQuery(request.query);
      const req = (secure ? https!.request : httpRequest)({
        agent: secure ? (this.httpsAgent ??= new https!.Agent(this.agentOptions())) : (this.httpAgent ??= new HttpAgent(this.agentOptions())),
        method: request.method,
        hostname: request.hostname.startsWith("[") ? request.hostname.slice(1, -1) : request.hostname,
        port: request.port,
        path: query ? `${request.path}?${query}` : request.path,
        headers: request.headers,
      });
      let connectTimer: ReturnType<typeof setTimeout> | undefined;
      const fail = (error: Error) => {
        clearTimeout(connectTimer);
        req.destroy(error);
      };
      req.once("error", (error) => {
        clearTimeout(connectTimer);
        abortSignal?.removeEventListener("abort", onAbort);
        reject(error);
      });
      const onAbort = () => fail(abortError());
      abortSignal?.addEventListener("abort", onAbort, { once: true });
      if (this.options.connectionTimeout !== undefined) {
        connectTimer = setTimeout(() => fail(timeoutError(`connection not established within ${this.options.connectionTimeout} ms`, "ConnectTimeout")), this.options.connectionTimeout);
      }
      req.once("socket", (socket) => {
        if (socket.connecting) socket.once("connect", () => clearTimeout(connectTimer));
        else clearTimeout(connectTimer);
      });
      if (timeout !== undefined) {
        req.setTimeout(timeout, () => fail(timeoutError(`no data from the server for ${timeout} ms`, "RequestTimeout")));
      }
      req.once("response", (res: IncomingMessage) => {
        res.once("close", () => abortSignal?.removeEventListener("abort", onAbort));
        resolve({
          response: new HttpResponse({
            statusCode: res.statusCode ?? -1,
            reason: res.statusMessage,
            headers: flattenHeaders(res.headers),
            body: res,
          }),
        });
      });
      req.end(request.body);
    });
  }

  /** Closes every pooled connection. The handler may be used again afterwards; it opens new ones. */
  destroy(): void {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
    this.httpAgent = undefined;
    this.httpsAgent = undefined;
  }

  private agentOptions() {
    return { keepAlive: true, maxSockets: this.options.maxSockets ?? 50 };
  }
}

let https: typeof import("node:https") | undefined;
let httpsLoading: Promise<unknown> | undefined;

function loadHttps(): Promise<unknown> {
  return (httpsLoading ??= import("node:https").then((module) => (https = module)));
}

function formatQuery(query: HttpRequest["query"]): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(item === null ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(item)}`);
    }
  }
  return parts.join("&");
}

function flattenHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function abortError(): Error {
  return Object.assign(new Error("Request aborted"), { name: "AbortError" });
}

function timeoutError(message: string, code: string): Error {
  return Object.assign(new Error(message), { name: "TimeoutError", code });
}
