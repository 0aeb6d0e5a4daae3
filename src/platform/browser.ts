// What differs outside Node: a pure-JS SHA-256, fetch, CompressionStream, and no environment, files or instance
// metadata to read.
import { Sha256 } from "@aws-crypto/sha256-js";
import { toHex } from "@smithy/core/serde";
import type { AwsCredentialIdentityProvider, UserAgentPair } from "@smithy/types";
import { CredentialsError } from "../config/credentials.js";
import { FetchHttpHandler, type FetchHttpHandlerOptions } from "../http/fetch-handler.js";
import type { ProfileSettings } from "../node/profile.js";

export { Sha256 };
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

/** A client's own handler: fetch, which has no connection timeout, so a defaults mode changes nothing here (as in v3). */
export function defaultRequestHandler(options: FetchHttpHandlerOptions | undefined, _modeConnectionTimeout: unknown): FetchHttpHandler {
  return new FetchHttpHandler(options);
}

/** No instance metadata to ask outside Node: "auto" is "standard". */
export async function instanceRegion(): Promise<undefined> {
  return undefined;
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

/** The first pattern a User-Agent string matches names the OS or browser: where there are no Client Hints. */
const osOfUserAgent: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Macintosh|Mac OS X/, "macOS"],
  [/Windows NT/, "Windows"],
  [/Android/, "Android"],
  [/Linux/, "Linux"],
];
const browserOfUserAgent: [RegExp, string][] = [
  [/EdgiOS|EdgA|Edg\//, "Microsoft Edge"],
  [/Firefox\//, "Firefox"],
  [/Chrome\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const nameIn = (userAgent: string, names: [RegExp, string][]) => names.find(([pattern]) => pattern.test(userAgent))?.[1];

/**
 * The runtime as v3's browser user agent names it, from what the page may read: User-Agent Client Hints, or where a
 * browser has none (Firefox, Safari) the User-Agent string. A page cannot set User-Agent, so `browser` sends it all in
 * x-amz-user-agent.
 */
export function userAgentRuntime(): { browser: boolean; sections: UserAgentPair[] } {
  const navigator = globalThis.navigator as { userAgent?: string; userAgentData?: UserAgentData } | undefined;
  const userAgent = navigator?.userAgent ?? "";
  const data = navigator?.userAgentData;
  const brand = data?.brands?.at(-1);
  const os = data?.platform ?? nameIn(userAgent, osOfUserAgent) ?? "other";
  const browser = brand?.brand ?? nameIn(userAgent, browserOfUserAgent) ?? "unknown";
  return { browser: true, sections: [[`os/${os}`], ["lang/js"], ["md/browser", `${browser}_${brand?.version ?? "unknown"}`]] };
}
