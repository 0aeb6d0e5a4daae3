// botocore's protocol test suites describe each case's operation in botocore's JSON model form. This turns a suite
// into a Smithy 2.0 JSON AST with one awsQuery service, so the generator can build a client for it, and turns the
// suites' JSON spelling of values (epoch numbers for timestamps, text for blobs, "NaN") into what clients take.

export interface BotocoreSuite {
  description: string;
  metadata: { apiVersion: string };
  shapes: Record<string, BotocoreShape>;
  cases: BotocoreCase[];
  /** The endpoint the client is configured with. */
  clientEndpoint?: string;
}

export interface BotocoreCase {
  id: string;
  description?: string;
  given: BotocoreOperation;
  /** Request cases: the input, and what must be sent. */
  params?: Record<string, unknown>;
  serialized?: { method: string; uri: string; body?: string; headers?: Record<string, string>; host?: string; requireHeaders?: string[] };
  /** Response cases: what the service sends, and the output or error the client must produce from it. */
  response?: { status_code: number; headers?: Record<string, string>; body?: string };
  result?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  error?: Record<string, unknown>;
}

export interface BotocoreOperation {
  name: string;
  input?: { shape: string };
  output?: { shape: string };
  errors?: Array<{ shape: string }>;
  endpoint?: { hostPrefix: string };
  requestcompression?: { encodings: string[] };
}

interface BotocoreRef {
  shape: string;
  locationName?: string;
  flattened?: boolean;
  xmlNamespace?: string | { prefix?: string; uri: string };
  xmlAttribute?: boolean;
  timestampFormat?: string;
  idempotencyToken?: boolean;
  hostLabel?: boolean;
}

export interface BotocoreShape {
  type: string;
  members?: Record<string, BotocoreRef>;
  member?: BotocoreRef;
  key?: BotocoreRef;
  value?: BotocoreRef;
  required?: string[];
  enum?: string[];
  timestampFormat?: string;
  flattened?: boolean;
  locationName?: string;
  xmlNamespace?: string | { prefix?: string; uri: string };
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export const NAMESPACE = "keysmith.vectors";
/** The service's SDK id; the generated client is named after it. */
export const SDK_ID = "Query Protocol";
export const CLIENT_NAME = "QueryProtocolClient";

const TIMESTAMP_FORMATS: Record<string, string> = { iso8601: "date-time", unixTimestamp: "epoch-seconds", rfc822: "http-date" };

const SIMPLE_TYPES = new Set(["string", "boolean", "integer", "long", "float", "double", "blob", "timestamp", "byte", "short", "bigInteger", "bigDecimal"]);

const id = (name: string) => `${NAMESPACE}#${name}`;

/** A suite as a Smithy JSON AST: its shapes, the operations its cases use, and an awsQuery service over them. */
export function botocoreToSmithy(suite: BotocoreSuite): { smithy: string; shapes: Record<string, unknown> } {
  const shapes: Record<string, unknown> = {};
  const flattenedShapes = new Set(Object.entries(suite.shapes).filter(([, shape]) => shape.flattened).map(([name]) => name));
  for (const [name, shape] of Object.entries(suite.shapes)) shapes[id(name)] = convertShape(shape, flattenedShapes);
  const operations = new Map<string, BotocoreOperation>();
  for (const { given } of suite.cases) operations.set(given.name, given);
  for (const operation of operations.values()) shapes[id(operation.name)] = convertOperation(operation);
  shapes[id("QueryProtocol")] = {
    type: "service",
    version: suite.metadata.apiVersion,
    operations: [...operations.keys()].map((name) => ({ target: id(name) })),
    traits: {
      "aws.api#service": { sdkId: SDK_ID, endpointPrefix: "query" },
      "aws.auth#sigv4": { name: "query" },
      "aws.protocols#awsQuery": {},
      "smithy.api#xmlNamespace": { uri: "https://example.com/" },
    },
  };
  return { smithy: "2.0", shapes };
}

function convertOperation(operation: BotocoreOperation): unknown {
  const traits: Record<string, unknown> = {};
  if (operation.endpoint) traits["smithy.api#endpoint"] = { hostPrefix: operation.endpoint.hostPrefix };
  if (operation.requestcompression) traits["smithy.api#requestCompression"] = { encodings: operation.requestcompression.encodings };
  return {
    type: "operation",
    ...(operation.input && { input: { target: id(operation.input.shape) } }),
    ...(operation.output && { output: { target: id(operation.output.shape) } }),
    ...(operation.errors && { errors: operation.errors.map((error) => ({ target: id(error.shape) })) }),
    traits,
  };
}

function convertShape(shape: BotocoreShape, flattenedShapes: ReadonlySet<string>): unknown {
  const traits: Record<string, unknown> = {};
  if (shape.timestampFormat) traits["smithy.api#timestampFormat"] = TIMESTAMP_FORMATS[shape.timestampFormat];
  if (shape.locationName) traits["smithy.api#xmlName"] = shape.locationName;
  if (shape.xmlNamespace) traits["smithy.api#xmlNamespace"] = namespaceTrait(shape.xmlNamespace);
  if (shape.exception) {
    traits["smithy.api#error"] = shape.error?.senderFault === false ? "server" : "client";
    if (shape.error?.code) traits["aws.protocols#awsQueryError"] = { code: shape.error.code, httpResponseCode: shape.error.httpStatusCode ?? 400 };
    if (shape.error?.httpStatusCode) traits["smithy.api#httpError"] = shape.error.httpStatusCode;
  }
  switch (shape.type) {
    case "structure": {
      const required = new Set(shape.required ?? []);
      const members = Object.fromEntries(
        Object.entries(shape.members ?? {}).map(([name, ref]) => {
          const member = convertRef(ref, flattenedShapes);
          if (required.has(name)) member.traits["smithy.api#required"] = {};
          return [name, member];
        }),
      );
      return { type: "structure", members, traits };
    }
    case "list":
      return { type: "list", member: convertRef(shape.member!, flattenedShapes), traits };
    case "map":
      return { type: "map", key: convertRef(shape.key!, flattenedShapes), value: convertRef(shape.value!, flattenedShapes), traits };
    case "string":
      if (shape.enum) {
        const members = Object.fromEntries(shape.enum.map((value) => [enumMemberName(value), { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": value } }]));
        return { type: "enum", members, traits };
      }
      return { type: "string", traits };
    default:
      if (!SIMPLE_TYPES.has(shape.type)) throw new Error(`botocore shape type ${shape.type} has no Smithy counterpart here`);
      return { type: shape.type, traits };
  }
}

function convertRef(ref: BotocoreRef, flattenedShapes: ReadonlySet<string>): { target: string; traits: Record<string, unknown> } {
  const traits: Record<string, unknown> = {};
  if (ref.locationName) traits["smithy.api#xmlName"] = ref.locationName;
  if (ref.flattened || flattenedShapes.has(ref.shape)) traits["smithy.api#xmlFlattened"] = {};
  if (ref.xmlNamespace) traits["smithy.api#xmlNamespace"] = namespaceTrait(ref.xmlNamespace);
  if (ref.xmlAttribute) traits["smithy.api#xmlAttribute"] = {};
  if (ref.timestampFormat) traits["smithy.api#timestampFormat"] = TIMESTAMP_FORMATS[ref.timestampFormat];
  if (ref.idempotencyToken) traits["smithy.api#idempotencyToken"] = {};
  if (ref.hostLabel) traits["smithy.api#hostLabel"] = {};
  return { target: id(ref.shape), traits };
}

function namespaceTrait(namespace: string | { prefix?: string; uri: string }): unknown {
  return typeof namespace === "string" ? { uri: namespace } : namespace;
}

/** Enum member names must be identifiers; botocore keeps only the values ("Foo", "1"). */
function enumMemberName(value: string): string {
  const name = value.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return /^[A-Z_]/.test(name) ? name : `V${name}`;
}

/** A value in a suite's JSON spelling, as a client takes or returns it for the named botocore shape. */
export function clientValue(shapes: Record<string, BotocoreShape>, shapeName: string, value: unknown): unknown {
  const shape = shapes[shapeName];
  if (shape === undefined) throw new Error(`shape ${shapeName} is not in the suite`);
  if (value === null || value === undefined) return value;
  switch (shape.type) {
    case "structure":
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, member]) => {
          const ref = shape.members?.[name];
          if (ref === undefined) throw new Error(`${shapeName} has no member ${name}`);
          return [name, clientValue(shapes, ref.shape, member)];
        }),
      );
    case "list":
      return (value as unknown[]).map((item) => clientValue(shapes, shape.member!.shape, item));
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, clientValue(shapes, shape.value!.shape, item)]));
    case "timestamp":
      return typeof value === "number" ? new Date(Math.round(value * 1000)) : new Date(String(value));
    case "blob":
      return new TextEncoder().encode(String(value));
    case "float":
    case "double":
      return typeof value === "string" ? Number(value) : value;
    default:
      return value;
  }
}
