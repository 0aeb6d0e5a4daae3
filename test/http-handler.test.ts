import { createServer } from "node:net";
import { HttpRequest } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { NodeHttpHandler } from "../src/http/node-handler.js";

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the Node request handler", () => {
  // node:https loads on the first https request; this pins that such a request still goes out over TLS's socket.
  it.each(["http:", "https:"])("sends a %s request (loading its module on first use) and reports a refused connection", async (protocol) => {
    const handler = new NodeHttpHandler();
    const request = new HttpRequest({ protocol, hostname: "127.0.0.1", port: await closedPort(), method: "POST", path: "/", headers: {}, body: "" });
    await expect(handler.handle(request)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    handler.destroy();
  });
});
