// What differs under Node: hashing through node:crypto, node:http with keep-alive, and the process environment.
export { NodeSha256 as Sha256 } from "../node/sha256.js";
export { NodeHttpHandler as DefaultHttpHandler } from "../node/http-handler.js";

export function readEnv(name: string): string | undefined {
  return process.env[name];
}
