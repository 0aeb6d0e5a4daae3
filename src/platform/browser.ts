// What differs outside Node: a pure-JS SHA-256, fetch, and no environment, files or instance metadata to read.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { CredentialsError } from "../config/credentials.js";
import type { ProfileSettings } from "../node/profile.js";

export { Sha256 } from "@aws-crypto/sha256-js";
export { FetchHttpHandler as DefaultHttpHandler } from "../http/fetch-handler.js";
export type { ProfileSettings };

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
