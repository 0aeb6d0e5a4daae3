// What differs under Node: hashing through node:crypto, node:http with keep-alive, the process environment, gzip,
// and the default credential chain, shared config files and instance metadata, loaded only when a client first needs them.
import { platform, release } from "node:os";
import type { AwsCredentialIdentityProvider, Provider, UserAgentPair } from "@smithy/types";
import { NodeHttpHandler, type NodeHttpHandlerOptions } from "../http/node-handler.js";
import type { CredentialChainInit } from "../node/credential-chain.js";
import type { ProfileSettings } from "../node/profile.js";
import { sharedFilesMayExist } from "../node/shared-file-paths.js";

export { NodeSha256 as Sha256, sha256Hex } from "../http/node-sha256.js";
export type { ProfileSettings };

export function readEnv(name: string): string | undefined {
  return process.env[name];
}

/** The official SDK's default chain (environment, SSO, shared files, credential_process, web identity, container, IMDSv2). */
export function defaultCredentials(init: CredentialChainInit = {}): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (properties) => {
    chain ??= import("../node/credential-chain.js").then((module) => module.defaultCredentialChain(init));
    return (await chain)(properties);
  };
}

/** A client's own handler: node:http, connecting within the defaults mode's timeout unless the options give one. */
export function defaultRequestHandler(options: NodeHttpHandlerOptions | undefined, modeConnectionTimeout: Provider<number | undefined>): NodeHttpHandler {
  return new NodeHttpHandler(options, modeConnectionTimeout);
}

/** The region of the EC2 instance the code runs on, as its metadata service says; undefined elsewhere. */
export async function instanceRegion(): Promise<string | undefined> {
  const module = await import("../node/instance-metadata.js");
  return module.instanceRegion();
}

/** The active profile's settings; without either shared file there is nothing to read, and the reader is not loaded. */
export async function profileSettings(profile?: string): Promise<ProfileSettings> {
  if (!sharedFilesMayExist()) return { serviceEndpointUrls: {} };
  const module = await import("../node/profile.js");
  return module.profileSettings(profile);
}

/** A body gzipped as the official SDK gzips it under Node: node:zlib at its defaults, loaded on first use. */
export async function gzip(body: string | Uint8Array): Promise<Uint8Array> {
  const zlib = await import("node:zlib");
  return new Promise((resolve, reject) => zlib.gzip(body, (error, result) => (error ? reject(error) : resolve(new Uint8Array(result.buffer, result.byteOffset, result.byteLength)))));
}

/**
 * The runtime as v3's user agent names it under Node: the OS and its release, the JavaScript runtime; and the
 * execution environment Lambda (and other AWS services) name in AWS_EXECUTION_ENV.
 */
export function userAgentRuntime(): { browser: boolean; sections: UserAgentPair[]; executionEnvironment?: string } {
  const versions = process.versions as Record<string, string | undefined>;
  const runtime = ["deno", "bun", "llrt"].find((name) => versions[name]) ?? "nodejs";
  const sections: UserAgentPair[] = [[`os/${platform()}`, osRelease()], ["lang/js"], [`md/${runtime}`, versions[runtime === "nodejs" ? "node" : runtime]]];
  return { browser: false, sections, executionEnvironment: process.env.AWS_EXECUTION_ENV || undefined };
}

/**
 * The OS release, or none where the runtime will not tell: Deno without `--allow-sys` throws, and v3 then fails the
 * call over a header, while keysmith sends it without the release.
 */
function osRelease(): string | undefined {
  try {
    return release();
  } catch {
    return undefined;
  }
}
