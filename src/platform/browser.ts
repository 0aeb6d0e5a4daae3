// What differs outside Node: a pure-JS SHA-256, fetch, and no environment to read.
export { Sha256 } from "@aws-crypto/sha256-js";
export { FetchHttpHandler as DefaultHttpHandler } from "../browser/fetch-handler.js";

export function readEnv(_name: string): string | undefined {
  return undefined;
}
