/**
 * Every trait the generator knows, in one table: who consumes it, why it is ignored, or why a model that uses it is
 * refused. Code reads trait ids only from here. The walker refuses a trait it finds in a namespace that can change
 * how a call travels (PROTOCOL_NAMESPACES) when this table does not know it, so a new trait is a decision made here,
 * never a trait silently dropped.
 */

export type Handling =
  /** Where it is read: the module, and what it becomes. */
  | { readonly handled: string }
  /** Why a client need not read it. */
  | { readonly ignored: string }
  /** Why a model that uses it cannot become a client: the end of the ModelError's message. */
  | { readonly refused: string };

export interface Trait {
  readonly id: string;
  readonly handling: Handling;
}

const handled = (id: string, by: string): Trait => ({ id, handling: { handled: by } });
const ignored = (id: string, why: string): Trait => ({ id, handling: { ignored: why } });
const refused = (id: string, why: string): Trait => ({ id, handling: { refused: why } });

const METADATA = "model metadata: it changes nothing a client sends or reads";
const OTHER_PROTOCOL =
  "another protocol: a service that also speaks awsQuery gets an awsQuery client; one that does not is refused by model/walk.ts, naming it";
const HTTP_BINDING = "awsQuery sends every member as a form pair in the body: HTTP bindings are for the REST protocols";

export const TRAIT = {
  // The service
  awsQuery: handled("aws.protocols#awsQuery", "model/walk.ts: the protocol every generated client speaks"),
  service: handled("aws.api#service", "model/walk.ts: sdkId names the client; rules/default-rule-set.ts: endpointPrefix names its host"),
  sigv4: handled("aws.auth#sigv4", "model/walk.ts: the SigV4 signing name, QueryService.signingName in service.ts"),
  endpointRuleSet: handled("smithy.rules#endpointRuleSet", "rules/compiler.ts: compiled to endpoints.ts"),
  endpointTests: ignored("smithy.rules#endpointTests", "cases for the rules, not part of a client: test/endpoints.test.ts runs them"),
  smokeTests: ignored("smithy.test#smokeTests", "calls against the live service, for AWS's own test runs"),
  title: ignored("smithy.api#title", "a display name; the client is named after the sdkId and documented by the service's documentation"),
  xmlNamespace: ignored(
    "smithy.api#xmlNamespace",
    "awsQuery requests are form pairs, and responses are read by element name: the namespace is neither sent nor checked, as in the official SDK",
  ),
  awsJson1_0: ignored("aws.protocols#awsJson1_0", OTHER_PROTOCOL),
  awsJson1_1: ignored("aws.protocols#awsJson1_1", OTHER_PROTOCOL),
  restJson1: ignored("aws.protocols#restJson1", OTHER_PROTOCOL),
  restXml: ignored("aws.protocols#restXml", OTHER_PROTOCOL),
  ec2Query: ignored("aws.protocols#ec2Query", OTHER_PROTOCOL),
  rpcv2Cbor: ignored("smithy.protocols#rpcv2Cbor", OTHER_PROTOCOL),

  // Operations
  readonly: handled("smithy.api#readonly", "emit/commands.ts: safeToRetry, so that a failed call may be retried"),
  idempotent: handled("smithy.api#idempotent", "emit/commands.ts: safeToRetry, so that a failed call may be retried"),
  examples: handled("smithy.api#examples", "emit/commands.ts: @example in the command's TSDoc"),
  auth: handled(
    "smithy.api#auth",
    "model/walk.ts: the schemes an operation (else the service) may be signed with: an empty list is an operation sent unsigned, as v3's noAuth, which emit/commands.ts marks (QueryOperation.unsigned) and src/middleware/signing.ts sends without credentials or signature; a list without SigV4 is refused, since keysmith signs with SigV4",
  ),
  optionalAuth: ignored(
    "smithy.api#optionalAuth",
    "the operation may also be called unsigned; a client always has credentials to resolve, so keysmith signs it, as v3 does, unless its auth list is empty",
  ),
  endpoint: handled(
    "smithy.api#endpoint",
    "model/host-prefix.ts: the host prefix, checked; emit/commands.ts: the operation's middleware (QueryOperation.middleware), which src/middleware/host-prefix.ts makes to prepend it to the endpoint's host unless the client's disableHostPrefix is set",
  ),
  paginated: handled(
    "smithy.api#paginated",
    "model/pagination.ts: the tokens and page size, over the service's defaults, checked; emit/paginators.ts: v3's paginate<Operation> functions, on smithy's createPaginator",
  ),
  waitable: handled(
    "smithy.waiters#waitable",
    "model/waiters.ts: the waiters' acceptors and delays, checked, their paths parsed by model/jmespath.ts; emit/waiters.ts: v3's waitFor<Name> and waitUntil<Name>, on smithy's createWaiter, the paths compiled by emit/jmespath.ts",
  ),
  requestCompression: handled(
    "smithy.api#requestCompression",
    "emit/commands.ts: the operation's middleware (QueryOperation.middleware), made from its encodings; middleware/compression.ts gzips the body as the official SDK does",
  ),
  input: ignored("smithy.api#input", "marks an operation's own input structure; the operation's input says which it is"),
  output: ignored("smithy.api#output", "marks an operation's own output structure; the operation's output says which it is"),

  // Errors
  error: handled("smithy.api#error", "emit/errors.ts: the exception's $fault; model/walk.ts: every listed error has it"),
  awsQueryError: handled(
    "aws.protocols#awsQueryError",
    "emit/errors.ts: the wire code that picks the exception (QueryService.errors); a code two errors share picks the one named after it, as in v3 and botocore",
  ),
  httpError: ignored("smithy.api#httpError", "errors are matched by their awsQuery code; the response's own status goes into $metadata"),
  retryable: handled(
    "smithy.api#retryable",
    "emit/errors.ts: the exception's $retryable ({ throttling: true } for a throttle), as in v3; middleware/retry.ts retries such an error for every operation, the service's word that nothing ran",
  ),

  // Shapes and members
  mixin: handled("smithy.api#mixin", "model/model.ts: folded into the shapes that use the mixin"),
  unitType: handled("smithy.api#unitType", "model/model.ts: smithy.api#Unit, an operation without input or output"),
  required: handled(
    "smithy.api#required",
    "emit/models.ts: not optional; emit/schemas.ts: required in input schemas; emit/serde.ts: written first, as the official SDK writes them, and required in responses (an absent list or map reads as empty); emit/commands.ts: a command whose input requires nothing, and its method of the aggregated client, can be called without one",
  ),
  clientOptional: handled(
    "smithy.api#clientOptional",
    "emit/serde.ts: a response may leave the member out, as it asks of a client; required members are already typed `T | undefined`; input validation still requires them, as the service does",
  ),
  default: handled(
    "smithy.api#default",
    "emit/serde.ts: a response may leave the member out; as in the official SDK, a member with a default stays optional: a client writes it only when set and reads it only when present, and the service applies the default",
  ),
  enum: handled("smithy.api#enum", "emit/types.ts: a string shape with it is an enum (Smithy 1.0)"),
  enumValue: handled("smithy.api#enumValue", "emit/types.ts: the values of enums and intEnums"),
  sparse: handled("smithy.api#sparse", "emit/types.ts: `| null` items; emit/serde.ts: nulls skipped; emit/schemas.ts: nulls allowed"),
  sensitive: handled("smithy.api#sensitive", "emit/schemas.ts: `sensitive` in input and output schemas, for redaction from logs"),
  length: handled("smithy.api#length", "emit/schemas.ts: input schemas, checked before sending; on an enum, applied to its values when generating"),
  range: handled("smithy.api#range", "emit/schemas.ts: input schemas, checked before sending; on an intEnum, applied to its values when generating"),
  pattern: handled(
    "smithy.api#pattern",
    "model/patterns.ts: compiled at generation time; emit/schemas.ts: input schemas, checked before sending; on an enum, applied to its values when generating",
  ),
  uniqueItems: ignored("smithy.api#uniqueItems", "left to the service: validation before sending checks required members, lengths, ranges, patterns and enum values"),
  idempotencyToken: handled("smithy.api#idempotencyToken", "emit/serde.ts: a fresh UUID when the caller sets none"),
  timestampFormat: handled("smithy.api#timestampFormat", "emit/serde.ts: how a timestamp is written and read"),
  xmlName: handled("smithy.api#xmlName", "emit/serde.ts: the form key and element name"),
  xmlFlattened: handled("smithy.api#xmlFlattened", "emit/serde.ts: lists and maps without their wrapping element"),
  xmlAttribute: handled("smithy.api#xmlAttribute", "emit/serde.ts: read from an attribute; written as a member, as awsQuery does"),
  streaming: refused("smithy.api#streaming", "a stream, which awsQuery cannot carry"),
  hostLabel: handled(
    "smithy.api#hostLabel",
    "model/host-prefix.ts: the members a host prefix's labels may name; the member is also serialized as any other, as Smithy says",
  ),
  jsonName: ignored("smithy.api#jsonName", "the JSON protocols' member name"),
  mediaType: ignored("smithy.api#mediaType", "describes a string's or blob's content; it is sent as it is"),
  http: ignored("smithy.api#http", HTTP_BINDING),
  httpHeader: ignored("smithy.api#httpHeader", HTTP_BINDING),
  httpLabel: ignored("smithy.api#httpLabel", HTTP_BINDING),
  httpPayload: ignored("smithy.api#httpPayload", HTTP_BINDING),
  httpPrefixHeaders: ignored("smithy.api#httpPrefixHeaders", HTTP_BINDING),
  httpQuery: ignored("smithy.api#httpQuery", HTTP_BINDING),
  httpQueryParams: ignored("smithy.api#httpQueryParams", HTTP_BINDING),
  httpResponseCode: ignored("smithy.api#httpResponseCode", HTTP_BINDING),

  // Documentation and metadata
  documentation: handled("smithy.api#documentation", "emit/docs.ts: TSDoc"),
  deprecated: handled("smithy.api#deprecated", "emit/docs.ts: @deprecated in TSDoc"),
  externalDocumentation: ignored("smithy.api#externalDocumentation", "links to further reading; TSDoc carries the documentation text"),
  suppress: ignored("smithy.api#suppress", "silences Smithy's model validators"),
  since: ignored("smithy.api#since", METADATA),
  tags: ignored("smithy.api#tags", METADATA),
  unstable: ignored("smithy.api#unstable", METADATA),
  internal: ignored("smithy.api#internal", METADATA),
  recommended: ignored("smithy.api#recommended", METADATA),
  arn: ignored("aws.api#arn", METADATA),
  arnReference: ignored("aws.api#arnReference", METADATA),
  controlPlane: ignored("aws.api#controlPlane", METADATA),
  dataPlane: ignored("aws.api#dataPlane", METADATA),
  data: ignored("aws.api#data", METADATA),
  tagEnabled: ignored("aws.api#tagEnabled", METADATA),
  taggable: ignored("aws.api#taggable", METADATA),
} as const satisfies Record<string, Trait>;

/** The protocols a service may name beside (or instead of) awsQuery. */
export const OTHER_PROTOCOLS: readonly Trait[] = [TRAIT.restJson1, TRAIT.awsJson1_0, TRAIT.awsJson1_1, TRAIT.restXml, TRAIT.ec2Query, TRAIT.rpcv2Cbor];

/**
 * Namespaces whose traits can change how a call travels. A trait of another namespace (waiters, tests, tooling, a
 * model's own) cannot change what awsQuery sends or reads, and needs no entry.
 */
export const PROTOCOL_NAMESPACES: ReadonlySet<string> = new Set(["smithy.api", "smithy.rules", "smithy.protocols", "aws.api", "aws.auth", "aws.protocols", "aws.customizations"]);

const byId = new Map<string, Trait>(Object.values(TRAIT).map((entry) => [entry.id, entry]));

/** The table's entry for a trait id, if it has one. */
export function knownTrait(id: string): Trait | undefined {
  return byId.get(id);
}

/** Whether a trait the table does not know must stop generation. */
export function isProtocolRelevant(id: string): boolean {
  return PROTOCOL_NAMESPACES.has(id.slice(0, id.indexOf("#")));
}
