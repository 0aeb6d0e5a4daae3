// What differs outside Node: a pure-JS SHA-256, fetch, CompressionStream, and no environment, files or instance
// metadata to read.
import { Sha256 } from "@aws-crypto/sha256-js";
import { toHex } from "@smithy/core/serde";
import type { AwsCredentialIdentityProvider, UserAgentPair } from "@smithy/types";
import { CredentialsError } from "../config/credentials.js";
import type { ProfileSettings } from "../node/profile.js";

export { Sha256 };
export { FetchHttpHandler as DefaultHttpHandler } from "../http/fetch-handler.js";
export type { ProfileSettings };

/** The SHA-256 of a text's UTF-8 bytes, in hex. */
export async function sha256Hex(text: string): Promise<string> {
  const hash = new Sha256();
  hash.update(text);
  return toHex(await hash.digest());
}

export function readEnv(_name: string): string | undefined {
  return undefined;
}

export function defaultCredentials(_init?: object): AwsCredentialIdentityProvider {
  return async () => {
    throw new CredentialsError("No credentials: outside Node there is no default chain; pass `credentials` to the client");
  };
}

export async function profileSettings(_profile?: string): Promise<ProfileSettings> {
  return { serviceEndpointUrls: {} };
}

/** A body gzipped by the platform's CompressionStream (the official SDK bundles fflate for it). */
export async function gzip(body: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

interface UserAgentData {
  platform?: string;
  brands?: { brand: string; version: string }[];
}

/**
 * The runtime as v3's browser user agent names it, from what the page may read (User-Agent Client Hints); a page
 * cannot set User-Agent, so `browser` sends it all in x-amz-user-agent.
 */
export function userAgentRuntime(): { browser: boolean; sections: UserAgentPair[] } {
  const data = (globalThis.navigator as { userAgentData?: UserAgentData } | undefined)?.userAgentData;
  const brand = data?.brands?.at(-1);
  return { browser: true, sections: [[`os/${data?.platform || "other"}`], ["lang/js"], ["md/browser", `${brand?.brand ?? "unknown"}_${brand?.version ?? "unknown"}`]] };
}
