// Under Node, Bun and Deno: the embedded endpoint started in the runtime itself, as a test suite on that runtime
// starts it, and the rotation against it.
import { startLocalEndpoint } from "keysmith/local";
import { rotate } from "./rotation.mjs";

const server = await startLocalEndpoint();
try {
  const user = server.createUser("alice");
  const report = await rotate({ region: "us-east-1", endpoint: server.url, credentials: user }, user.userName);
  const [key] = server.listAccessKeys(user.userName).filter(({ accessKeyId }) => accessKeyId === report.accessKeyId);
  console.log(JSON.stringify({ ...report, statusAtTheEndpoint: key?.status }));
} finally {
  await server.close();
}
