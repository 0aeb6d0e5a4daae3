import type { RuleEndpoint } from "../contract.js";
/**
 * Endpoints as the generated code gives them: each service's rule set is compiled to a `resolveEndpoint` function
 * (generated/<service>/endpoints.ts) that returns a {@link RuleEndpoint}; the client reads the URL and the SigV4
 * scope from it.
 */


export interface ResolvedEndpoint {
  url: URL;
  /** From the first sigv4 auth scheme of the endpoint; undefined when the rule names none (custom endpoints). */
  signingName?: string;
  /** From the first sigv4 auth scheme of the endpoint; undefined when the rule names none (custom endpoints). */
  signingRegion?: string;
  /** Headers the rule says every request to this endpoint carries. */
  headers?: Record<string, string[]>;
}

/** The URL (parsed, so a malformed one fails here) and the SigV4 scope of a rule's endpoint. */
export function resolvedEndpoint(endpoint: RuleEndpoint): ResolvedEndpoint {
  const scheme = firstSigV4Scheme(endpoint.properties?.authSchemes);
  return {
    url: new URL(endpoint.url),
    signingName: typeof scheme?.signingName === "string" ? scheme.signingName : undefined,
    signingRegion: typeof scheme?.signingRegion === "string" ? scheme.signingRegion : undefined,
    ...(endpoint.headers && { headers: endpoint.headers }),
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
