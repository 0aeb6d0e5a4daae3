/**
 * Endpoint resolution: evaluates a service's `smithy.rules#endpointRuleSet` (from the model) for one set
 * of parameters and returns the URL and SigV4 scope the request must use.
 */
import { awsEndpointFunctions } from "@aws-sdk/util-endpoints";
import type { RuleSetObject } from "@smithy/types";
import { customEndpointFunctions, EndpointError, resolveEndpoint } from "@smithy/util-endpoints";

// The rule sets call `aws.partition`; the engine finds `aws.*` functions in this registry. Registering is a
// plain assignment, done once when the module loads, as the official v3 clients do.
customEndpointFunctions.aws = awsEndpointFunctions;

export interface ResolvedEndpoint {
  url: URL;
  /** From the first sigv4 auth scheme of the endpoint; undefined when the rule set names none (custom endpoints). */
  signingName?: string;
  /** From the first sigv4 auth scheme of the endpoint; undefined when the rule set names none (custom endpoints). */
  signingRegion?: string;
}

export type EndpointParameterValues = Record<string, string | boolean | undefined>;

interface CachedEndpoint {
  readonly href: string;
  readonly signingName: string | undefined;
  readonly signingRegion: string | undefined;
}

/** A client resolves the same parameters on every call, so results are kept per rule set, a few of them. */
const CACHE_LIMIT = 32;
const cache = new WeakMap<RuleSetObject, Map<string, CachedEndpoint>>();

/**
 * Resolves the endpoint for `params` (rule-set parameter name → value; undefined means unset, and the
 * parameter's default applies). Throws a plain `Error` carrying the rule set's message when the configuration
 * cannot be served, e.g. "Invalid Configuration: FIPS and custom endpoint are not supported".
 *
 * Results are cached per rule set object. The partition data behind `aws.partition` is assumed not to change
 * while a rule set object is in use.
 */
export function resolveModelEndpoint(ruleSet: RuleSetObject, params: EndpointParameterValues): ResolvedEndpoint {
  const names = Object.keys(ruleSet.parameters);
  const key = JSON.stringify(names.map((name) => params[name] ?? null));
  let entries = cache.get(ruleSet);
  let found = entries?.get(key);
  if (found === undefined) {
    found = evaluate(ruleSet, names, params);
    if (entries === undefined) cache.set(ruleSet, (entries = new Map()));
    if (entries.size >= CACHE_LIMIT) entries.clear();
    entries.set(key, found);
  }
  // A fresh URL per call: callers may modify what they get without touching the cache.
  return { url: new URL(found.href), signingName: found.signingName, signingRegion: found.signingRegion };
}

function evaluate(ruleSet: RuleSetObject, names: readonly string[], params: EndpointParameterValues): CachedEndpoint {
  // The engine writes defaults into the object it is given, so it gets its own.
  const endpointParams: Record<string, string | boolean> = {};
  for (const name of names) {
    const value = params[name];
    if (value !== undefined) endpointParams[name] = value;
  }
  let resolved;
  try {
    resolved = resolveEndpoint(ruleSet, { endpointParams });
  } catch (error) {
    if (error instanceof EndpointError) throw new Error(error.message, { cause: error });
    throw error;
  }
  const scheme = firstSigV4Scheme(resolved.properties?.authSchemes);
  return {
    href: resolved.url.href,
    signingName: typeof scheme?.signingName === "string" ? scheme.signingName : undefined,
    signingRegion: typeof scheme?.signingRegion === "string" ? scheme.signingRegion : undefined,
  };
}

function firstSigV4Scheme(authSchemes: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(authSchemes)) return undefined;
  for (const scheme of authSchemes) {
    if (typeof scheme === "object" && scheme !== null && (scheme as Record<string, unknown>).name === "sigv4") {
      return scheme as Record<string, unknown>;
    }
  }
  return undefined;
}
