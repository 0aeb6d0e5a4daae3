/**
 * Lockdown: while a cassette in `lockdown` mode is open, no connection leaves the process — not the cassette's, not
 * a client the test forgot to give the cassette's handler, not anything else. Every TCP and IPC connection goes
 * through `net.Socket#connect` (node:http, node:https, TLS and fetch alike), so refusing there refuses them all.
 */
import { Socket } from "node:net";

/** A connection refused in lockdown. It reaches the caller as the connection's error, and the cassette's `done()` reports it again. */
export class NetworkRefusedError extends Error {
  override readonly name = "NetworkRefusedError";

  constructor(readonly target: string) {
    super(`KEYSMITH_FIXTURES=lockdown refuses every connection, and this test opened one to ${target}: replay it from its cassette, or record one with KEYSMITH_FIXTURES=record`);
  }
}

type Connect = typeof Socket.prototype.connect;

const originalConnect: Connect = Socket.prototype.connect;
/** The refusals of each open lockdown; the guard is installed while there is at least one. */
const openLockdowns = new Set<string[]>();

/** Refuses every connection until the returned function is called; that returns the targets refused meanwhile. */
export function refuseNetwork(): () => string[] {
  const refused: string[] = [];
  openLockdowns.add(refused);
  Socket.prototype.connect = refusingConnect;
  return () => {
    if (openLockdowns.delete(refused) && openLockdowns.size === 0) Socket.prototype.connect = originalConnect;
    return refused;
  };
}

const refusingConnect = function (this: Socket, ...args: unknown[]): Socket {
  const target = describeTarget(args);
  for (const refused of openLockdowns) refused.push(target);
  // As a refused connection would: the error arrives asynchronously, on the socket.
  process.nextTick(() => this.destroy(new NetworkRefusedError(target)));
  return this;
} as Connect;

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
