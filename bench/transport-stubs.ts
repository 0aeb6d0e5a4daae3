// The two in-process transports of the per-call measurement, both answering every request at once with the canned
// response for its Action:
// - at each client's own seam: a smithy `requestHandler` for keysmith and v3; for aws-lite, which has none (its
//   testing mode returns the mock before signing or parsing anything), `request` of node:http and node:https, the
//   one function its transport calls;
// - under node:http, for all three alike: every `http.Agent` gets in-memory sockets, so each client's own Node
//   handler and node:http's request writer and response parser run as over a network, with no network.
import { EventEmitter } from "node:events";
import http from "node:http";
import https from "node:https";
import { Duplex } from "node:stream";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { actionOf, CANNED_BODIES, CANNED_HEADERS } from "./canned.js";

export const STUBS = ["seam", "socket"] as const;
export type Stub = (typeof STUBS)[number];

/** A smithy request handler that answers from memory. */
export const answeringHandler = {
  async handle(request: HttpRequest) {
    const body = typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body as Uint8Array);
    return { response: new HttpResponse({ statusCode: 200, headers: { ...CANNED_HEADERS }, body: CANNED_BODIES[actionOf(body)] }) };
  },
};

/**
 * Replaces `request` of node:http and node:https with one that answers from memory: the response is an emitter of the
 * body's one chunk, as a handler's in-memory body is one array of bytes.
 */
export function answerNodeRequests(): void {
  const request = (_options: unknown, onResponse: (response: EventEmitter) => void) => {
    const clientRequest = new EventEmitter();
    return Object.assign(clientRequest, {
      end(body: string) {
        const payload = Buffer.from(CANNED_BODIES[actionOf(body)]);
        const response = Object.assign(new EventEmitter(), { statusCode: 200, headers: { ...CANNED_HEADERS, "content-length": String(payload.byteLength) } });
        process.nextTick(() => {
          onResponse(response);
          response.emit("data", payload);
          response.emit("end");
        });
      },
    });
  };
  Object.assign(http, { request });
  Object.assign(https, { request });
}

/** Gives every node:http agent in-memory sockets that answer each request. Clients must use an http: endpoint. */
export function answerOnSockets(): void {
  http.Agent.prototype.createConnection = () => new AnsweringSocket() as never;
}

const HEAD_END = "\r\n\r\n";

/** The socket side of a keep-alive connection to a server that answers at once. */
class AnsweringSocket extends Duplex {
  readonly connecting = false;
  private received = "";

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    this.received += chunk.toString("latin1");
    let request: string | undefined;
    while ((request = this.takeRequest()) !== undefined) {
      const payload = CANNED_BODIES[actionOf(request)];
      const head = Object.entries({ ...CANNED_HEADERS, "content-length": payload.byteLength, connection: "keep-alive" })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("");
      process.nextTick(() => this.push(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\n${head}\r\n`, "latin1"), payload])));
    }
    done();
  }

  override _read(): void {}

  /** The body of the first complete request received, removed from the buffer; undefined while incomplete. */
  private takeRequest(): string | undefined {
    const headEnd = this.received.indexOf(HEAD_END);
    if (headEnd < 0) return undefined;
    const length = /\r\ncontent-length: *(\d+)/i.exec(this.received.slice(0, headEnd))?.[1];
    if (length === undefined) throw new Error("the in-memory socket reads only requests with a content-length");
    const end = headEnd + HEAD_END.length + Number(length);
    if (this.received.length < end) return undefined;
    const body = this.received.slice(headEnd + HEAD_END.length, end);
    this.received = this.received.slice(end);
    return body;
  }

  // What node:http's agent asks of a net.Socket; nothing to do in memory.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
