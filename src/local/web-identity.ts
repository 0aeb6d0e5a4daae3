/**
 * OpenID Connect tokens as STS AssumeRoleWithWebIdentity checks them: a JWT signed (RS256 or ES256) by the key of a
 * provider the account registered for the token's issuer, for one of that provider's audiences, not yet expired.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { ServiceError } from "./errors.js";

export interface OpenIdProvider {
  /** arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH */
  arn: string;
  /** The `iss` of its tokens, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/ABC. */
  issuer: string;
  /** Accepted `aud` values (IAM's client id list). */
  audiences: string[];
  publicKey: KeyObject;
}

export interface VerifiedToken {
  provider: OpenIdProvider;
  subject: string;
  audience: string;
}

const ALGORITHMS: Record<string, { keyType: string; dsaEncoding?: "ieee-p1363" }> = {
  RS256: { keyType: "rsa" },
  ES256: { keyType: "ec", dsaEncoding: "ieee-p1363" },
};

/** The provider ARN IAM gives an issuer: its URL without the scheme. */
export function openIdProviderArn(accountId: string, issuer: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${issuer.replace(/^https:\/\//, "")}`;
}

export function publicKeyOf(key: KeyObject | string): KeyObject {
  return typeof key === "string" ? createPublicKey(key) : key;
}

/** Checks `token` at `nowMs`; throws InvalidIdentityToken or ExpiredTokenException as STS does. */
export function verifyWebIdentityToken(token: string, providers: ReadonlyMap<string, OpenIdProvider>, nowMs: number): VerifiedToken {
  const parts = token.split(".");
  const header = parts.length === 3 ? decodeJson(parts[0]!) : undefined;
  const claims = parts.length === 3 ? decodeJson(parts[1]!) : undefined;
  if (!header || !claims) throw invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
  const provider = typeof claims.iss === "string" ? providers.get(claims.iss) : undefined;
  if (!provider) throw invalidToken(`No OpenIDConnect provider found in your account for ${String(claims.iss)}`);
  const algorithm = typeof header.alg === "string" && Object.hasOwn(ALGORITHMS, header.alg) ? ALGORITHMS[header.alg]! : undefined;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2]!, "base64url");
  if (!algorithm || algorithm.keyType !== provider.publicKey.asymmetricKeyType || !signatureHolds(signed, signature, provider.publicKey, algorithm.dsaEncoding)) {
    throw invalidToken("Couldn't verify the signature of the token");
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const audience = audiences.find((candidate): candidate is string => typeof candidate === "string" && provider.audiences.includes(candidate));
  if (audience === undefined) throw invalidToken("Incorrect token audience");
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= nowMs) {
    throw new ServiceError(400, "ExpiredTokenException", "Token expired: current date/time must be before the expiration date/time.");
  }
  if (typeof claims.sub !== "string") throw invalidToken("The token has no subject (sub)");
  return { provider, subject: claims.sub, audience };
}

function signatureHolds(signed: Buffer, signature: Buffer, key: KeyObject, dsaEncoding: "ieee-p1363" | undefined): boolean {
  try {
    return verify("sha256", signed, { key, dsaEncoding }, signature);
  } catch {
    // A signature of the wrong length for the key.
    return false;
  }
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function invalidToken(message: string): ServiceError {
  return new ServiceError(400, "InvalidIdentityToken", message);
}
