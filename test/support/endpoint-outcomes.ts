// What a resolved endpoint comes to for a client (where it sends, how it signs, which headers it adds) or the error,
// for compiled rule sets and the official rules interpreter alike, so that tests compare the two on any parameters.
import { awsEndpointFunctions } from "@aws-sdk/util-endpoints";
import type { RuleSetObject } from "@smithy/types";
import { customEndpointFunctions, resolveEndpoint as interpret } from "@smithy/util-endpoints";
import fc from "fast-check";
import type { EndpointParameterValues, RuleEndpoint } from "../../src/contract.js";

// The interpreter finds the aws.* functions of the rules language here.
customEndpointFunctions.aws = awsEndpointFunctions;

/**
 * Where a client sends and how it signs: the URL, and the SigV4 scope the rules name, else the client's own (the
 * service's signing name, the client's region), as the endpoint middleware fills it in.
 */
export interface Signed {
  url: string;
  signingName: string | undefined;
  signingRegion: string | undefined;
}

export function signed(
  url: string | URL,
  scope: { signingName?: string; signingRegion?: string } | undefined,
  params: EndpointParameterValues,
  signingName: string,
): Signed {
  return { url: new URL(url).href, signingName: scope?.signingName ?? signingName, signingRegion: scope?.signingRegion ?? (params.Region as string | undefined) };
}

/** An endpoint's sigv4 auth scheme, as the official interpreter and the models' endpoint tests state it. */
export function sigv4Of(endpoint: { properties?: Record<string, unknown> }): { signingName?: string; signingRegion?: string } | undefined {
  const schemes = (endpoint.properties?.authSchemes ?? []) as Array<{ name?: string; signingName?: string; signingRegion?: string }>;
  return schemes.find((scheme) => scheme.name === "sigv4");
}

export type EndpointOutcome = (Signed & { headers: unknown }) | { error: string };

function outcome(run: () => { url: string | URL; headers?: unknown }, scope: (endpoint: any) => Signed): EndpointOutcome {
  try {
    const endpoint = run();
    return { ...scope(endpoint), headers: endpoint.headers ?? {} };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** What a compiled rule set resolves for `params`. */
export function compiledOutcome(resolve: (params: any) => RuleEndpoint, params: EndpointParameterValues, signingName: string): EndpointOutcome {
  return outcome(() => resolve(params), (endpoint: RuleEndpoint) => signed(endpoint.url, endpoint, params, signingName));
}

/** What the official interpreter resolves for `params` by `ruleSet`. */
export function interpretedOutcome(ruleSet: unknown, params: EndpointParameterValues, signingName: string): EndpointOutcome {
  return outcome(
    () => interpret(ruleSet as RuleSetObject, { endpointParams: { ...params } as never }),
    (endpoint) => signed(endpoint.url, sigv4Of(endpoint), params, signingName),
  );
}

/** An arbitrary that may also leave the parameter unset. */
export const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Regions of every partition, unknown ones, and strings no host name can hold. */
export const regions = ["us-east-1", "eu-west-3", "aws-global", "cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1", "us-iso-east-1"];
regions.push("us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "mars-east-1", "us-east-1.evil", "", "UPPER-1", "a".repeat(64));

/** Custom endpoints, with and without what parseURL refuses. */
export const endpoints = ["https://example.com", "http://127.0.0.1:4566/path", "https://example.com:443/a/", "https://[::1]:8443", "not a url", "ftp://example.com"];
endpoints.push("https://example.com/?query=1");

/** Random values of the parameters that AWS's rule sets bind to the client's settings. */
export const settingParams: fc.Arbitrary<EndpointParameterValues> = fc.record({
  Region: optional(fc.oneof(fc.constantFrom(...regions), fc.string({ maxLength: 12 }))),
  UseFIPS: optional(fc.boolean()),
  UseDualStack: optional(fc.boolean()),
  UseGlobalEndpoint: optional(fc.boolean()),
  Endpoint: optional(fc.constantFrom(...endpoints)),
});
