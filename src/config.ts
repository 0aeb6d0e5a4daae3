import type { AwsCredentialIdentityProvider, HttpHandlerOptions, Logger, Provider, RequestHandler } from "@smithy/types";
import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { DefaultHttpHandler, readEnv } from "#platform";
import { resolveCredentials, type CredentialsInput } from "./credentials.js";

export type HttpRequestHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;

/** Client options, with the names and meaning they have in the official SDK (v3). */
export interface QueryClientConfig {
  /** The AWS region, e.g. "eu-west-1". Defaults to AWS_REGION, then AWS_DEFAULT_REGION. */
  region?: string | Provider<string>;
  /** Static credentials or an async provider. Defaults to the environment's AWS_ACCESS_KEY_ID and friends. */
  credentials?: CredentialsInput;
  /** A URL that replaces the resolved endpoint, e.g. a local endpoint for tests. */
  endpoint?: string | URL;
  /** Sends the requests: a smithy HttpHandler, or options for the default one ({ requestTimeout, connectionTimeout }). */
  requestHandler?: HttpRequestHandler | { requestTimeout?: number; connectionTimeout?: number; maxSockets?: number };
  /** Attempts per call, the first included. Default 3. */
  maxAttempts?: number | Provider<number>;
  /** Use FIPS 140 validated endpoints. */
  useFipsEndpoint?: boolean;
  /** Use dual-stack (IPv4 and IPv6) endpoints. */
  useDualstackEndpoint?: boolean;
  /** Receives one info line per call (secrets redacted) and warnings. */
  logger?: Logger;
  /** Milliseconds to add to the local clock when signing; adjusted automatically when the server reports skew. */
  systemClockOffset?: number;
  /**
   * Check inputs against the model's constraints before sending (default true). Turn it off only to send what
   * the model does not know yet, such as a new enum value; the service still validates.
   */
  validateInput?: boolean;
}

export interface QueryClientResolvedConfig {
  region: Provider<string | undefined>;
  credentials: AwsCredentialIdentityProvider;
  endpoint: URL | undefined;
  requestHandler: HttpRequestHandler;
  maxAttempts: Provider<number>;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  logger: Logger;
  systemClockOffset: number;
  validateInput: boolean;
}

const DEFAULT_MAX_ATTEMPTS = 3;

const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export function resolveQueryClientConfig<C extends QueryClientConfig>(config: C): Omit<C, keyof QueryClientConfig> & QueryClientResolvedConfig {
  const { region, credentials, endpoint, requestHandler, maxAttempts, useFipsEndpoint, useDualstackEndpoint, logger, systemClockOffset, validateInput, ...rest } =
    config;
  return {
    ...rest,
    region: toProvider(region ?? readEnv("AWS_REGION") ?? readEnv("AWS_DEFAULT_REGION")),
    credentials: resolveCredentials(credentials),
    endpoint: endpoint === undefined ? undefined : parseEndpoint(endpoint),
    requestHandler: isHandler(requestHandler) ? requestHandler : new DefaultHttpHandler(requestHandler),
    maxAttempts: toProvider(maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    useFipsEndpoint: useFipsEndpoint ?? false,
    useDualstackEndpoint: useDualstackEndpoint ?? false,
    logger: logger ?? silentLogger,
    systemClockOffset: systemClockOffset ?? 0,
    validateInput: validateInput ?? true,
  };
}

function toProvider<T>(value: T | Provider<T>): Provider<T> {
  if (typeof value === "function") return value as Provider<T>;
  const fixed = Promise.resolve(value);
  return () => fixed;
}

function isHandler(value: QueryClientConfig["requestHandler"]): value is HttpRequestHandler {
  return typeof (value as HttpRequestHandler | undefined)?.handle === "function";
}

function parseEndpoint(endpoint: string | URL): URL {
  try {
    return new URL(String(endpoint));
  } catch {
    throw new TypeError(`endpoint must be an absolute URL such as https://iam.amazonaws.com (got ${JSON.stringify(String(endpoint))})`);
  }
}
