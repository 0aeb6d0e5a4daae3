import type { AwsCredentialIdentityProvider, Endpoint, EndpointV2, HttpHandlerOptions, Logger, Provider, QueryParameterBag, RequestHandler, RetryStrategyV2, UserAgent } from "@smithy/types";
import type { HttpRequest, HttpResponse } from "@smithy/protocol-http";
import { defaultCredentials, defaultRequestHandler, instanceRegion, profileSettings, readEnv } from "#platform";
import type { FetchHttpHandlerOptions } from "../http/fetch-handler.js";
import type { NodeHttpHandlerOptions } from "../http/node-handler.js";
// From its module, not through #platform: the declarations of the settings helpers name it, and CommonJS ones cannot import #platform.
import type { ProfileSettings } from "../node/profile.js";
import type { EndpointProvider } from "../middleware/endpoint.js";
import type { EndpointParameterValues } from "../contract.js";
import { resolveCredentials, type CredentialDefaultProvider, type CredentialsInput } from "./credentials.js";
import { guardedLogger, silentLogger } from "./guarded-logger.js";
import { settingValue } from "./setting-value.js";

export type HttpRequestHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;

/** Client options, with the names and meaning they have in the official SDK (v3); a client's own rule parameters type its `endpointProvider`. */
export interface QueryClientConfig<EndpointParameters extends object = EndpointParameterValues> {
  /** The AWS region, e.g. "eu-west-1". Else AWS_REGION, AWS_DEFAULT_REGION, or the profile's `region`. */
  region?: string | Provider<string>;
  /**
   * Static credentials or an async provider (such as the official SDK's `fromIni()`: it is called with
   * `{ callerClientConfig }` and so sees this client's profile, region and logger). Else `credentialDefaultProvider`.
   */
  credentials?: CredentialsInput;
  /**
   * Makes the provider used when `credentials` is not given; called once, with this configuration. Default: the
   * official SDK's chain (environment, SSO, shared files, credential_process, web identity, container, IMDS).
   */
  credentialDefaultProvider?: CredentialDefaultProvider;
  /** The shared config profile to read settings and credentials from. Else AWS_PROFILE, else "default". */
  profile?: string;
  /**
   * A URL that replaces the resolved endpoint, e.g. a local endpoint for tests: a string, a URL, v3's
   * `{ protocol, hostname, port, path }` or `{ url }`, or a provider of one. Else AWS_ENDPOINT_URL_<SERVICE>,
   * AWS_ENDPOINT_URL, or the profile's `endpoint_url` (services section first).
   */
  endpoint?: EndpointInput | Provider<EndpointInput>;
  /** Replaces the service's endpoint rules, as in v3: called at each call with the rules' parameters. */
  endpointProvider?: EndpointProvider<EndpointParameters>;
  /** When true, the endpoint URLs of the environment and the shared files are not used, as in v3. */
  ignoreConfiguredEndpointUrls?: boolean;
  /**
   * The SigV4 scope's region and service when the endpoint rules (or `endpointProvider`) name none, as in v3; else the
   * client's region and the service's signing name.
   */
  signingRegion?: string;
  signingName?: string;
  /**
   * v3's defaults modes, each the default handler's connection timeout as v3 sets it: "legacy" (keysmith's defaults),
   * "standard" and "cross-region" (3 100 ms), "in-region" (1 100 ms), "mobile" (30 000 ms); "auto" is "in-region"
   * or "cross-region" where `AWS_EXECUTION_ENV` or the EC2 instance metadata names the region the code runs in, else
   * "standard". Default: the `AWS_DEFAULTS_MODE` environment variable, else the profile's `defaults_mode`, else
   * "legacy". What is read for it is read before the first request.
   */
  defaultsMode?: DefaultsMode | "auto" | Provider<DefaultsMode | "auto">;
  /**
   * Sends the requests: a smithy HttpHandler, or options for the default one, v3's: `requestTimeout` (ms per attempt
   * in all, the body included; default 30 000), and under Node `connectionTimeout` (ms to connect; default 10 000),
   * `maxSockets` (50), `httpAgent` / `httpsAgent` (an agent, such as a proxy's, or options for keysmith's),
   * `socketTimeout`, `socketAcquisitionWarningTimeout` and `logger`; in browsers fetch's `keepAlive`, `credentials`,
   * `cache`, `requestInit` and `customFetch`. The other platform's options have no effect; any other name is refused.
   */
  requestHandler?: HttpRequestHandler | (NodeHttpHandlerOptions & FetchHttpHandlerOptions);
  /** Attempts per call, the first included: a whole number of at least 1. Else AWS_MAX_ATTEMPTS, the profile's `max_attempts`, or 3. */
  maxAttempts?: number | Provider<number>;
  /**
   * "standard" (the default; AWS_RETRY_MODE or `retry_mode` otherwise); "adaptive" adds a client-side rate limiter
   * that slows the client's calls after throttling; "legacy" is taken as standard, as the official SDK does.
   */
  // A string, as v3 types it (say, from an environment variable): checked when read.
  retryMode?: RetryModeInput | Provider<RetryModeInput>;
  /**
   * v3's retry strategy (`RetryStrategyV2`, such as smithy's `ConfiguredRetryStrategy`), in place of `maxAttempts`'s
   * limit and `retryMode`: it decides whether each retry keysmith would make is made, and how long before it. It is
   * not asked about an error keysmith never retries: one after which a call that is not idempotent may have been
   * processed (CreateAccessKey), or one no retry would change. A strategy that runs the call itself (v3's older
   * `retry()` ones) is refused.
   */
  retryStrategy?: RetryStrategyV2;
  /** FIPS endpoints. Else AWS_USE_FIPS_ENDPOINT or the profile's `use_fips_endpoint`. */
  useFipsEndpoint?: boolean | Provider<boolean>;
  /** Dual-stack (IPv4 and IPv6) endpoints. Else AWS_USE_DUALSTACK_ENDPOINT or `use_dualstack_endpoint`. */
  useDualstackEndpoint?: boolean | Provider<boolean>;
  /** Receives one info line per call (secrets redacted) and warnings. */
  logger?: Logger;
  /** Milliseconds to add to the local clock when signing; adjusted automatically when the server reports skew. */
  systemClockOffset?: number;
  /**
   * Signs with the local clock as it is, ignoring `systemClockOffset`, and never corrects it from the server's. Else
   * AWS_DISABLE_CLOCK_SKEW_CORRECTION, the profile's `disable_clock_skew_correction`, or false.
   */
  disableClockSkewCorrection?: boolean | Provider<boolean>;
  /**
   * Check inputs against the model's constraints before sending (default true). Turn it off only to send what
   * the model does not know yet, such as a new enum value; the service still validates.
   */
  validateInput?: boolean;
  /**
   * Send bodies uncompressed even to operations that accept them compressed (`@requestCompression`, such as CloudWatch
   * PutMetricData). Else AWS_DISABLE_REQUEST_COMPRESSION or the profile's `disable_request_compression`, else false.
   */
  disableRequestCompression?: boolean | Provider<boolean>;
  /**
   * The size in bytes from which such an operation's body is compressed: a whole number from 0 to 10485760. Else
   * AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES or the profile's `request_min_compression_size_bytes`, else 10240.
   */
  requestMinCompressionSizeBytes?: number | Provider<number>;
  /** Added to the user agent headers, as in v3: a string such as "my-app/1.2" or `[name, version]` pairs. */
  customUserAgent?: string | UserAgent;
  /** An application id (up to 50 characters) sent as `app/<id>` in User-Agent. Else AWS_SDK_UA_APP_ID or the profile's `sdk_ua_app_id`. */
  userAgentAppId?: string | Provider<string | undefined>;
  /**
   * Send calls to operations with a host prefix (the model's `@endpoint`) to the endpoint's host as it is, as v3's
   * option does: for an endpoint such as a local emulator's that has no hosts under it. Read as given by those
   * operations' own middleware (middleware/host-prefix.ts).
   */
  disableHostPrefix?: boolean;
  /**
   * v3 options accepted without effect on what is sent, typed as v3 types them, so v3 code that passes them compiles
   * (see the README's "Headers and v3 options": keysmith signs SigV4 with the service's name).
   */
  apiVersion?: string;
  tls?: boolean;
  signingEscapePath?: boolean;
  cacheMiddleware?: boolean;
  sigv4aSigningRegionSet?: string[] | Provider<string[] | undefined>;
  defaultSigningName?: string;
  serviceId?: string;
  runtime?: string;
  isCustomEndpoint?: boolean;
  defaultSocketTimeout?: number;
  authSchemePreference?: string[] | Provider<string[]>;
}

/** A retry mode's name; any string is accepted by the type, as v3's, and checked against RetryMode when read. */
export type RetryModeInput = RetryMode | (string & {});

/** What `endpoint` takes: a URL's text, a URL, or v3's endpoint objects. */
export type EndpointInput = string | URL | Endpoint | EndpointV2;

const SIGNS_SIGV4 = "keysmith signs with SigV4 and the client's credentials; change requests with middleware";
const SPEAKS_AWS_QUERY = "keysmith's clients speak awsQuery, generated from the model";
const OWN_PLUMBING = "keysmith's clients have their own";

/**
 * Options of v3 that keysmith does not honour, each with the reason: given one, a client refuses to be made rather
 * than drop it silently.
 */
const REFUSED_OPTIONS: Readonly<Record<string, string>> = {
  extensions: "keysmith's clients have no extension configuration to hand an extension; add middleware to client.middlewareStack instead",
  signer: SIGNS_SIGV4,
  signerConstructor: SIGNS_SIGV4,
  httpAuthSchemes: SIGNS_SIGV4,
  httpAuthSchemeProvider: SIGNS_SIGV4,
  sha256: "keysmith hashes with node:crypto, or @aws-crypto/sha256-js outside Node",
  defaultUserAgentProvider: "use customUserAgent or userAgentAppId",
  protocol: SPEAKS_AWS_QUERY,
  protocolSettings: SPEAKS_AWS_QUERY,
  urlParser: OWN_PLUMBING,
  streamCollector: OWN_PLUMBING,
  bodyLengthChecker: OWN_PLUMBING,
  base64Decoder: OWN_PLUMBING,
  base64Encoder: OWN_PLUMBING,
  utf8Decoder: OWN_PLUMBING,
  utf8Encoder: OWN_PLUMBING,
};

export type DefaultsMode = "legacy" | "standard" | "in-region" | "cross-region" | "mobile";

/** v3's connection timeout for the default handler in each defaults mode keysmith honours. */
const DEFAULTS_MODE_CONNECTION_TIMEOUT: Readonly<Record<DefaultsMode, number | undefined>> = {
  legacy: undefined,
  standard: 3100,
  "in-region": 1100,
  "cross-region": 3100,
  mobile: 30_000,
};

/** The mode named, in any case, or a TypeError naming where it was given. */
function checkedDefaultsMode(given: unknown, name: string): DefaultsMode | "auto" {
  const mode = typeof given === "string" ? given.toLowerCase() : given;
  if (mode === "auto" || (typeof mode === "string" && Object.hasOwn(DEFAULTS_MODE_CONNECTION_TIMEOUT, mode))) return mode as DefaultsMode | "auto";
  const got = typeof given === "string" ? JSON.stringify(given) : `a ${typeof given}`;
  throw new TypeError(`${name} must be one of auto, ${Object.keys(DEFAULTS_MODE_CONNECTION_TIMEOUT).join(", ")} (got ${got})`);
}

/** The region the environment names: AWS_REGION, else AWS_DEFAULT_REGION as the AWS CLI reads it. */
function environmentRegion(): string | undefined {
  return readEnv("AWS_REGION") ?? readEnv("AWS_DEFAULT_REGION");
}

/**
 * "auto" as v3 works it out: "in-region" or "cross-region" by whether the client's region is the one the code runs
 * in, as the environment names it (Lambda and ECS set `AWS_EXECUTION_ENV`) or else the EC2 instance metadata (asked
 * within a second, unless disabled); "standard" where neither says.
 */
async function autoDefaultsMode(clientRegion: Provider<string>): Promise<DefaultsMode> {
  const here = (readEnv("AWS_EXECUTION_ENV") === undefined ? undefined : environmentRegion()) ?? (await instanceRegion());
  if (here === undefined) return "standard";
  return (await clientRegion()) === here ? "in-region" : "cross-region";
}

/** The resolved configuration: settings that may come from the environment or profile are providers, read once. */
export interface QueryClientResolvedConfig {
  /** As v3 has it: the region, or a rejection saying where to set one when none is set anywhere. */
  region: Provider<string>;
  credentials: AwsCredentialIdentityProvider;
  credentialDefaultProvider: CredentialDefaultProvider;
  profile: string | undefined;
  /** As v3 has it: the `endpoint` option as an Endpoint (`{ protocol, hostname, port, path, query }`); undefined when not given. */
  endpoint?: Provider<Endpoint>;
  /** Where calls go unless the rules say otherwise: the `endpoint` option, else the environment's or the profile's endpoint URL. */
  endpointUrl: Provider<URL | undefined>;
  requestHandler: HttpRequestHandler;
  maxAttempts: Provider<number>;
  retryMode: Provider<RetryMode>;
  /** As v3 has it when one was given: a provider of the strategy. */
  retryStrategy?: Provider<RetryStrategyV2>;
  useFipsEndpoint: Provider<boolean>;
  useDualstackEndpoint: Provider<boolean>;
  /** STS's global endpoint for the legacy regions: read only by services whose endpoint rules use it. */
  useGlobalEndpoint: Provider<boolean>;
  logger: Logger;
  systemClockOffset: number;
  disableClockSkewCorrection: Provider<boolean>;
  validateInput: boolean;
  /**
   * The compression options as given, the minimum checked: the environment and profile are read for them by the
   * clients whose operations compress (config/compression-config.ts), at their first compressing call.
   */
  disableRequestCompression?: boolean | Provider<boolean>;
  requestMinCompressionSizeBytes?: number | Provider<number>;
  customUserAgent?: UserAgent;
  userAgentAppId: Provider<string | undefined>;
  endpointProvider?: EndpointProvider;
  signingRegion?: string;
  signingName?: string;
  /** As v3 has it: a provider of the mode. */
  defaultsMode: Provider<DefaultsMode>;
  /** Whether the `endpoint` option was given, as v3 says it. */
  isCustomEndpoint: boolean;
  /** As v3 holds them: the options as given, else v3's defaults (the service's SDK id for `serviceId`). */
  ignoreConfiguredEndpointUrls: boolean;
  disableHostPrefix: boolean;
  tls: boolean;
  serviceId: string;
}

export type RetryMode = "standard" | "adaptive" | "legacy";
const RETRY_MODES: readonly RetryMode[] = ["standard", "adaptive", "legacy"];

/** Options only some services' endpoint rules read; their generated client options declare them. */
interface EndpointRuleOptions {
  useGlobalEndpoint?: boolean | Provider<boolean | undefined>;
}

const DEFAULT_MAX_ATTEMPTS = 3;

/** A whole number within bounds, the rule of numeric settings wherever they come from. */
export interface WholeNumberBounds {
  readonly min: number;
  readonly max?: number;
}
export const ATTEMPTS_BOUNDS: WholeNumberBounds = { min: 1 };
/** v3's range: up to 10 MiB. */
export const COMPRESSION_SIZE_BOUNDS: WholeNumberBounds = { min: 0, max: 10_485_760 };

export function isWholeNumber(value: number, { min, max = Infinity }: WholeNumberBounds): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

export function wholeNumberRule({ min, max }: WholeNumberBounds): string {
  return max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
}

/**
 * Resolves the options of a client for the service with this SDK id: each setting from, in order, the option,
 * the environment and the shared config profile. Nothing is read until a call needs it, and the profile only
 * when neither the option nor the environment decided.
 */
export function resolveQueryClientConfig<C extends QueryClientConfig<any>>(given: C, sdkId: string): Omit<C, keyof QueryClientConfig> & QueryClientResolvedConfig {
  // As in v3, an option set to null is one not given (code that merges settings often writes null for "none").
  const config = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== null)) as C;
  const { region, credentials, credentialDefaultProvider, profile, endpoint, requestHandler, maxAttempts, retryMode, useFipsEndpoint, useDualstackEndpoint, logger, systemClockOffset, validateInput, disableRequestCompression, requestMinCompressionSizeBytes, customUserAgent, userAgentAppId, endpointProvider, ignoreConfiguredEndpointUrls, signingRegion, signingName, disableClockSkewCorrection, defaultsMode: givenMode, retryStrategy, ...rest } =
    config;
  refuseUnsupported(rest);
  const namedMode = givenMode ?? readEnv("AWS_DEFAULTS_MODE");
  const modeSource = givenMode === undefined ? "AWS_DEFAULTS_MODE" : "defaultsMode";
  // A mode given as a value that is none is refused now, not at the first call (v3 fails that call).
  if (namedMode !== undefined && typeof namedMode !== "function") checkedDefaultsMode(namedMode, modeSource);
  if (endpointProvider !== undefined && typeof endpointProvider !== "function") throw new TypeError("endpointProvider must be a function");
  // v3's handlers also take a provider of their options; keysmith's make their agents when the client is made.
  if (requestHandler !== undefined && typeof requestHandler !== "object") {
    throw new TypeError(`requestHandler must be a handler (an object with handle()) or its options (got ${described(requestHandler)})`);
  }
  const resolvedLogger = logger === undefined ? silentLogger : guardedLogger(logger);
  const fromProfile = once(() => profileSettings(profile));
  const serviceId = sdkId.toUpperCase().replace(/ /g, "_");
  const ignoreConfigured = () => ignoreConfiguredEndpointUrls === true || envBoolean("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") === true;
  // As in the official SDK, every provider gets this configuration as callerClientConfig at each call, and the
  // default provider is made from it (also passed as parentClientConfig), here on first use.
  let fallback: AwsCredentialIdentityProvider | undefined;
  const defaultProvider: AwsCredentialIdentityProvider = (properties) =>
    (fallback ??= resolved.credentialDefaultProvider({ ...resolved, parentClientConfig: resolved }))(properties);
  const givenRegion = required(setting(checked(region, "region", isRegionText, REGION_RULE), environmentRegion, fromProfile, (p) => p.region, undefined), MISSING_REGION);
  // As v3 has it: the option, else AWS_DEFAULTS_MODE, else the profile's defaults_mode, else "legacy"; worked out
  // once, before the default handler's first request.
  const defaultsMode = once(async (): Promise<DefaultsMode> => {
    const named = typeof namedMode === "function" ? await namedMode() : namedMode;
    const mode = named === undefined ? checkedDefaultsMode((await fromProfile()).defaultsMode ?? "legacy", "the profile's defaults_mode") : checkedDefaultsMode(named, modeSource);
    return mode === "auto" ? autoDefaultsMode(resolved.region) : mode;
  });
  const givenEndpoint = endpoint === undefined ? undefined : async () => endpointV1(typeof endpoint === "function" ? await endpoint() : endpoint);
  const givenUrl = endpoint === undefined ? undefined : typeof endpoint === "function" ? async () => parseEndpoint(await endpoint(), "the endpoint option") : parseEndpoint(endpoint, "the endpoint option");
  const fipsSetting = setting(checkedSwitch(useFipsEndpoint, "useFipsEndpoint"), () => envBoolean("AWS_USE_FIPS_ENDPOINT"), fromProfile, (p) => p.useFipsEndpoint, false);
  const resolved: Omit<C, keyof QueryClientConfig> & QueryClientResolvedConfig = {
    // What the client does not resolve (the accepted v3 options among it) stays on its configuration as given.
    ...(rest as Omit<C, keyof QueryClientConfig>),
    region: async () => realRegion(await givenRegion()),
    credentials: resolveCredentials(credentials ?? defaultProvider, () => resolved),
    credentialDefaultProvider: credentialDefaultProvider ?? defaultCredentials,
    profile,
    endpoint: givenEndpoint,
    endpointUrl: setting(
      givenUrl === undefined ? undefined : () => endpointUrlNow(resolved.endpoint, givenEndpoint, givenUrl),
      () => (ignoreConfigured() ? undefined : envUrl(`AWS_ENDPOINT_URL_${serviceId}`) ?? envUrl("AWS_ENDPOINT_URL")),
      fromProfile,
      (p) => {
        if (p.ignoreConfiguredEndpointUrls || ignoreConfigured()) return undefined;
        const url = p.serviceEndpointUrls[sdkId.toLowerCase().replace(/ /g, "_")] ?? p.endpointUrl;
        return url === undefined ? undefined : parseEndpoint(url, "the profile's endpoint_url");
      },
      undefined,
    ),
    requestHandler: isHandler(requestHandler)
      ? requestHandler
      : defaultRequestHandler(requestHandler, async () => DEFAULTS_MODE_CONNECTION_TIMEOUT[await defaultsMode()]),
    maxAttempts: setting(checkedWholeNumber(maxAttempts, "maxAttempts", ATTEMPTS_BOUNDS), () => envWholeNumber("AWS_MAX_ATTEMPTS", ATTEMPTS_BOUNDS), fromProfile, (p) => p.maxAttempts, DEFAULT_MAX_ATTEMPTS),
    retryMode: setting(checked(retryMode as RetryMode | Provider<RetryMode> | undefined, "retryMode", isRetryMode, RETRY_MODE_RULE), () => envRetryMode("AWS_RETRY_MODE"), fromProfile, (p) => p.retryMode, "standard"),
    retryStrategy: retryStrategy === undefined ? undefined : retryStrategyProvider(retryStrategy),
    // As in v3, a region given as a FIPS pseudo-region asks for FIPS endpoints, whatever the setting says.
    useFipsEndpoint: async () => (isFipsRegion(await givenRegion().catch(() => "")) ? true : fipsSetting()),
    useDualstackEndpoint: setting(checkedSwitch(useDualstackEndpoint, "useDualstackEndpoint"), () => envBoolean("AWS_USE_DUALSTACK_ENDPOINT"), fromProfile, (p) => p.useDualstackEndpoint, false),
    useGlobalEndpoint: resolveUseGlobalEndpoint((config as EndpointRuleOptions).useGlobalEndpoint, fromProfile),
    logger: resolvedLogger,
    systemClockOffset: systemClockOffset === undefined ? 0 : checkedValue(systemClockOffset, "systemClockOffset", Number.isFinite, "a finite number of milliseconds"),
    disableClockSkewCorrection: setting(disableClockSkewCorrection, () => envBoolean("AWS_DISABLE_CLOCK_SKEW_CORRECTION"), fromProfile, (p) => p.disableClockSkewCorrection, false),
    validateInput: validateInput ?? true,
    disableRequestCompression,
    requestMinCompressionSizeBytes: checkedWholeNumber(requestMinCompressionSizeBytes, "requestMinCompressionSizeBytes", COMPRESSION_SIZE_BOUNDS),
    customUserAgent:
      customUserAgent === undefined
        ? undefined
        : typeof customUserAgent === "string"
          ? [[customUserAgent]]
          : checkedValue(customUserAgent, "customUserAgent", isUserAgent, USER_AGENT_RULE),
    endpointProvider,
    signingRegion: signingRegion === undefined ? undefined : checkedValue(signingRegion, "signingRegion", isScopePart, SCOPE_PART_RULE),
    signingName: signingName === undefined ? undefined : checkedValue(signingName, "signingName", isScopePart, SCOPE_PART_RULE),
    defaultsMode,
    isCustomEndpoint: endpoint !== undefined,
    ignoreConfiguredEndpointUrls: !!ignoreConfiguredEndpointUrls,
    disableHostPrefix: config.disableHostPrefix ?? false,
    tls: config.tls ?? true,
    serviceId: config.serviceId ?? sdkId,
    userAgentAppId: setting(checked(userAgentAppId, "userAgentAppId", isTextOrNothing, "text, or a provider of it"), () => readEnv("AWS_SDK_UA_APP_ID") || undefined, fromProfile, (p) => p.userAgentAppId, undefined),
  };
  return resolved;
}

function refuseUnsupported(options: object): void {
  for (const [name, reason] of Object.entries(REFUSED_OPTIONS)) {
    if ((options as Record<string, unknown>)[name] !== undefined) throw new TypeError(`${name} is not supported: ${reason}`);
  }
}

/**
 * STS's `useGlobalEndpoint`: the option, else AWS_STS_REGIONAL_ENDPOINTS or the profile's `sts_regional_endpoints`
 * ("legacy" sends the legacy regions to sts.amazonaws.com), else regional; a provider's undefined is regional, as in v3.
 */
function resolveUseGlobalEndpoint(option: EndpointRuleOptions["useGlobalEndpoint"], fromProfile: () => Promise<ProfileSettings>): Provider<boolean> {
  if (typeof option === "function") return async () => (await option()) ?? false;
  const legacy = (value: string | undefined) => (value === undefined ? undefined : value === "legacy");
  return setting(option, () => legacy(readEnv("AWS_STS_REGIONAL_ENDPOINTS")), fromProfile, (p) => legacy(p.stsRegionalEndpoints), false);
}

/** A setting worked out on first use: the option, else the environment, else the profile, else the default. */
export function setting<T, D extends T | undefined>(
  option: T | Provider<T> | undefined,
  fromEnv: () => T | undefined,
  fromProfile: () => Promise<ProfileSettings>,
  pick: (profile: ProfileSettings) => T | undefined,
  fallback: D,
): Provider<T | D> {
  if (typeof option === "function") return option as Provider<T>;
  return once(async () => option ?? fromEnv() ?? pick(await fromProfile()) ?? fallback);
}

// Text; a provider's nothing is left for the missing region's message.
const isRegionText = (value: unknown) => typeof value === "string" || value == null;
const REGION_RULE = "text such as eu-west-1, or a provider of it";
const MISSING_REGION = "Region is missing: set the region option, AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config profile";

/** v3's FIPS pseudo-regions: "us-east-1-fips", "fips-us-east-1", "aws-global-fips" name a region and ask for FIPS. */
const isFipsRegion = (region: string) => region.startsWith("fips-") || region.endsWith("-fips");

/** The region a FIPS pseudo-region names, as v3 reads it; any other region as it is. */
function realRegion(region: string): string {
  if (!isFipsRegion(region)) return region;
  return region === "fips-aws-global" || region === "aws-fips" ? "us-east-1" : region.replace(/fips-(dkr-|prod-)?|-fips/, "");
}

/** A setting that must have a value: a provider that rejects with `message` when there is none (or it is ""). */
function required<T>(provider: Provider<T | undefined>, message: string): Provider<T> {
  return async () => {
    const value = await provider();
    if (value === undefined || value === null || value === "") throw new Error(message);
    return value;
  };
}

/**
 * An option as given, checked: a value now, so a bad one fails the client's construction; a provider's value each
 * time it is read, before anything is sent. The rule and the bad value go into the message (these options hold
 * numbers and names, never secrets).
 */
function checked<T>(option: T | Provider<T> | undefined, name: string, valid: (value: T) => boolean, rule: string): T | Provider<T> | undefined {
  if (option === undefined) return undefined;
  if (typeof option !== "function") return checkedValue(option as T, name, valid, rule);
  const provider = option as Provider<T>;
  return async () => checkedValue(await provider(), name, valid, rule);
}

/** The strategy as v3's configuration holds it, a provider; one that is no RetryStrategyV2 is refused, saying why. */
function retryStrategyProvider(strategy: RetryStrategyV2): Provider<RetryStrategyV2> {
  const s = strategy as Partial<RetryStrategyV2> & { retry?: unknown };
  if (typeof s?.acquireInitialRetryToken === "function" && typeof s.refreshRetryTokenForRetry === "function" && typeof s.recordSuccess === "function") {
    return () => Promise.resolve(strategy);
  }
  const got = typeof s?.retry === "function" ? "one that runs the call itself, with retry(), so could retry an operation that is not idempotent" : typeof s;
  throw new TypeError(`retryStrategy must be a RetryStrategyV2, with acquireInitialRetryToken, refreshRetryTokenForRetry and recordSuccess (got ${got})`);
}

function checkedValue<T>(value: T, name: string, valid: (value: T) => boolean, rule: string): T {
  if (valid(value)) return value;
  throw new TypeError(`${name} must be ${rule} (got ${described(value)})`);
}

/** A bad option's value, for its error: text quoted, a number or a constant as it is, else what kind of thing it is. */
function described(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  return Array.isArray(value) ? "an array" : value !== null && typeof value === "object" ? "an object" : String(value);
}

function checkedWholeNumber(option: number | Provider<number> | undefined, name: string, bounds: WholeNumberBounds): number | Provider<number> | undefined {
  return checked(option, name, (value) => isWholeNumber(value, bounds), wholeNumberRule(bounds));
}

// A part of the SigV4 credential scope, which the service compares as it is: lowercase words joined by hyphens.
const isScopePart = (value: string) => typeof value === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
const SCOPE_PART_RULE = "lowercase letters, digits and single hyphens, such as eu-west-1 or sts";

/** A switch given as true or false (a provider's nothing is false): text such as "false" would turn it on. */
function checkedSwitch(option: boolean | Provider<boolean> | undefined, name: string): boolean | Provider<boolean> | undefined {
  return checked(option, name, (value) => typeof value === "boolean" || value === undefined, "true or false, or a provider of it");
}

const isTextOrNothing = (value: unknown) => typeof value === "string" || value === undefined;
// v3's UserAgent: [name, version?] pairs of text.
const isUserAgent = (value: UserAgent) =>
  Array.isArray(value) && value.every((pair) => Array.isArray(pair) && typeof pair[0] === "string" && (pair[1] === undefined || typeof pair[1] === "string"));
const USER_AGENT_RULE = "text, or a list of [name, version] pairs";

const isRetryMode = (value: string): value is RetryMode => (RETRY_MODES as readonly string[]).includes(value);
const RETRY_MODE_RULE = RETRY_MODES.map((mode) => `"${mode}"`).join(", ").replace(/, ([^,]*)$/, " or $1");

export function once<T>(compute: () => Promise<T>): Provider<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

export function envBoolean(name: string): boolean | undefined {
  const value = readEnv(name);
  if (value === undefined || value === "") return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new TypeError(`${name} must be "true" or "false" (got ${JSON.stringify(value)})`);
}

export function envWholeNumber(name: string, bounds: WholeNumberBounds): number | undefined {
  const value = readEnv(name);
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value) || !isWholeNumber(Number(value), bounds)) throw new TypeError(`${name} must be ${wholeNumberRule(bounds)} (got ${JSON.stringify(value)})`);
  return Number(value);
}

function envRetryMode(name: string): RetryMode | undefined {
  const value = readEnv(name);
  if (value === undefined || value === "") return undefined;
  if (!isRetryMode(value)) throw new TypeError(`${name} must be ${RETRY_MODE_RULE} (got ${JSON.stringify(value)})`);
  return value;
}

function envUrl(name: string): URL | undefined {
  const value = readEnv(name);
  return value ? parseEndpoint(value, name) : undefined;
}

/** A handler instance, as against options for the default one. */
export function isHandler(value: QueryClientConfig["requestHandler"]): value is HttpRequestHandler {
  return typeof (value as HttpRequestHandler | undefined)?.handle === "function";
}

/**
 * The URL calls go to once the endpoint option was given: the option's, or that of what replaced it on
 * `client.config.endpoint` since, as v3 reads it at each call; none when it was replaced with undefined (the rules'
 * endpoint then, as in v3).
 */
async function endpointUrlNow(current: unknown, given: Provider<Endpoint> | undefined, givenUrl: URL | Provider<URL>): Promise<URL | undefined> {
  if (current === given) return settingValue(givenUrl);
  if (current === undefined) return undefined;
  return parseEndpoint(await settingValue(current as EndpointInput | Provider<EndpointInput>), "client.config.endpoint");
}

function parseEndpoint(endpoint: EndpointInput, source: string): URL {
  const text = endpointText(endpoint);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    throw new TypeError(`${source} must be an absolute http(s) URL such as https://iam.amazonaws.com, or v3's { protocol, hostname, port, path } or { url } (got ${JSON.stringify(text)})`);
  }
  return url;
}

/**
 * The endpoint option as v3's `config.endpoint()` gives it: an object as given, else the URL's parts (and the headers
 * of an EndpointV2, named in lower case and their values joined), as smithy's `toEndpointV1` makes them.
 */
function endpointV1(endpoint: EndpointInput): Endpoint {
  // A URL too, as smithy's toEndpointV1 passes any object without `url` through.
  if (typeof endpoint === "object" && !("url" in endpoint)) return endpoint as Endpoint;
  const { hostname, port, protocol, pathname: path, search } = parseEndpoint(endpoint, "the endpoint option");
  // Read as smithy reads it: `+` stays a plus, a name without `=` has the value null, repeated names a list.
  const query: QueryParameterBag = {};
  for (const pair of search.slice(1).split("&")) {
    const [name, value] = pair.split("=") as [string, string?];
    const decoded = value ? decodeURIComponent(value) : (value ?? null);
    const key = decodeURIComponent(name);
    // A null among several (`?a&a=1`) is kept, as smithy keeps it, though its type says strings.
    query[key] = Object.hasOwn(query, key) ? ([query[key]!, decoded].flat() as string[]) : decoded;
  }
  const { headers } = endpoint as Partial<EndpointV2>;
  return {
    hostname,
    port: port ? Number(port) : undefined,
    protocol,
    path,
    query: search ? query : undefined,
    ...(headers && { headers: Object.fromEntries(Object.entries(headers).map(([name, values]) => [name.toLowerCase(), values.join(", ")])) }),
  };
}

/** An endpoint option as a URL's text: v3's `{ url }` and `{ protocol, hostname, port, path, query }` spelled out. */
function endpointText(endpoint: EndpointInput): string {
  if (typeof endpoint === "string" || endpoint instanceof URL) return String(endpoint);
  if (typeof endpoint !== "object" || endpoint === null) return String(endpoint);
  if ("url" in endpoint) return String(endpoint.url);
  const { protocol, hostname, port, path = "/", query } = endpoint;
  if (typeof protocol !== "string" || typeof hostname !== "string") return "an object without url, protocol or hostname";
  const search = query ? new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => [k, item ?? ""]))).toString() : "";
  return `${protocol.replace(/:?$/, ":")}//${hostname}${port === undefined ? "" : `:${port}`}${path}${search ? `?${search}` : ""}`;
}
