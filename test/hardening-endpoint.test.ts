// Hardening, the embedded endpoint: reachable only where the caller chose, and as strict as AWS where tests need it
// strict (the credential scope's region, the Authorization header's shape, connections and header time).
import net from "node:net";
import { describe, expect, it } from "vitest";
import { startLocalEndpoint } from "../src/entries/local.js";

/** Whether something accepts TCP connections at host:port (127.0.0.2 is loopback too, on Linux). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host, () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

describe("the embedded endpoint listens on loopback unless told otherwise by name", () => {
  it.each([
    { name: "no host", options: {} },
    { name: 'host ""', options: { host: "" } },
  ])("$name: 127.0.0.1 only, with a URL that works", async ({ options }) => {
    const server = await startLocalEndpoint(options);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(new URL(server.url).port);
      expect(await accepts("127.0.0.1", port)).toBe(true);
      // Bound to every interface, it would answer on 127.0.0.2 as on any other address of the machine.
      expect(await accepts("127.0.0.2", port)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it.each(["0.0.0.0", "::", "10.1.2.3", " "])("refuses host %j without exposeBeyondLoopback, naming the option", async (host) => {
    await expect(startLocalEndpoint({ host })).rejects.toThrow(
      `keysmith/local listens on loopback only, and host '${host}' is not a loopback address (127.x.x.x, ::1, localhost); pass exposeBeyondLoopback: true (keysmith-local: --expose-beyond-loopback) to let other machines reach it`,
    );
  });

  it("listens on every interface with exposeBeyondLoopback, and gives a URL clients can use", async () => {
    const server = await startLocalEndpoint({ host: "0.0.0.0", exposeBeyondLoopback: true });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await accepts("127.0.0.2", Number(new URL(server.url).port))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it.each([
    { host: "localhost", url: /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/ },
    { host: "127.0.0.2", url: /^http:\/\/127\.0\.0\.2:\d+$/ },
  ])("takes the loopback host $host as it is", async ({ host, url }) => {
    const server = await startLocalEndpoint({ host });
    try {
      expect(server.url).toMatch(url);
    } finally {
      await server.close();
    }
  });
});
