import type { MemberSchema, QueryOperation, StructureSchema } from "../contract.js";
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
 * form pairs, the response XML, `input` and `expect.output` — and the credential headers left out.
 * `recordingHandler` applies it to what it writes.
 */
export function maskFixture(schemas: OperationSchemas, fixture: Fixture): Fixture {
  const { inputSchema, outputSchema } = schemasOf(schemas, fixture.service, fixture.operation);
  const masked: Fixture = {
    ...fixture,
    request: { ...fixture.request, body: inputSchema ? maskFormPairs(inputSchema, fixture.request.body) : fixture.request.body },
    response: {
      ...fixture.response,
      headers: withoutCredentials(fixture.response.headers),
      body: outputSchema ? maskXml(fixture.response.body, `${fixture.operation}Result`, outputSchema) : fixture.response.body,
    },
  };
  if (fixture.input !== undefined && inputSchema) masked.input = redact(inputSchema, fixture.input, MASK) as Record<string, unknown>;
  if (fixture.expect !== undefined && "output" in fixture.expect && outputSchema) {
    masked.expect = { output: redact(outputSchema, fixture.expect.output, MASK) as typeof fixture.expect.output };
  }
  return masked;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
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

// A tag, or what may hold a `<` that starts none: CDATA, a comment, a declaration or processing instruction.
const XML_TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)(?:[\w.-]+:)?([\w.-]+)(?:"[^"]*"|'[^']*'|[^>"'])*?(\/?)>/g;

const maskAsXmlText = MASK.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The response XML with the content of every secret element of `<OpResponse><OpResult>` replaced by MASK, escaped
 * so that it parses back to MASK. Elements are matched to the output schema by member name, a namespace prefix
 * aside; a secret element left open (a truncated body) is masked to the end.
 */
function maskXml(xml: string, resultName: string, output: StructureSchema): string {
  const open: Array<{ place: Place; maskFrom: number | undefined }> = [];
  const secrets: Array<[number, number]> = [];
  let masking = false;
  for (const token of xml.matchAll(XML_TOKEN)) {
    const [text, closing, name, selfClosing] = token;
    if (name === undefined || selfClosing) continue;
    if (closing) {
      const element = open.pop();
      if (element?.maskFrom !== undefined) {
        secrets.push([element.maskFrom, token.index]);
        masking = false;
      }
      continue;
    }
    const place = childPlace(open.length === 0 ? "none" : open.at(-1)!.place, name, resultName, output);
    const secret: boolean = !masking && place !== undefined && "member" in place && isSecret(place.member);
    open.push({ place, maskFrom: secret ? token.index + text.length : undefined });
    masking ||= secret;
  }
  const unclosed = open.find((element) => element.maskFrom !== undefined);
  if (unclosed) secrets.push([unclosed.maskFrom!, xml.length]);
  let masked = "";
  let from = 0;
  for (const [start, end] of secrets) {
    masked += xml.slice(from, start) + maskAsXmlText;
    from = end;
  }
  return masked + xml.slice(from);
}
