/**
 * Lockdown: while a cassette in `lockdown` mode is open, nothing leaves the process — not the cassette's requests, not
 * a client's the test forgot to give the cassette's handler, not anything else. Every TCP and IPC connection goes
 * through `net.Socket#connect` (node:http, node:https, node:http2, TLS and fetch alike), so refusing there refuses them
 * all; and what is written on an outgoing connection opened before (a keep-alive one of an earlier test) is refused
 * too. An HTTP/2 session writes to its connection from native code, past `Socket#_write`: a request on a session
 * opened before is refused where it starts, `ClientHttp2Session#request`.
 */
import { connect as connectHttp2, type ClientHttp2Session } from "node:http2";
import { Socket } from "node:net";
import { Duplex } from "node:stream";

/** A connection refused in lockdown. It reaches the caller as the connection's error, and the cassette's `done()` reports it again. */
export class NetworkRefusedError extends Error {
  override readonly name = "NetworkRefusedError";

  constructor(readonly target: string) {
    super(`KEYSMITH_FIXTURES=lockdown refuses every connection, and this test used one to ${target}: replay it from its cassette, or record one with KEYSMITH_FIXTURES=record`);
  }
}

type Connect = typeof Socket.prototype.connect;
type Write = NonNullable<typeof Socket.prototype._write>;
type Writev = NonNullable<typeof Socket.prototype._writev>;

const originalConnect: Connect = Socket.prototype.connect;
const originalWrite: Write = Socket.prototype._write;
const originalWritev: Writev = Socket.prototype._writev!;
/** ClientHttp2Session's prototype (node:http2 does not export the class), found at the first lockdown. */
let http2Session: { prototype: ClientHttp2Session; request: ClientHttp2Session["request"] } | undefined;
/** The refusals of each open lockdown; the guard is installed while there is at least one. */
const openLockdowns = new Set<string[]>();

/** Refuses every connection until the returned function is called; that returns the targets refused meanwhile. */
export function refuseNetwork(): () => string[] {
  const refused: string[] = [];
  openLockdowns.add(refused);
  http2Session ??= findHttp2Session();
  Object.assign(Socket.prototype, { connect: refusingConnect, _write: refusingWrite, _writev: refusingWritev });
  http2Session.prototype.request = refusingHttp2Request;
  return () => {
    if (openLockdowns.delete(refused) && openLockdowns.size === 0) {
      Object.assign(Socket.prototype, { connect: originalConnect, _write: originalWrite, _writev: originalWritev });
      http2Session!.prototype.request = http2Session!.request;
    }
    return refused;
  };
}

/** From a session over a stream that leads nowhere, closed at once: no connection is made. */
function findHttp2Session(): NonNullable<typeof http2Session> {
  const session = connectHttp2("http://lockdown.invalid", { createConnection: () => new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() }) });
  session.on("error", () => {});
  session.destroy();
  const prototype = Object.getPrototypeOf(session) as ClientHttp2Session;
  return { prototype, request: prototype.request };
}

function refuse(target: string): NetworkRefusedError {
  for (const refused of openLockdowns) refused.push(target);
  return new NetworkRefusedError(target);
}

const refusingConnect = function (this: Socket, ...args: unknown[]): Socket {
  const error = refuse(describeTarget(args));
  // As a refused connection would: the error arrives asynchronously, on the socket.
  process.nextTick(() => this.destroy(error));
  return this;
} as Connect;

// The write fails with the error, which destroys the socket. A server's sockets (the embedded endpoint's, say) were
// accepted, not opened, and pipes (stdio, a test runner's channel) have no peer port: they write as ever.
const refusingWrite: Write = function (this: Socket, chunk, encoding, callback) {
  if (!isOutgoing(this)) return originalWrite.call(this, chunk, encoding, callback);
  callback(refuse(`${this.remoteAddress}:${this.remotePort}`));
};

const refusingWritev: Writev = function (this: Socket, chunks, callback) {
  if (!isOutgoing(this)) return originalWritev.call(this, chunks, callback);
  callback(refuse(`${this.remoteAddress}:${this.remotePort}`));
};

// Thrown: HTTP/2 handlers (v3's among them) start the request inside their promise, which it rejects.
const refusingHttp2Request = function (this: ClientHttp2Session): never {
  throw refuse(`${this.socket?.remoteAddress}:${this.socket?.remotePort}`);
} as ClientHttp2Session["request"];

/** A TCP connection this process opened: it has a peer's port, and no server accepted it. */
function isOutgoing(socket: Socket): boolean {
  const { server, _tlsOptions } = socket as Socket & { server?: unknown; _tlsOptions?: { isServer?: boolean } };
  return socket.remotePort !== undefined && server == null && _tlsOptions?.isServer !== true;
}

/** `host:port` or the IPC path, from any of connect's argument forms (net.connect passes them as one array). */
function describeTarget(args: unknown[]): string {
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === "object" && first !== null) {
    const options = first as { path?: string; host?: string; port?: number | string };
    return options.path ?? `${options.host ?? "localhost"}:${options.port}`;
  }
  if (typeof first === "string" && Number.isNaN(Number(first))) return first;
  return `${typeof second === "string" ? second : "localhost"}:${first}`;
}
