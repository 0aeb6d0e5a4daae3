import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { readEnv } from "#platform";

export type CredentialsInput = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/**
 * The official SDK's `credentialDefaultProvider` option: called once, with the client's configuration (and that
 * configuration again as `parentClientConfig`), for the provider to use when the client is given no `credentials`.
 */
export type CredentialDefaultProvider = (input?: any) => AwsCredentialIdentityProvider;

/** Credentials this close to expiring are fetched again before use, so a request never goes out stale. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Turns the `credentials` option (or the default chain) into a provider that caches what it got, shares one fetch
 * between concurrent callers, and fetches again shortly before the credentials expire. Each fetch passes
 * `{ callerClientConfig }`, as the official SDK does, so a provider such as its `fromIni()` sees the client's
 * profile, region and logger.
 */
export function resolveCredentials(input: CredentialsInput, callerClientConfig: () => object, now: () => number = Date.now): AwsCredentialIdentityProvider {
  if (typeof input !== "function") {
    // Checked at the first call, as v3 reads it then: a client may be made before its credentials are set.
    let fixed: Promise<AwsCredentialIdentity> | undefined;
    return () => (fixed ??= Promise.resolve(input).then(checkedIdentity));
  }
  const source = input;
  let current: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    if (current !== undefined && !expiresSoon(current, now())) return Promise.resolve(current);
    inFlight ??= Promise.resolve()
      .then(() => source({ callerClientConfig: callerClientConfig() }))
      .then((identity) => (current = checkedIdentity(identity)))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
}

/**
 * The identity `client.config.credentials` gives now: its provider's, or, checked, an identity a user put there in its
 * place, which v3 also takes.
 */
export function currentIdentity(credentials: CredentialsInput): Promise<AwsCredentialIdentity> {
  return typeof credentials === "function" ? credentials() : Promise.resolve(credentials).then(checkedIdentity);
}

/**
 * The identity as the signer and the refresh read it, else a TypeError naming the field that is wrong, before
 * anything is sent (v3 fails inside its signer or its expiry check). Only the kind of a value is said, never the value.
 */
function checkedIdentity(identity: AwsCredentialIdentity): AwsCredentialIdentity {
  if (identity === null || typeof identity !== "object") throw wrongIdentity("the identity must be an object with accessKeyId and secretAccessKey", identity);
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = identity;
  if (typeof accessKeyId !== "string") throw wrongIdentity("accessKeyId must be text", accessKeyId);
  if (typeof secretAccessKey !== "string") throw wrongIdentity("secretAccessKey must be text", secretAccessKey);
  if (sessionToken != null && typeof sessionToken !== "string") throw wrongIdentity("sessionToken must be text when given", sessionToken);
  if (expiration != null && typeof expiration.getTime !== "function") throw wrongIdentity("expiration must be a Date when given", expiration);
  return identity;
}

function wrongIdentity(rule: string, value: unknown): TypeError {
  const kind = value == null ? String(value) : typeof value === "object" ? "an object" : `a ${typeof value}`;
  return new TypeError(`credentials: ${rule} (got ${kind})`);
}

export function expiresSoon(identity: AwsCredentialIdentity, now: number): boolean {
  return identity.expiration !== undefined && identity.expiration.getTime() - now < REFRESH_MARGIN_MS;
}

/**
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary keys, AWS_SESSION_TOKEN; with AWS_CREDENTIAL_EXPIRATION,
 * AWS_CREDENTIAL_SCOPE and AWS_ACCOUNT_ID when set, as v3 reads them.
 */
export async function fromEnvironment(): Promise<AwsCredentialIdentity> {
  const accessKeyId = readEnv("AWS_ACCESS_KEY_ID");
  const secretAccessKey = readEnv("AWS_SECRET_ACCESS_KEY");
  if (!accessKeyId || !secretAccessKey) {
    throw new CredentialsError(
      "No credentials: pass `credentials` to the client, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment",
    );
  }
  const sessionToken = readEnv("AWS_SESSION_TOKEN");
  const expiration = readEnv("AWS_CREDENTIAL_EXPIRATION");
  const credentialScope = readEnv("AWS_CREDENTIAL_SCOPE");
  const accountId = readEnv("AWS_ACCOUNT_ID");
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration: new Date(expiration) } : {}),
    ...(credentialScope ? { credentialScope } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

export class CredentialsError extends Error {
  override readonly name = "CredentialsProviderError";
  /**
   * Whether a chain may go on to the next source (the official SDK's `tryNextLink`): true when this source is simply
   * not configured, false when it is configured but failed, since another source would sign as someone else.
   */
  readonly tryNextLink: boolean;

  constructor(message: string, options: { tryNextLink?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.tryNextLink = options.tryNextLink ?? true;
  }
}
