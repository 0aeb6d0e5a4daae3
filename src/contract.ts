/**
 * What the generator must produce, in one file: the service and operation descriptions the runtime reads at call
 * time, the schemas of their shapes, and what compiled endpoint rules return.
 */
import type { MiddlewareStack } from "@smithy/types";
import type { CompressionConfig } from "./middleware/compression.js";
import type { HostPrefixConfig } from "./middleware/host-prefix.js";
import type { ModeledError, ServiceExceptionClass } from "./protocol/errors.js";
import type { QueryForm } from "./protocol/form.js";
import type { XmlElement } from "./protocol/xml.js";

/** What the generator knows about a service that the runtime needs at call time. */
export interface QueryService {
  /** The SDK id, e.g. "STS"; the client is named after it. */
  readonly sdkId: string;
  /** The API version sent as `Version`. */
  readonly version: string;
  /** The SigV4 signing name, from the `aws.auth#sigv4` trait. */
  readonly signingName: string;
  /** The endpoint rules' parameters that client settings supply: each parameter's name → the setting it is read from. */
  readonly endpointSettings: Readonly<Record<string, EndpointSetting>>;
  /** The service's endpoint rules, compiled. */
  resolveEndpoint(parameters: EndpointParameterValues): RuleEndpoint;
  /** The errors the model lists on the service itself, which any operation may return, by their awsQuery wire code. */
  readonly errors: Readonly<Record<string, ModeledError>>;
  readonly ServiceException: ServiceExceptionClass;
}

/** One operation: its wire name, how to write its input and read its output, and whether a retry is safe. */
export interface QueryOperation<Input extends object, Output extends object> {
  readonly name: string;
  /**
   * True for `@readonly` and `@idempotent` operations. Others (CreateAccessKey) are retried only when the error
   * proves the request did nothing, since a blind retry could create a second key.
   */
  readonly safeToRetry: boolean;
  readonly serialize: (input: Input, form: QueryForm) => void;
  /** A new object at every call: the call's `$metadata` is added to it. */
  readonly deserialize: (result: XmlElement) => Output;
  /** The input's constraints, checked before sending; absent for operations without input. */
  readonly inputSchema?: StructureSchema;
  /** The output's members and their types, with no constraints: where its `@sensitive` values are, for redaction from logs. */
  readonly outputSchema?: StructureSchema;
  /**
   * Middleware the operation's traits add to the stack of each of its commands: `@requestCompression`'s (the runtime's
   * `requestCompression(encodings)`), `@endpoint`'s host prefix (`hostPrefix(template)`). Absent when it has none.
   */
  readonly middleware?: readonly OperationMiddleware[];
  /**
   * An empty `@auth` list: sent without a signature and without resolving credentials, as the official SDK sends
   * STS's AssumeRoleWithWebIdentity (the token is the proof, and the caller may have no credentials at all).
   */
  readonly unsigned?: true;
}

/** Middleware an operation's trait adds: made by the runtime from the trait's value. */
export interface OperationMiddleware {
  /** Puts it on the stack of a command of the operation, for the client with this configuration. */
  applyToStack(stack: MiddlewareStack<any, any>, config: OperationMiddlewareConfig): void;
}

/** What operations' own middleware reads of the client's configuration. */
export type OperationMiddlewareConfig = CompressionConfig & HostPrefixConfig;

/** The resolved client settings an endpoint rule parameter can be bound to, each for a built-in of the rules language. */
export type EndpointSetting = "region" | "endpointUrl" | "useFipsEndpoint" | "useDualstackEndpoint" | "useGlobalEndpoint";

/**
 * What compiled endpoint rules return: the URL, the SigV4 scope where the matching rule names one that is not the
 * client's own, and the headers the rule says every request to the endpoint carries.
 */
export interface RuleEndpoint {
  url: string;
  /** Absent: the service's signing name. */
  signingName?: string;
  /** Absent: the client's region. */
  signingRegion?: string;
  headers?: Record<string, string[]>;
}

/** Rule-set parameter name → value; undefined means unset, and the parameter's default applies. */
export type EndpointParameterValues = Record<string, string | boolean | undefined>;

/**
 * What the generator records about a shape for checks at run time: input validation before anything is sent,
 * and redaction of `@sensitive` values wherever inputs and outputs are logged. Serialization does not use it: the
 * generated se_/de_ functions know their shapes.
 */
export type MemberSchema =
  | ScalarSchema
  | { readonly type: "enum"; readonly values: readonly (string | number)[]; readonly required?: true; readonly sensitive?: true }
  | { readonly type: "structure"; readonly schema: () => StructureSchema; readonly required?: true; readonly sensitive?: true }
  | CollectionSchema<{ readonly type: "list"; readonly member: MemberSchema }>
  | CollectionSchema<{ readonly type: "map"; readonly key: MemberSchema; readonly value: MemberSchema }>;

/** A list or map; a `@sparse` one may hold nulls, which the serializer skips. */
type CollectionSchema<Shape> = Shape & { readonly length?: Bounds; readonly sparse?: true; readonly required?: true; readonly sensitive?: true };

export interface ScalarSchema {
  readonly type: "string" | "boolean" | "number" | "bigint" | "bigDecimal" | "timestamp" | "blob" | "document";
  readonly required?: true;
  readonly sensitive?: true;
  /** Smithy `length`: characters for strings, bytes for blobs. */
  readonly length?: Bounds;
  readonly pattern?: Pattern;
  readonly range?: Bounds;
}

/**
 * A `@pattern` as ECMAScript reads it: a regular expression's source and flags, compiled on the first value checked
 * against it (a RegExp is one). Kept uncompiled in the schemas, because a pattern with Unicode properties costs a
 * client's import more to parse than to use: two such literals were 7M instructions of every STS import.
 */
export interface Pattern {
  readonly source: string;
  readonly flags: string;
}

export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export interface StructureSchema {
  readonly name: string;
  /** Unions: exactly one member is set. */
  readonly union?: true;
  readonly members: Readonly<Record<string, MemberSchema>>;
}
