/**
 * The endpoint rules language's standard library and AWS functions, for rule sets compiled to TypeScript. Each
 * function behaves as the official SDK's (@smithy/core's endpoint lib, @aws-sdk/util-endpoints) for every input a
 * rule set can give it, so a compiled rule set resolves the same endpoints; it just does not load the evaluator.
 */
import { partitionData } from "./partitions.js";

/**
 * The outputs of `aws.partition`: a partition's DNS suffixes and capabilities, with a listed region's overrides. The
 * official SDK's also carries a listed region's description, which no rule can read.
 */
export interface Partition {
  name: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
  implicitGlobalRegion: string;
}

/** `aws.partition`: the partition that lists the region, else the first whose region regex matches, else aws. */
export function partition(region: string): Partition {
  const { partitions } = partitionData;
  const listing = partitions.find((entry) => Object.hasOwn(entry.regions, region));
  if (listing) return { ...listing.outputs, ...listing.regions[region] };
  const matching = partitions.find((entry) => entry.regionRegex.test(region)) ?? partitions.find((entry) => entry.id === "aws");
  if (!matching) throw new Error("src/endpoint/partitions.ts has no aws partition: run `npm run update-partitions`");
  return { ...matching.outputs };
}

/** The parts of an ARN, `arn:partition:service:region:account-id:resource`. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** The resource split on both ':' and '/'. */
  resourceId: string[];
}

/** `aws.parseArn`: null unless the value starts with "arn" and has a partition, a service and a non-empty resource. */
export function parseArn(value: string): Arn | null {
  const [prefix, partitionName, service, region, accountId, ...resourceParts] = value.split(":");
  const resource = resourceParts.join(":");
  if (prefix !== "arn" || !partitionName || !service || resource === "") return null;
  return { partition: partitionName, service, region, accountId, resourceId: resource.split(/[:/]/) };
}

// RFC 1123 host label: 1-63 letters, digits and hyphens, neither first nor last a hyphen.
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
// S3 bucket label: 3-63 lowercase letters, digits and hyphens, neither first nor last a hyphen.
const S3_BUCKET_LABEL = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Whether the value is one host label or, with allowSubDomains, labels joined by dots. */
export function isValidHostLabel(value: string, allowSubDomains: boolean): boolean {
  return labels(value, allowSubDomains).every((label) => HOST_LABEL.test(label));
}

/**
 * `aws.isVirtualHostableS3Bucket`: whether the bucket name can be the leftmost labels of a host name. The official
 * check also rejects IP addresses, but only label by label, and no single label can be one; so, as there,
 * "192.168.100.100" passes with allowSubDomains.
 */
export function isVirtualHostableS3Bucket(value: string, allowSubDomains: boolean): boolean {
  return labels(value, allowSubDomains).every((label) => S3_BUCKET_LABEL.test(label));
}

function labels(value: string, allowSubDomains: boolean): string[] {
  return allowSubDomains ? value.split(".") : [value];
}

/** The parts of an endpoint URL that `parseURL` gives a rule set. */
export interface EndpointUrl {
  scheme: string;
  /** Host and port; the default port only when the input spelled it out. */
  authority: string;
  path: string;
  /** The path, ending in '/'. */
  normalizedPath: string;
  isIp: boolean;
}

const DEFAULT_PORTS: ReadonlyMap<string, number> = new Map([
  ["http", 80],
  ["https", 443],
]);
const IPV4_ADDRESS = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** `parseURL`: an http(s) URL without a query, parsed the WHATWG way (so "/a/../b" is "/b"); otherwise null. */
export function parseURL(value: string): EndpointUrl | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const scheme = url.protocol.slice(0, -1);
  const defaultPort = DEFAULT_PORTS.get(scheme);
  if (url.search || defaultPort === undefined) return null;
  // URL drops a default port. The official SDK keeps it when `host:port` appears in the input or the parsed href,
  // wherever it appears; the same test keeps our authorities equal to its.
  const hostWithDefaultPort = `${url.host}:${defaultPort}`;
  const keepsDefaultPort = value.includes(hostWithDefaultPort) || url.href.includes(hostWithDefaultPort);
  return {
    scheme,
    authority: keepsDefaultPort ? hostWithDefaultPort : url.host,
    path: url.pathname,
    normalizedPath: url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`,
    isIp: IPV4_ADDRESS.test(url.hostname) || (url.hostname.startsWith("[") && url.hostname.endsWith("]")),
  };
}

const NON_ASCII = /[^\x00-\x7f]/;

/** `substring`: [start, stop) of an ASCII string, counted from the end when reverse; null when out of range. */
export function substring(input: string, start: number, stop: number, reverse: boolean): string | null {
  if (start >= stop || stop > input.length || NON_ASCII.test(input)) return null;
  return reverse ? input.substring(input.length - stop, input.length - start) : input.substring(start, stop);
}

// encodeURIComponent leaves these unescaped, but RFC 3986 reserves them.
const MISSED_BY_ENCODE_URI_COMPONENT: Readonly<Record<string, string>> = { "!": "%21", "'": "%27", "(": "%28", ")": "%29", "*": "%2A" };

/** RFC 3986's unreserved characters, which encode as themselves: most ids, names and enum values are only these. */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;

/** `uriEncode`: RFC 3986 percent-encoding of UTF-8; throws a URIError for a lone surrogate, as encodeURIComponent does. */
export function uriEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => MISSED_BY_ENCODE_URI_COMPONENT[char]);
}

/**
 * `split`: limit 0 splits at every delimiter, 1 not at all, 2 at the first one. For other limits this returns what the
 * official SDK returns, which is not what the Smithy spec says: the first limit-1 parts and then everything after the
 * first delimiter (split("a--b--c", "--", 3) is ["a", "b", "b--c"], and split("a", "--", 2) is ["a", ""]).
 */
export function split(value: string, delimiter: string, limit: number): string[] {
  if (limit === 1) return [value];
  if (value === "") return [""];
  const parts = value.split(delimiter);
  if (limit === 0) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(1).join(delimiter)];
}

/**
 * `getAttr`: the value at a path such as "a.b[2]"; a negative index counts from the end of an array. A missing last
 * step gives undefined; a malformed path, or a step into something that is not an object or array, throws.
 */
export function getAttr(value: unknown, path: string): unknown {
  let current = value;
  for (const step of attrPathSteps(path)) {
    if (typeof current !== "object" || current === null) {
      throw new Error(`getAttr: cannot read '${step}' of ${current === null ? "null" : typeof current} in path '${path}'`);
    }
    if (Array.isArray(current)) {
      const index = parseInt(step);
      current = current[index < 0 ? current.length + index : index];
    } else {
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

// "a.b[2]" → ["a", "b", "2"]. An index is read with parseInt, as the official SDK reads it: "[2x]" is index 2.
function attrPathSteps(path: string): string[] {
  return path.split(".").flatMap((part) => {
    const open = part.indexOf("[");
    if (open === -1) return [part];
    if (part.indexOf("]") !== part.length - 1) throw new Error(`getAttr: path '${path}' has an index that does not end the part '${part}'`);
    const index = part.slice(open + 1, -1);
    if (Number.isNaN(parseInt(index))) throw new Error(`getAttr: path '${path}' has an index that is not a number: '${index}'`);
    return open === 0 ? [index] : [part.slice(0, open), index];
  });
}
