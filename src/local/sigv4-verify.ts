/**
 * Server-side SigV4 (AWS4-HMAC-SHA256, Authorization header form): rebuilds the canonical request
 * from what arrived on the wire, recomputes the signature with the stored secret and compares.
 * It shares no code with any client signer, so a signing bug cannot verify itself.
 * Failures are ServiceErrors with the codes and wording AWS uses.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { uriEncode } from "../endpoint/functions.js";
import { AuthorizationFormatError, credentialParts, readAuthorization, SIGV4_ALGORITHM, SIGV4_TERMINATOR, type CredentialScope } from "../http/sigv4-authorization.js";
import { ServiceError, invalidClientTokenId } from "./errors.js";
import type { AccessKeyRecord } from "./store.js";

/** A request as received, before any interpretation. */
export interface ReceivedRequest {
  method: string;
  /** The request target: path and optional `?query`, still percent-encoded. */
  target: string;
  /** Header names and values in arrival order, as node's `rawHeaders`. */
  rawHeaders: readonly string[];
  body: Buffer;
}

export interface VerifiedRequest {
  key: AccessKeyRecord;
  scope: CredentialScope;
}

/** How far the request time may be from the server clock, either way. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Checks the signature of `request` against the key `findKey` returns, at server time `serverNow`
 * (ms). Returns the signing key and scope, or throws a ServiceError. The checks run from cheap and
 * key-independent (shape, time) to key-dependent (status, session token, signature).
 */
export function verifySigV4(
  request: ReceivedRequest,
  findKey: (accessKeyId: string) => AccessKeyRecord | undefined,
  serverNow: number,
): VerifiedRequest {
  const headers = groupHeaders(request.rawHeaders);
  const authorizations = headers.get("authorization");
  if (authorizations === undefined) {
    throw new ServiceError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  // Two Authorization headers are one list to HTTP, joined by a comma; the second's algorithm then reads as a
  // component without '=', and AWS refuses it so. Taking either one would be a guess.
  const auth = parseAuthorization(authorizations.join(", "), headers.get("x-amz-date")?.[0]);
  const requestTime = parseAmzDate(auth.amzDate);

  const parts = credentialParts(auth.credential);
  if (parts === undefined) {
    throw new ServiceError(
      403,
      "IncompleteSignature",
      `Credential should have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${auth.credential}'`,
    );
  }
  const { accessKeyId, date, region, service, terminator } = parts;
  if (terminator !== SIGV4_TERMINATOR) {
    throw signatureDoesNotMatch(`Credential should be scoped with a valid terminator: '${SIGV4_TERMINATOR}', not '${terminator}'.`);
  }
  if (!auth.signedHeaders.includes("host")) {
    // Without a signed Host the signature could be replayed against another endpoint.
    throw new ServiceError(403, "IncompleteSignature", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  checkRequestTime(auth.amzDate, requestTime, serverNow);
  if (date !== auth.amzDate.slice(0, 8)) {
    throw signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`,
    );
  }

  const key = findKey(accessKeyId);
  // An Inactive key is refused exactly like an unknown one: that is what deactivation is for.
  if (!key || key.status !== "Active") throw invalidClientTokenId();
  checkSessionToken(key, headers.get("x-amz-security-token")?.[0], serverNow);

  const scope = { date, region, service };
  const expected = signature(key.secretAccessKey, auth.amzDate, scope, canonicalRequest(request, headers, auth.signedHeaders));
  if (!sameText(expected, auth.signature)) {
    throw signatureDoesNotMatch(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
  return { key, scope };
}

export function signatureDoesNotMatch(message: string): ServiceError {
  return new ServiceError(403, "SignatureDoesNotMatch", message);
}

interface ParsedAuthorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
}

function parseAuthorization(header: string, amzDate: string | undefined): ParsedAuthorization {
  let components;
  try {
    components = readAuthorization(header);
  } catch (error) {
    if (error instanceof AuthorizationFormatError) throw new ServiceError(403, "IncompleteSignature", error.message);
    throw error;
  }
  const credential = components.get("Credential");
  const signedHeaders = components.get("SignedHeaders");
  const signature = components.get("Signature");
  if (!credential || !signedHeaders || !signature || amzDate === undefined) {
    const missing = [
      !credential && "Authorization header requires 'Credential' parameter.",
      !signature && "Authorization header requires 'Signature' parameter.",
      !signedHeaders && "Authorization header requires 'SignedHeaders' parameter.",
      amzDate === undefined && "Authorization header requires existence of a 'X-Amz-Date' header.",
    ].filter(Boolean);
    throw new ServiceError(403, "IncompleteSignature", `${missing.join(" ")} Authorization=${header}`);
  }
  return { credential, signedHeaders: signedHeaders.toLowerCase().split(";"), signature, amzDate };
}

/** `YYYYMMDDTHHMMSSZ` to epoch ms, rejecting anything that does not round-trip. */
function parseAmzDate(amzDate: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  const time = match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) : NaN;
  if (Number.isNaN(time) || basicIso(time) !== amzDate) {
    throw new ServiceError(
      403,
      "IncompleteSignature",
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return time;
}

function checkRequestTime(amzDate: string, requestTime: number, serverNow: number): void {
  if (requestTime < serverNow - MAX_SKEW_MS) {
    throw signatureDoesNotMatch(
      `Signature expired: ${amzDate} is now earlier than ${basicIso(serverNow - MAX_SKEW_MS)} (${basicIso(serverNow)} - 15 min.)`,
    );
  }
  if (requestTime > serverNow + MAX_SKEW_MS) {
    throw signatureDoesNotMatch(
      `Signature not yet current: ${amzDate} is still later than ${basicIso(serverNow + MAX_SKEW_MS)} (${basicIso(serverNow)} + 15 min.)`,
    );
  }
}

/** Session keys need their own token; long-term keys must not carry one. */
function checkSessionToken(key: AccessKeyRecord, token: string | undefined, serverNow: number): void {
  if (!key.session) {
    if (token !== undefined) throw invalidClientTokenId();
    return;
  }
  if (token === undefined || !sameText(token, key.session.token)) throw invalidClientTokenId();
  if (serverNow >= key.session.expiration.getTime()) {
    throw new ServiceError(400, "ExpiredToken", "The security token included in the request is expired");
  }
}

function canonicalRequest(request: ReceivedRequest, headers: Map<string, string[]>, signedHeaders: string[]): string {
  const question = request.target.indexOf("?");
  const path = question === -1 ? request.target : request.target.slice(0, question);
  const query = question === -1 ? "" : request.target.slice(question + 1);
  return [
    request.method,
    // The path arrives encoded once; SigV4 (outside S3) encodes each segment once more.
    path.split("/").map(uriEncode).join("/"),
    canonicalQuery(query),
    ...signedHeaders.map((name) => `${name}:${(headers.get(name) ?? []).map(trimValue).join(",")}`),
    "",
    signedHeaders.join(";"),
    // Always the hash of the bytes received, whatever x-amz-content-sha256 claims.
    sha256Hex(request.body),
  ].join("\n");
}

function canonicalQuery(query: string): string {
  return query
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? "" : pair.slice(equals + 1);
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))] as const;
    })
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function signature(secret: string, amzDate: string, scope: CredentialScope, canonical: string): string {
  const scopeText = `${scope.date}/${scope.region}/${scope.service}/${SIGV4_TERMINATOR}`;
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scopeText, sha256Hex(canonical)].join("\n");
  let key: Buffer = Buffer.from(`AWS4${secret}`, "utf8");
  for (const part of [scope.date, scope.region, scope.service, SIGV4_TERMINATOR]) key = hmac(key, part);
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

/** Lower-cased header name → values in arrival order (repeated headers keep every value). */
function groupHeaders(rawHeaders: readonly string[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    grouped.set(name, [...(grouped.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  return grouped;
}

function trimValue(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function basicIso(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** Constant-time comparison, so response timing does not leak how much of a secret matched. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
