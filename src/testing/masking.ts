import type { MemberSchema, QueryOperation, StructureSchema } from "../contract.js";
import { normalizeLineEnds, parseXmlDocument, XmlParseError, xmlText, type XmlValue } from "../protocol/xml.js";
import { redact } from "../schema/redact.js";
import type { Fixture } from "./fixture.js";

/** What a fixture holds in place of a secret. In a request pair it matches any value on replay. */
export const MASK = "<masked>";

/**
 * What masking knows of each operation, by service signing name and operation name: its generated schemas, whose
 * `@sensitive` members are the secrets. `keysmith/testing` passes keysmith's own IAM and STS operations.
 */
export type OperationSchemas = Readonly<Record<string, { readonly operations: Readonly<Record<string, Pick<QueryOperation<object, object>, "inputSchema" | "outputSchema">>> }>>;

/** Credentials are no model member: the SigV4 signature and the session token travel in headers, never recorded. */
const CREDENTIAL_HEADERS = new Set(["authorization", "x-amz-security-token"]);

/** The operation's schemas; throws for an operation masking knows nothing of, whose secrets it cannot tell. */
export function schemasOf(schemas: OperationSchemas, service: string, operation: string): Pick<QueryOperation<object, object>, "inputSchema" | "outputSchema"> {
  const operations = Object.hasOwn(schemas, service) ? schemas[service]!.operations : undefined;
  if (operations === undefined || !Object.hasOwn(operations, operation)) {
    throw new TypeError(`keysmith/testing masks the @sensitive members of the operations it has schemas for, and ${service} ${operation} is not one of them`);
  }
  return operations[operation]!;
}

/**
 * A fixture fit to commit: every `@sensitive` member of the operation's input and output replaced by MASK — in the
 * form pairs, the response XML, `input` and `expect.output` — the credential headers left out, and credentials a
 * server echoed (a `Signature=` or `X-Amz-Security-Token=` value, or any of `echoed`: the request's own signature and
 * session token, which `recordingHandler` passes) masked wherever the response holds them.
 * `recordingHandler` applies it to what it writes.
 */
export function maskFixture(schemas: OperationSchemas, fixture: Fixture, echoed: readonly string[] = []): Fixture {
  const { inputSchema, outputSchema } = schemasOf(schemas, fixture.service, fixture.operation);
  const literals = echoed.filter((value) => value.length >= MIN_ECHOED_LENGTH);
  const masked: Fixture = {
    ...fixture,
    request: { ...fixture.request, body: inputSchema ? maskFormPairs(inputSchema, fixture.request.body) : fixture.request.body },
    response: {
      ...fixture.response,
      headers: Object.fromEntries(Object.entries(withoutCredentials(fixture.response.headers)).map(([name, value]) => [name, maskCredentials(value, literals)])),
      body: maskResponseBody(fixture.response.body, fixture.operation, outputSchema, literals),
    },
  };
  if (fixture.input !== undefined && inputSchema) masked.input = redact(inputSchema, fixture.input, MASK) as Record<string, unknown>;
  if (fixture.expect !== undefined && "output" in fixture.expect && outputSchema) {
    masked.expect = { output: redact(outputSchema, fixture.expect.output, MASK) as typeof fixture.expect.output };
  }
  if (fixture.expect !== undefined && "error" in fixture.expect) {
    masked.expect = { error: { ...fixture.expect.error, message: maskCredentials(fixture.expect.error.message, literals) } };
  }
  return masked;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}

/**
 * A credential a server wrote back: AWS's IncompleteSignature message quotes the request's whole Authorization
 * header (`… Authorization=AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`); a proxy may quote headers
 * as `Name: value`. The name stays, so the message still says what was there.
 */
const ECHOED_CREDENTIAL = /\b((?:X-Amz-)?Signature|X-Amz-Security-Token)([=:]\s*)([A-Za-z0-9+/=%]+)/gi;
/** Shorter request values (an empty token, say) could match ordinary text; a signature is 64 characters. */
const MIN_ECHOED_LENGTH = 16;

/**
 * `text` with every echoed credential's value, and every one of `literals` wherever it appears, replaced by `mask`.
 * The values replaced hold no character that could end a comment, CDATA section or attribute, so markup as it stands
 * can be masked with the mask escaped.
 */
function maskCredentials(text: string, literals: readonly string[], mask = MASK): string {
  let masked = text.replace(ECHOED_CREDENTIAL, (_match, name: string, separator: string) => `${name}${separator}${mask}`);
  for (const literal of literals) masked = masked.replaceAll(literal, mask);
  return masked;
}

function maskFormPairs(input: StructureSchema, pairs: Array<[string, string]>): Array<[string, string]> {
  return pairs.map(([name, value]) => [name, isSecretPair(input, name) ? MASK : value]);
}

const INDEX = /^\d+$/;

/**
 * Whether a form pair's name (`UserName`, `Tags.member.1.Key`, `Attributes.entry.1.value`) leads to a sensitive
 * member. List items are `member.N` (or `N` when flattened), map entries `entry.N.key` / `entry.N.value`.
 */
function isSecretPair(input: StructureSchema, name: string): boolean {
  const parts = name.split(".");
  let schema: MemberSchema = { type: "structure", schema: () => input };
  for (let i = 0; i < parts.length; i++) {
    if (schema.sensitive) return true;
    switch (schema.type) {
      case "structure": {
        const members: StructureSchema["members"] = schema.schema().members;
        if (!Object.hasOwn(members, parts[i]!)) return false;
        schema = members[parts[i]!]!;
        break;
      }
      case "list":
        if (!INDEX.test(parts[i]!)) i++;
        schema = schema.member;
        break;
      case "map":
        if (!INDEX.test(parts[i]!)) i++;
        i++;
        schema = parts[i] === "key" ? schema.key : schema.value;
        break;
      default:
        return false;
    }
  }
  return schema.sensitive === true;
}

/** A member whose element holds a secret: a sensitive one, or a list or map of sensitive items, masked whole. */
function isSecret(schema: MemberSchema): boolean {
  if (schema.sensitive) return true;
  if (schema.type === "list") return isSecret(schema.member);
  if (schema.type === "map") return isSecret(schema.key) || isSecret(schema.value);
  return false;
}

/** Where an element stands in the output: the response root, a member, or a map entry. */
type Place = { readonly root: true } | { readonly member: MemberSchema } | { readonly entryOf: Extract<MemberSchema, { type: "map" }> } | undefined;

function childPlace(parent: Place | "none", name: string, resultName: string, output: StructureSchema): Place {
  if (parent === "none") return { root: true };
  if (parent === undefined) return undefined;
  if ("root" in parent) return name === resultName ? { member: { type: "structure", schema: () => output } } : undefined;
  if ("entryOf" in parent) return name === "key" ? { member: parent.entryOf.key } : name === "value" ? { member: parent.entryOf.value } : undefined;
  const schema = parent.member;
  switch (schema.type) {
    case "structure": {
      const members = schema.schema().members;
      return Object.hasOwn(members, name) ? { member: members[name]! } : undefined;
    }
    case "list":
      return { member: schema.member };
    case "map":
      // `<entry><key/><value/></entry>`, or `<key/><value/>` right inside a flattened map's element.
      return name === "entry" ? { entryOf: schema } : childPlace({ entryOf: schema }, name, resultName, output);
    default:
      return undefined;
  }
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const maskAsXmlText = escapeXml(MASK);

/**
 * The response body with, as the client's own XML reader reads it: the content of every secret element of
 * `<OpResponse><OpResult>` replaced by MASK, and each text element holding an echoed credential rewritten with it
 * masked; both escaped, so the body parses back to what the client would read, masked. What the reader decodes is
 * what is masked, so a secret split by a comment or processing instruction, in CDATA, written with character
 * references, or on an element whose attribute holds a `>` is masked whole. When the body is not well-formed, its
 * unread rest is masked from the last point the reader understood (a secret element left open: from its start),
 * since it may hold a secret the client never read. Then echoed credentials are masked in the raw text too: in
 * comments, attributes and bodies that are not XML at all.
 */
function maskResponseBody(body: string, operation: string, output: StructureSchema | undefined, literals: readonly string[]): string {
  const xml = normalizeLineEnds(body);
  const resultName = `${operation}Result`;
  const spans: Array<{ start: number; end: number; text: string }> = [];
  const open: Array<{ place: Place; contentStart: number; secret: boolean }> = [];
  let understood = 0;
  let root: string | undefined;
  const openSecret = () => open.find((element) => element.secret);
  try {
    parseXmlDocument(xml, {
      open(name, contentStart) {
        root ??= name;
        const inSecret = openSecret() !== undefined;
        const place = inSecret || output === undefined ? undefined : childPlace(open.length === 0 ? "none" : open.at(-1)!.place, name, resultName, output);
        open.push({ place, contentStart, secret: !inSecret && place !== undefined && "member" in place && isSecret(place.member) });
        understood = contentStart;
      },
      close(_name, value, contentEnd, after) {
        const { contentStart, secret } = open.pop()!;
        understood = after;
        if (secret) spans.push({ start: contentStart, end: contentEnd, text: maskAsXmlText });
        else if (openSecret() === undefined) {
          const text = leafText(value);
          const masked = text === undefined ? undefined : maskCredentials(text, literals);
          if (masked !== text) spans.push({ start: contentStart, end: contentEnd, text: escapeXml(masked!) });
        }
      },
    });
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    if (root === `${operation}Response` && output !== undefined && holdsSecret(output)) {
      spans.push({ start: openSecret()?.contentStart ?? understood, end: xml.length, text: maskAsXmlText });
    }
  }
  if (spans.length === 0) return maskCredentials(body, literals, maskAsXmlText);
  let masked = "";
  let from = 0;
  for (const { start, end, text } of spans.sort((a, b) => a.start - b.start)) {
    masked += xml.slice(from, start) + text;
    from = end;
  }
  return maskCredentials(masked + xml.slice(from), literals, maskAsXmlText);
}

/** The text of an element that holds no child elements (attributes aside), as the client reads it; else undefined. */
function leafText(value: XmlValue): string | undefined {
  try {
    return xmlText(value);
  } catch (error) {
    if (error instanceof XmlParseError) return undefined;
    throw error;
  }
}

/** Whether any member, however deep, of `schema` is a secret. */
function holdsSecret(schema: StructureSchema, seen = new Set<StructureSchema>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const inside = (member: MemberSchema): boolean =>
    isSecret(member) ||
    (member.type === "structure" && holdsSecret(member.schema(), seen)) ||
    (member.type === "list" && inside(member.member)) ||
    (member.type === "map" && inside(member.value));
  return Object.values(schema.members).some(inside);
}
