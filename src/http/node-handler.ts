import { Agent as HttpAgent, request as httpRequest, type AgentOptions as HttpAgentOptions, type ClientRequest, type IncomingMessage } from "node:http";
import type { Agent as HttpsAgent, AgentOptions as HttpsAgentOptions } from "node:https";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import type { HttpHandlerOptions, Logger, Provider } from "@smithy/types";
import { listenForAbort } from "./abort-signal.js";
import { abortError, requestError, timeoutError } from "./errors.js";
import { checkHandlerOptionNames } from "./handler-options.js";
import { checkedTimeout, DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./timeouts.js";

export interface NodeHttpHandlerOptions {
  /**
   * Milliseconds one attempt may take in all, from sending the request to the response's last byte (default 30 000).
   * A call's `requestTimeout` send option replaces it for that call.
   */
  requestTimeout?: number;
  /** Milliseconds allowed to open a connection, TLS included (default 10 000). */
  connectionTimeout?: number;
  /** Milliseconds a socket may stay idle during an attempt, as in v3 (default none: `requestTimeout` bounds it). */
  socketTimeout?: number;
  /**
   * v3 only logs a warning when `requestTimeout` runs out unless this is true; keysmith always ends the attempt, so
   * `true` says what keysmith does and `false` is refused.
   */
  throwOnRequestTimeout?: boolean;
  /**
   * Milliseconds after which a request still in flight checks its connection pool, and `logger` warns when every
   * socket is busy with twice as many requests waiting (at most every 15 s), as v3's handler does.
   */
  socketAcquisitionWarningTimeout?: number;
  /** Where that warning goes (default `console`). */
  logger?: Logger;
  /** Sockets per host kept for reuse (default 50). */
  maxSockets?: number;
  /**
   * The agent for http endpoints, as in v3: an `http.Agent` (a proxy agent, say) used as given, or options for the
   * keep-alive agent keysmith makes. `destroy()` destroys it, as v3's handler does.
   */
  httpAgent?: HttpAgent | HttpAgentOptions;
  /** The agent for https endpoints: an `https.Agent` used as given, or options for the one keysmith makes. */
  httpsAgent?: HttpsAgent | HttpsAgentOptions;
}

/**
 * HTTP/1.1 over node:http with keep-alive: one connection pool per handler, reused across calls, closed by
 * `destroy()`. Resolves with the response as soon as its headers arrive; the body is a stream the caller reads, still
 * under the attempt's time bound and abort signal, which fail the stream with a TimeoutError or AbortError.
 */
export class NodeHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly requestTimeout: number;
  private connectionTimeout: number;
  private readonly maxSockets: number;
  private readonly socketTimeout?: number;
  private readonly socketWarning?: { after: number; logger: Logger; lastAt: number };
  private readonly agentOptions: { http?: HttpAgent | HttpAgentOptions; https?: HttpsAgent | HttpsAgentOptions };
  private httpAgent?: HttpAgent;
  private httpsAgent?: HttpsAgent;
  /** The defaults mode's connection timeout when only the first request can learn it, and that reading. */
  #modeConnectionTimeout?: Provider<number | undefined>;
  #modeConnectionTimeoutRead?: Promise<unknown>;

  /**
   * `modeConnectionTimeout` gives the client's defaults mode's, read before the first request (the mode may come from
   * the profile or the instance metadata), used when the options give no `connectionTimeout`.
   */
  constructor(options: NodeHttpHandlerOptions = {}, modeConnectionTimeout?: Provider<number | undefined>) {
    checkHandlerOptionNames(options);
    if (options.throwOnRequestTimeout === false) {
      throw new TypeError("throwOnRequestTimeout: false is not supported: keysmith always ends an attempt at its requestTimeout with a TimeoutError");
    }
    this.requestTimeout = options.requestTimeout === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : checkedTimeout("requestTimeout", options.requestTimeout);
    this.connectionTimeout = options.connectionTimeout === undefined ? DEFAULT_CONNECTION_TIMEOUT_MS : checkedTimeout("connectionTimeout", options.connectionTimeout);
    if (options.connectionTimeout === undefined) this.#modeConnectionTimeout = modeConnectionTimeout;
    const { maxSockets = 50 } = options;
    if (!(maxSockets === Infinity || (Number.isInteger(maxSockets) && maxSockets >= 1))) {
      throw new TypeError(`maxSockets must be a whole number of at least 1, or Infinity (got ${String(maxSockets)})`);
    }
    this.maxSockets = maxSockets;
    if (options.socketTimeout !== undefined) this.socketTimeout = checkedTimeout("socketTimeout", options.socketTimeout);
    if (options.socketAcquisitionWarningTimeout !== undefined) {
      const after = checkedTimeout("socketAcquisitionWarningTimeout", options.socketAcquisitionWarningTimeout);
      this.socketWarning = { after, logger: options.logger ?? console, lastAt: -Infinity };
    }
    this.agentOptions = { http: options.httpAgent, https: options.httpsAgent };
  }

  handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    if (this.#modeConnectionTimeout) {
      // Read once; should the reading fail (a profile's defaults_mode that is no mode), every request fails with it.
      this.#modeConnectionTimeoutRead ??= this.#modeConnectionTimeout().then((timeout) => {
        this.#modeConnectionTimeout = undefined;
        if (timeout !== undefined) this.connectionTimeout = timeout;
      });
      return this.#modeConnectionTimeoutRead.then(() => this.handle(request, options));
    }
    const secure = request.protocol === "https:";
    // node:https (and TLS under it) loads when the first https request goes out, not for a client of an http endpoint.
    if (secure && https === undefined) return loadHttps().then(() => this.handle(request, options));
    const { abortSignal } = options;
    return new Promise((resolve, reject) => {
      const timeout = options.requestTimeout === undefined ? this.requestTimeout : checkedTimeout("requestTimeout", options.requestTimeout);
      if (abortSignal?.aborted) return reject(abortError(abortSignal));
      let req: ClientRequest | undefined;
      let response: IncomingMessage | undefined;
      let connected = false;
      // The attempt ends at the first failure: it destroys the response once there is one, so whoever reads the body
      // gets this error rather than Node's "aborted", else the request, whose "error" rejects the promise.
      const fail = (error: Error) => (response ?? req)?.destroy(error);
      // Listening starts before the request: a signal that cannot be listened to fails the call with nothing started.
      const stopListening = listenForAbort(abortSignal, () => fail(abortError(abortSignal)));
      const timers: Array<ReturnType<typeof setTimeout>> = [];
      const finish = () => {
        for (const timer of timers) clearTimeout(timer);
        stopListening();
      };
      try {
        const query = formatQuery(request.query);
        const agent = secure ? (this.httpsAgent ??= this.agent(this.agentOptions.https, https!.Agent)) : (this.httpAgent ??= this.agent(this.agentOptions.http, HttpAgent));
        const started = (secure ? https!.request : httpRequest)({
          agent,
          method: request.method,
          hostname: request.hostname.startsWith("[") ? request.hostname.slice(1, -1) : request.hostname,
          port: request.port,
          path: query ? `${request.path}?${query}` : request.path,
          headers: request.headers,
        });
        req = started;
        started.once("error", (error) => {
          finish();
          reject(requestError(error));
        });
        const connectTimer = setTimeout(() => fail(timeoutError(`connection not established within ${this.connectionTimeout} ms`, "ConnectTimeout")), this.connectionTimeout);
        timers.push(
          setTimeout(
            () => fail(connected ? timeoutError(`the attempt took more than ${timeout} ms`, "RequestTimeout") : timeoutError(`no connection within ${timeout} ms`, "ConnectTimeout")),
            timeout,
          ),
          connectTimer,
        );
        if (this.socketWarning) timers.push(setTimeout(() => this.warnIfSocketsExhausted(agent), this.socketWarning.after));
        started.once("socket", (socket) => {
          const onConnected = () => {
            connected = true;
            clearTimeout(connectTimer);
          };
          // A pooled socket is open already; a new one once connected, TLS included. Counting one as connected too
          // early errs on the safe side: only a timeout before connecting proves the request unsent.
          if (socket.connecting) socket.once(secure ? "secureConnect" : "connect", onConnected);
          else onConnected();
        });
        const { socketTimeout } = this;
        if (socketTimeout !== undefined) {
          started.setTimeout(socketTimeout, () => fail(timeoutError(`the socket was idle for more than ${socketTimeout} ms`, connected ? "RequestTimeout" : "ConnectTimeout")));
        }
        // 101 Switching Protocols hands the socket over (without this listener Node closes it and nothing settles the
        // promise); keysmith speaks no other protocol, so the exchange ends here and the status reaches the
        // deserializer like any other non-2xx one. Other 1xx replies Node skips itself.
        started.once("upgrade", (res: IncomingMessage, socket) => {
          socket.destroy();
          finish();
          resolve({ response: new HttpResponse({ statusCode: res.statusCode ?? -1, reason: res.statusMessage, headers: flattenHeaders(res.headers), body: new Uint8Array(0) }) });
        });
        started.once("response", (res: IncomingMessage) => {
          response = res;
          res.once("close", finish);
          // The reader of the body sees a failure through its own listener; without one yet, it would be unhandled.
          res.on("error", () => {});
          resolve({
            response: new HttpResponse({
              statusCode: res.statusCode ?? -1,
              reason: res.statusMessage,
              headers: flattenHeaders(res.headers),
              body: res,
            }),
          });
        });
        started.end(request.body);
      } catch (error) {
        // Whatever throws (a header or body Node refuses) ends what was started: timers, listening, the request.
        finish();
        req?.destroy();
        reject(error);
      }
    });
  }

  /** Closes every pooled connection. The handler may be used again afterwards; it opens new ones. */
  destroy(): void {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
    this.httpAgent = undefined;
    this.httpsAgent = undefined;
  }

  /** v3's warning that calls queue for sockets: every socket to an origin busy, twice as many requests waiting. */
  private warnIfSocketsExhausted(agent: HttpAgent): void {
    const warning = this.socketWarning!;
    if (Date.now() - warning.lastAt < 15_000) return;
    for (const [origin, sockets] of Object.entries(agent.sockets)) {
      const inUse = sockets?.length ?? 0;
      const waiting = agent.requests[origin]?.length ?? 0;
      if (inUse >= agent.maxSockets && waiting >= 2 * agent.maxSockets) {
        warning.logger.warn(`keysmith: all ${inUse} sockets to ${origin} are in use and ${waiting} more requests wait for one; raise maxSockets or pass your own agent`);
        warning.lastAt = Date.now();
        return;
      }
    }
  }

  /** The agent given, or a keep-alive agent made with the options given. */
  private agent<A extends HttpAgent, O extends HttpAgentOptions>(given: A | O | undefined, Agent: new (options: O) => A): A {
    if (typeof (given as A | undefined)?.destroy === "function") return given as A;
    return new Agent({ keepAlive: true, maxSockets: this.maxSockets, ...(given as O | undefined) } as O);
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
