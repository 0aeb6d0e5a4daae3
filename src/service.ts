import type { EndpointParameterValues, RuleEndpoint } from "./endpoints.js";
import type { ModeledError, ServiceExceptionClass } from "./errors.js";
import type { QueryForm } from "./form.js";
import type { StructureSchema } from "./schema.js";
import type { XmlElement } from "./xml.js";

/** What the generator knows about a service that the runtime needs at call time. */
export interface QueryService {
  /** The SDK id, e.g. "STS"; the client is named after it. */
  readonly sdkId: string;
  /** The API version sent as `Version`. */
  readonly version: string;
  /** The SigV4 signing name, from the `aws.auth#sigv4` trait. */
  readonly signingName: string;
  /** The endpoint rule set's parameters that client settings supply, by name: the built-in each is bound to. */
  readonly endpointBuiltIns: Readonly<Record<string, string>>;
  /** The service's endpoint rules, compiled. */
  resolveEndpoint(parameters: EndpointParameterValues): RuleEndpoint;
  /** Modeled errors by their awsQuery wire code. */
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
  readonly deserialize: (result: XmlElement) => Output;
  /** The input's constraints, checked before sending; absent for operations without input. */
  readonly inputSchema?: StructureSchema;
  /** The output's shape, for redacting `@sensitive` values from logs. */
  readonly outputSchema?: StructureSchema;
}
