/**
 * The SigV4 `Authorization` header, read as AWS reads it: the algorithm, then `Name=value` components separated by
 * commas or spaces. The embedded endpoint verifies requests with it, and the fixture kit reads the scope a request
 * was signed for and the signature it must keep out of recordings.
 */

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
/** The last part of every SigV4 credential scope. */
export const SIGV4_TERMINATOR = "aws4_request";

export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

/** A header that is not a list of `Name=value` components, each named once; the message is AWS's wording. */
export class AuthorizationFormatError extends Error {
  override readonly name = "AuthorizationFormatError";
}

/**
 * The components of a SigV4 header by name (`Credential`, `SignedHeaders`, `Signature`). Another algorithm, a
 * component without `=` (the second header's algorithm, when two Authorization headers were joined) or one named
 * twice (a second `Signature=`) is an AuthorizationFormatError rather than a guess at which one was meant.
 */
export function readAuthorization(header: string): Map<string, string> {
  const space = header.indexOf(" ");
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) throw new AuthorizationFormatError(`Unsupported AWS 'algorithm': '${algorithm}'. Use ${SIGV4_ALGORITHM}.`);
  const components = new Map<string, string>();
  for (const part of header.slice(algorithm.length).split(/[\s,]+/)) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    if (equals === -1) throw new AuthorizationFormatError(`'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`);
    const name = part.slice(0, equals);
    if (components.has(name)) throw new AuthorizationFormatError(`'${name}' is repeated in Authorization header: '${header}'.`);
    components.set(name, part.slice(equals + 1));
  }
  return components;
}

/** `AKID/20261123/us-east-1/iam/aws4_request` as its parts; undefined unless it has exactly those five, all set. */
export function credentialParts(credential: string): (CredentialScope & { accessKeyId: string; terminator: string }) | undefined {
  const [accessKeyId, date, region, service, terminator, ...extra] = credential.split("/");
  if (terminator === undefined || extra.length > 0 || !accessKeyId || !date || !region || !service) return undefined;
  return { accessKeyId, date, region, service, terminator };
}

/**
 * The scope an Authorization header claims (`Credential=AKID/20261123/us-east-1/iam/aws4_request`), unverified:
 * which service a request was signed for, before or without checking the signature. Undefined when the header is
 * not a well-formed SigV4 header naming a complete scope.
 */
export function claimedScope(authorization: string | undefined): CredentialScope | undefined {
  const credential = readableComponents(authorization)?.get("Credential");
  const parts = credential === undefined ? undefined : credentialParts(credential);
  if (parts === undefined || parts.terminator !== SIGV4_TERMINATOR) return undefined;
  return { date: parts.date, region: parts.region, service: parts.service };
}

/** The signature an Authorization header carries, unverified, if it is a well-formed SigV4 header. */
export function claimedSignature(authorization: string | undefined): string | undefined {
  return readableComponents(authorization)?.get("Signature") || undefined;
}

function readableComponents(authorization: string | undefined): Map<string, string> | undefined {
  if (authorization === undefined) return undefined;
  try {
    return readAuthorization(authorization);
  } catch (error) {
    if (error instanceof AuthorizationFormatError) return undefined;
    throw error;
  }
}
