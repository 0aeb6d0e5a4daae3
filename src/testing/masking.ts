import type { Fixture } from "./fixture.js";

/** What a fixture holds in place of a secret. In a request pair it matches any value on replay. */
export const MASK = "<masked>";

/**
 * The masking rules, all of them. Names compare case-insensitively; a form pair is judged by the last part of its
 * name (`Credentials.SessionToken`).
 */
export const SECRETS = {
  /** Headers never written to a fixture: the SigV4 signature and the session token. */
  droppedHeaders: ["authorization", "x-amz-security-token"],
  /** Names whose values are replaced by MASK: XML elements, form pairs, and keys of `input` and `expect`. */
  maskedNames: ["SecretAccessKey", "SessionToken"],
} as const;

const maskedNames = new Set(SECRETS.maskedNames.map((name) => name.toLowerCase()));
const droppedHeaders = new Set<string>(SECRETS.droppedHeaders);

function isMaskedName(name: string): boolean {
  return maskedNames.has(name.toLowerCase());
}

/** The headers without those never recorded. */
function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !droppedHeaders.has(name.toLowerCase())));
}

function maskFormPairs(pairs: Array<[string, string]>): Array<[string, string]> {
  return pairs.map(([name, value]) => [name, isMaskedName(name.slice(name.lastIndexOf(".") + 1)) ? MASK : value]);
}

// An element named like a secret (namespace prefix and attributes allowed) holding text, CDATA included.
const secretElement = new RegExp(`<((?:[\\w.-]+:)?(?:${SECRETS.maskedNames.join("|")}))(\\s[^>]*)?>(?:<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|[^<])*</\\1\\s*>`, "gi");

const maskAsXmlText = MASK.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An XML body with the text of every secret element replaced by MASK, escaped so that it parses back to MASK. */
function maskXml(xml: string): string {
  return xml.replace(secretElement, (_element, name: string, attributes: string | undefined) => `<${name}${attributes ?? ""}>${maskAsXmlText}</${name}>`);
}

/** A JSON value with every member named like a secret replaced by MASK, at any depth. */
function maskValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskValues) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, isMaskedName(name) && member !== undefined ? MASK : maskValues(member)])) as T;
}

/** A fixture with every rule applied: fit to commit. `recordingHandler` applies it to what it writes. */
export function maskFixture(fixture: Fixture): Fixture {
  const masked: Fixture = {
    ...fixture,
    request: { ...fixture.request, body: maskFormPairs(fixture.request.body) },
    response: { ...fixture.response, headers: maskHeaders(fixture.response.headers), body: maskXml(fixture.response.body) },
  };
  if (fixture.input !== undefined) masked.input = maskValues(fixture.input);
  if (fixture.expect !== undefined) masked.expect = maskValues(fixture.expect);
  return masked;
}
