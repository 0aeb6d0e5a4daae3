// A local stand-in for IAM and STS, run as its own process (so the client process is measured alone): it answers
// every POST with the canned response for its Action over keep-alive connections. It checks no signature: the
// benchmark measures clients, not this server. Prints its endpoint on the first line of stdout.
import { createServer } from "node:http";
import { actionOf, CANNED_BODIES, CANNED_HEADERS } from "./canned.js";

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  let body = "";
  request.setEncoding("utf8");
  request.on("data", (chunk: string) => (body += chunk));
  request.on("end", () => {
    const payload = CANNED_BODIES[actionOf(body)];
    response.writeHead(200, { ...CANNED_HEADERS, "content-length": payload.byteLength });
    response.end(payload);
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  console.log(`http://127.0.0.1:${address.port}`);
});
