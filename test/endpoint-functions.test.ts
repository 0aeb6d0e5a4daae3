import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { awsEndpointFunctions, partition as referencePartition } from "@aws-sdk/util-endpoints";
import { customEndpointFunctions, isValidHostLabel as referenceIsValidHostLabel, resolveEndpoint } from "@smithy/util-endpoints";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as ours from "../src/endpoint/functions.js";
import { partitionData } from "../src/endpoint/partitions.js";
import { outcome } from "./support/outcome.js";

// @smithy/util-endpoints exports the rule evaluator but not its standard library. A one-rule rule set that hands the
// function's result to a capturing custom function reaches each one through the public evaluator, with its raw result
// (null, arrays, objects) or its exception.
let captured: unknown;
beforeAll(() => {
  customEndpointFunctions["test"] = { capture: (value: unknown) => ((captured = value), true) };
});
afterAll(() => {
  delete customEndpointFunctions["test"];
});

function evaluateInReference(fn: string, ...args: unknown[]): unknown {
  // Arguments go in as parameters: a string in argv would be evaluated as a template.
  const endpointParams = Object.fromEntries(args.map((arg, i) => [`arg${i}`, arg])) as Record<string, string>;
  const call = { fn, argv: args.map((_, i) => ({ ref: `arg${i}` })) };
  captured = undefined;
  resolveEndpoint(
    {
      version: "1.0",
      parameters: {},
      rules: [{ type: "endpoint", conditions: [{ fn: "test.capture", argv: [call] }], endpoint: { url: "https://example.com" } }],
    },
    { endpointParams },
  );
  return captured;
}

const reference = {
  partition: referencePartition,
  parseArn: awsEndpointFunctions.parseArn,
  isVirtualHostableS3Bucket: awsEndpointFunctions.isVirtualHostableS3Bucket,
  isValidHostLabel: referenceIsValidHostLabel,
  parseURL: (value: string) => evaluateInReference("parseURL", value),
  substring: (input: string, start: number, stop: number, reverse: boolean) => evaluateInReference("substring", input, start, stop, reverse),
  uriEncode: (value: string) => evaluateInReference("uriEncode", value),
  split: (value: string, delimiter: string, limit: number) => evaluateInReference("split", value, delimiter, limit),
  getAttr: (value: unknown, path: string) => evaluateInReference("getAttr", value, path),
};

const RUNS = { numRuns: 500 };

it("src/endpoint/functions.ts and src/endpoint/partitions.ts import no package, only each other", () => {
  for (const file of ["functions.ts", "partitions.ts"]) {
    const source = readFileSync(new URL(`../src/endpoint/${file}`, import.meta.url), "utf8");
    const imported = [...source.matchAll(/\b(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((match) => match[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const specifier of imported) expect(["./partitions.js", "./functions.js"], `${file} imports ${specifier}`).toContain(specifier);
  }
});

describe("the reference harness", () => {
  it("reaches the reference functions (so the comparisons below compare something)", () => {
    expect(reference.substring("abcdef", 0, 3, true)).toBe("def");
    expect(reference.split("a-b", "-", 0)).toEqual(["a", "b"]);
    expect(reference.getAttr({ a: [1, 2] }, "a[-1]")).toBe(2);
    expect(reference.uriEncode("(")).toBe("%28");
    expect(reference.parseURL("https://example.com?q")).toBeNull();
  });
});

// The partition data the installed official SDK uses, read independently of scripts/update-partitions.ts.
const installedPartitions = (() => {
  const packageJsonPath = createRequire(import.meta.url).resolve("@aws-sdk/core/package.json");
  const source = readFileSync(join(dirname(packageJsonPath), "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"), "utf8");
  const json = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
    partitions: Array<{ id: string; regionRegex: string; regions: Record<string, unknown> }>;
  };
  return json.partitions;
})();

const ourRegions = partitionData.partitions.flatMap((entry) => Object.keys(entry.regions));

/** The official `aws.partition`'s answer but a listed region's description, which no rule can read and keysmith omits. */
function referenceOutputs(region: string): object {
  const { description: _, ...outputs } = referencePartition(region) as { description?: string };
  return outputs;
}

describe("partition", () => {
  it("src/endpoint/partitions.ts is current with the installed @aws-sdk/core", () => {
    const installedRegions = installedPartitions.flatMap((entry) => Object.keys(entry.regions));
    const stale = "src/endpoint/partitions.ts is out of date with the installed @aws-sdk/core: run `npm run update-partitions`";
    expect(installedRegions.length, stale).toBeGreaterThan(30);
    for (const region of new Set([...installedRegions, ...ourRegions])) {
      expect(ours.partition(region), `${stale} (region ${region})`).toStrictEqual(referenceOutputs(region));
    }
    expect(partitionData.partitions.map((entry) => [entry.id, entry.regionRegex.source]), stale).toEqual(
      installedPartitions.map((entry) => [entry.id, new RegExp(entry.regionRegex).source]),
    );
  });

  it.each(ourRegions)("listed region %s: outputs as the reference's, without its description", (region) => {
    expect(ours.partition(region)).toStrictEqual(referenceOutputs(region));
  });

  it.each([
    { given: "us-east-1", name: "aws", dnsSuffix: "amazonaws.com" },
    { given: "cn-north-1", name: "aws-cn", dnsSuffix: "amazonaws.com.cn" },
    { given: "us-gov-west-1", name: "aws-us-gov", dnsSuffix: "amazonaws.com" },
    { given: "aws-global", name: "aws", dnsSuffix: "amazonaws.com" },
  ])("known region $given is in $name", ({ given, name, dnsSuffix }) => {
    expect(ours.partition(given)).toMatchObject({ name, dnsSuffix });
  });

  const madeUpRegions: Record<string, string> = {
    aws: "us-moon-7",
    "aws-cn": "cn-moon-7",
    "aws-eusc": "eusc-de-moon-7",
    "aws-iso": "us-iso-moon-7",
    "aws-iso-b": "us-isob-moon-7",
    "aws-iso-e": "eu-isoe-moon-7",
    "aws-iso-f": "us-isof-moon-7",
    "aws-us-gov": "us-gov-moon-7",
  };
  it("has a made-up region below for every partition in the data", () => {
    expect(Object.keys(madeUpRegions).sort()).toEqual(partitionData.partitions.map((entry) => entry.id).sort());
  });
  it.each(Object.entries(madeUpRegions))("a made-up region of %s matches its regex and gets its outputs", (name, region) => {
    const result = ours.partition(region);
    expect(result.name).toBe(name);
    expect(result).toStrictEqual(referencePartition(region));
  });

  it.each(["", "mars-north-1", "US-EAST-1", "us-east-1 ", "us-east", "toString", "__proto__", "global"])(
    "unknown string %j falls back to aws, as the reference",
    (given) => {
      const result = ours.partition(given);
      expect(result.name).toBe("aws");
      expect(result).toStrictEqual(referencePartition(given));
    },
  );

  it("returns a fresh object: changing a result does not change the next", () => {
    ours.partition("us-east-1").dnsSuffix = "changed";
    expect(ours.partition("us-east-1").dnsSuffix).toBe("amazonaws.com");
  });

  it("equals the reference for listed, regex-matched and arbitrary strings (property)", () => {
    const region = fc.oneof(
      fc.constantFrom(...ourRegions),
      ...partitionData.partitions.map((entry) => fc.stringMatching(entry.regionRegex)),
      fc.string(),
      fc.array(fc.constantFrom("us", "cn", "eu", "gov", "iso", "isob", "eusc", "de", "east", "1", "-", "_"), { maxLength: 6 }).map((parts) => parts.join("-")),
    );
    fc.assert(
      fc.property(region, (given) => {
        expect(ours.partition(given)).toStrictEqual(referenceOutputs(given));
      }),
      RUNS,
    );
  });
});

describe("isValidHostLabel", () => {
  it.each([
    { given: "", allowSubDomains: false, want: false },
    { given: "", allowSubDomains: true, want: false },
    { given: "a", allowSubDomains: false, want: true },
    { given: "Host-1", allowSubDomains: false, want: true },
    { given: "a".repeat(63), allowSubDomains: false, want: true },
    { given: "a".repeat(64), allowSubDomains: false, want: false },
    { given: "-a", allowSubDomains: false, want: false },
    { given: "a-", allowSubDomains: false, want: false },
    { given: "-", allowSubDomains: false, want: false },
    { given: "a_b", allowSubDomains: false, want: false },
    { given: "a.b", allowSubDomains: false, want: false },
    { given: "a.b", allowSubDomains: true, want: true },
    { given: `${"a".repeat(63)}.${"b".repeat(63)}`, allowSubDomains: true, want: true },
    { given: `a.${"b".repeat(64)}`, allowSubDomains: true, want: false },
    { given: "a..b", allowSubDomains: true, want: false },
    { given: ".a", allowSubDomains: true, want: false },
    { given: "a.", allowSubDomains: true, want: false },
    { given: "a.-b", allowSubDomains: true, want: false },
    { given: "é", allowSubDomains: false, want: false },
  ])("$given (allowSubDomains $allowSubDomains) → $want", ({ given, allowSubDomains, want }) => {
    expect(ours.isValidHostLabel(given, allowSubDomains)).toBe(want);
    expect(reference.isValidHostLabel(given, allowSubDomains)).toBe(want);
  });
});

// Host-ish strings: labels from a small alphabet with lengths around the 3- and 63-character bounds, and IPv4 addresses.
const hostChar = fc.constantFrom("a", "z", "A", "0", "9", "-", ".", "_", "é", " ");
const labelAround63 = fc
  .tuple(fc.constantFrom("a", "A", "1", "-"), fc.integer({ min: 0, max: 66 }), fc.constantFrom("", "-", "B"))
  .map(([first, middle, last]) => `${first}${"x".repeat(middle)}${last}`);
const hostish = fc.oneof(
  fc.string({ unit: hostChar, maxLength: 24 }),
  fc.array(fc.oneof(labelAround63, fc.string({ unit: hostChar, maxLength: 5 })), { minLength: 1, maxLength: 3 }).map((labels) => labels.join(".")),
  fc.ipV4(),
);

describe("isValidHostLabel (property)", () => {
  it("equals the reference", () => {
    fc.assert(
      fc.property(hostish, fc.boolean(), (value, allowSubDomains) => {
        expect(ours.isValidHostLabel(value, allowSubDomains)).toBe(reference.isValidHostLabel(value, allowSubDomains));
      }),
      RUNS,
    );
  });
});

describe("isVirtualHostableS3Bucket", () => {
  it.each([
    { given: "bucket", allowSubDomains: false, want: true },
    { given: "my-bucket-1", allowSubDomains: false, want: true },
    { given: "ab", allowSubDomains: false, want: false },
    { given: "abc", allowSubDomains: false, want: true },
    { given: "a".repeat(63), allowSubDomains: false, want: true },
    { given: "a".repeat(64), allowSubDomains: false, want: false },
    { given: "Bucket", allowSubDomains: false, want: false },
    { given: "bucKet", allowSubDomains: true, want: false },
    { given: "-bucket", allowSubDomains: false, want: false },
    { given: "bucket-", allowSubDomains: false, want: false },
    { given: "bucket_name", allowSubDomains: false, want: false },
    { given: "abc.bucket", allowSubDomains: false, want: false },
    { given: "abc.bucket", allowSubDomains: true, want: true },
    { given: "abc..bucket", allowSubDomains: true, want: false },
    { given: "my.bucket", allowSubDomains: true, want: false },
    { given: `${"a".repeat(63)}.${"b".repeat(63)}`, allowSubDomains: true, want: true },
    { given: "192.168.1.1", allowSubDomains: false, want: false },
    { given: "192.168.1.1", allowSubDomains: true, want: false },
    // Checked label by label, an IPv4-looking name whose labels are all 3 characters passes, in the reference too.
    { given: "192.168.100.100", allowSubDomains: true, want: true },
    { given: "[::1]", allowSubDomains: false, want: false },
  ])("$given (allowSubDomains $allowSubDomains) → $want", ({ given, allowSubDomains, want }) => {
    expect(ours.isVirtualHostableS3Bucket(given, allowSubDomains)).toBe(want);
    expect(reference.isVirtualHostableS3Bucket(given, allowSubDomains)).toBe(want);
  });

  it("equals the reference (property)", () => {
    fc.assert(
      fc.property(hostish, fc.boolean(), (value, allowSubDomains) => {
        expect(ours.isVirtualHostableS3Bucket(value, allowSubDomains)).toBe(reference.isVirtualHostableS3Bucket(value, allowSubDomains));
      }),
      RUNS,
    );
  });
});

describe("parseArn", () => {
  it.each([
    {
      given: "arn:aws:iam::123456789012:user/Development/product_1234/*",
      want: { partition: "aws", service: "iam", region: "", accountId: "123456789012", resourceId: ["user", "Development", "product_1234", "*"] },
    },
    {
      given: "arn:aws:sns:us-east-1:123456789012:example-topic",
      want: { partition: "aws", service: "sns", region: "us-east-1", accountId: "123456789012", resourceId: ["example-topic"] },
    },
    {
      given: "arn:aws-cn:s3:us-west-2:123456789012:accesspoint:my/end:point",
      want: { partition: "aws-cn", service: "s3", region: "us-west-2", accountId: "123456789012", resourceId: ["accesspoint", "my", "end", "point"] },
    },
    { given: "arn:aws:s3:::bucket", want: { partition: "aws", service: "s3", region: "", accountId: "", resourceId: ["bucket"] } },
    { given: "arn:aws:s3:::bucket:", want: { partition: "aws", service: "s3", region: "", accountId: "", resourceId: ["bucket", ""] } },
    { given: "arn:aws:s3:::/", want: { partition: "aws", service: "s3", region: "", accountId: "", resourceId: ["", ""] } },
    { given: "arn:aws:s3:::", want: null },
    { given: "arn:aws:s3::123456789012", want: null },
    { given: "arn:aws:s3", want: null },
    { given: "", want: null },
    { given: "arn::s3:::bucket", want: null },
    { given: "arn:aws::::bucket", want: null },
    { given: "ARN:aws:s3:::bucket", want: null },
    { given: "urn:aws:s3:::bucket", want: null },
  ])("$given", ({ given, want }) => {
    expect(ours.parseArn(given)).toStrictEqual(want);
    expect(reference.parseArn(given)).toStrictEqual(want);
  });

  it("equals the reference (property)", () => {
    const arnish = fc.oneof(
      fc.array(fc.constantFrom("arn", "aws", "s3", "", "us-east-1", "123456789012", "a/b", "/", "x", "::"), { maxLength: 9 }).map((parts) => parts.join(":")),
      fc.string(),
    );
    fc.assert(
      fc.property(arnish, (value) => {
        expect(ours.parseArn(value)).toStrictEqual(reference.parseArn(value));
      }),
      RUNS,
    );
  });
});

describe("parseURL", () => {
  // The reference logs every URL it cannot parse; keep the test output quiet.
  beforeAll(() => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  const url = (scheme: string, authority: string, path: string, normalizedPath: string, isIp = false) => ({ scheme, authority, path, normalizedPath, isIp });
  it.each([
    { given: "https://example.com", want: url("https", "example.com", "/", "/") },
    { given: "https://example.com/", want: url("https", "example.com", "/", "/") },
    { given: "http://example.com:80/foo/bar", want: url("http", "example.com:80", "/foo/bar", "/foo/bar/") },
    { given: "https://example.com:443", want: url("https", "example.com:443", "/", "/") },
    { given: "http://example.com:443", want: url("http", "example.com:443", "/", "/") },
    { given: "https://example.com:8443/a/", want: url("https", "example.com:8443", "/a/", "/a/") },
    { given: "https://EXAMPLE.com/Path", want: url("https", "example.com", "/Path", "/Path/") },
    // The default port is kept only when the input spells out the lower-cased host with it.
    { given: "https://EXAMPLE.com:443", want: url("https", "example.com", "/", "/") },
    { given: "HTTPS://example.com", want: url("https", "example.com", "/", "/") },
    { given: "https://example.com/a/./b/../c", want: url("https", "example.com", "/a/c", "/a/c/") },
    { given: "https://example.com/a b", want: url("https", "example.com", "/a%20b", "/a%20b/") },
    { given: "https://example.com#fragment", want: url("https", "example.com", "/", "/") },
    { given: "https://example.com?", want: url("https", "example.com", "/", "/") },
    { given: "https://127.0.0.1", want: url("https", "127.0.0.1", "/", "/", true) },
    { given: "http://127.0.0.1:8080/path", want: url("http", "127.0.0.1:8080", "/path", "/path/", true) },
    { given: "https://127.1", want: url("https", "127.0.0.1", "/", "/", true) },
    { given: "https://[fe80::1]", want: url("https", "[fe80::1]", "/", "/", true) },
    { given: "https://[::1]:443/", want: url("https", "[::1]:443", "/", "/", true) },
    { given: "https://999.0.0.1.example.com", want: url("https", "999.0.0.1.example.com", "/", "/") },
    { given: "https://example.com?foo=bar", want: null },
    { given: "https://example.com:8443?foo=bar&faz=baz", want: null },
    { given: "ftp://example.com", want: null },
    { given: "file:///etc/hosts", want: null },
    { given: "toString://example.com", want: null },
    { given: "example.com", want: null },
    { given: "not a url", want: null },
    { given: "", want: null },
  ])("$given", ({ given, want }) => {
    expect(ours.parseURL(given)).toStrictEqual(want);
    expect(reference.parseURL(given)).toStrictEqual(want);
  });

  it("returns null without logging for a string that is not a URL", () => {
    const logged = vi.mocked(console.error);
    logged.mockClear();
    expect(ours.parseURL("::not a url")).toBeNull();
    expect(logged).not.toHaveBeenCalled();
  });

  it("equals the reference (property)", () => {
    const scheme = fc.constantFrom("http", "https", "HTTP", "ftp", "ws", "file", "");
    const host = fc.oneof(
      fc.domain(),
      fc.ipV4(),
      fc.ipV6().map((ip) => `[${ip}]`),
      fc.constantFrom("EXAMPLE.com", "127.1", "0x7f.0.0.1", "user:pw@example.com", "a b", "", "[::1"),
    );
    const port = fc.constantFrom("", ":80", ":443", ":0443", ":8443", ":", ":99999");
    const segment = fc.constantFrom("a", "", ".", "..", "%2F", "x y", "example.com:443");
    const path = fc.array(segment, { maxLength: 4 }).map((segments) => segments.map((name) => `/${name}`).join(""));
    const tail = fc.constantFrom("", "?", "?a=b", "#frag", "?#");
    const urlish = fc.oneof(
      fc.tuple(scheme, host, port, path, tail).map(([s, h, p, pathname, t]) => `${s}://${h}${p}${pathname}${t}`),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
    );
    fc.assert(
      fc.property(urlish, (value) => {
        expect(ours.parseURL(value)).toStrictEqual(reference.parseURL(value));
      }),
      RUNS,
    );
  });
});

describe("substring", () => {
  it.each<{ given: [string, number, number, boolean]; want: string | null }>([
    { given: ["abcdef", 0, 3, false], want: "abc" },
    { given: ["abcdef", 0, 3, true], want: "def" },
    { given: ["abcdef", 1, 3, true], want: "de" },
    { given: ["abcdef", 2, 6, false], want: "cdef" },
    { given: ["abcdef", 0, 6, true], want: "abcdef" },
    { given: ["abcdef", 3, 3, false], want: null },
    { given: ["abcdef", 4, 2, false], want: null },
    { given: ["abc", 0, 4, false], want: null },
    { given: ["abc", 0, 4, true], want: null },
    { given: ["", 0, 1, false], want: null },
    { given: ["abcé", 0, 1, false], want: null },
    { given: ["ab😀", 0, 1, true], want: null },
  ])("$given → $want", ({ given, want }) => {
    expect(ours.substring(...given)).toBe(want);
    expect(reference.substring(...given)).toBe(want);
  });

  it("equals the reference (property)", () => {
    const input = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }));
    const index = fc.integer({ min: -3, max: 15 });
    fc.assert(
      fc.property(input, index, index, fc.boolean(), (value, start, stop, reverse) => {
        expect(ours.substring(value, start, stop, reverse)).toBe(reference.substring(value, start, stop, reverse));
      }),
      RUNS,
    );
  });
});

describe("uriEncode", () => {
  it.each([
    { given: "!*'()", want: "%21%2A%27%28%29" },
    { given: "AZaz09-_.~", want: "AZaz09-_.~" },
    { given: "AKIA-key_1.0~!", want: "AKIA-key_1.0~%21" },
    { given: " AKIA", want: "%20AKIA" },
    { given: "AKIA\n", want: "AKIA%0A" },
    { given: "a b+c/d?e=f&g#h", want: "a%20b%2Bc%2Fd%3Fe%3Df%26g%23h" },
    { given: "[]{}|@$,;:%<>\"^`\\", want: "%5B%5D%7B%7D%7C%40%24%2C%3B%3A%25%3C%3E%22%5E%60%5C" },
    { given: "é", want: "%C3%A9" },
    { given: "😀", want: "%F0%9F%98%80" },
    { given: "", want: "" },
  ])("$given → $want", ({ given, want }) => {
    expect(ours.uriEncode(given)).toBe(want);
    expect(reference.uriEncode(given)).toBe(want);
  });

  it("throws for a lone surrogate, as the reference", () => {
    expect(() => ours.uriEncode("\ud800")).toThrow(URIError);
    expect(() => reference.uriEncode("\ud800")).toThrow(URIError);
  });

  it("equals the reference (property)", () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }));
    fc.assert(
      fc.property(text, (value) => {
        expect(outcome(() => ours.uriEncode(value))).toStrictEqual(outcome(() => reference.uriEncode(value)));
      }),
      RUNS,
    );
  });
});

describe("split", () => {
  it.each<{ given: [string, string, number]; want: string[] }>([
    { given: ["a--b--c", "--", 0], want: ["a", "b", "c"] },
    { given: ["a--b--c", "--", 1], want: ["a--b--c"] },
    { given: ["a--b--c", "--", 2], want: ["a", "b--c"] },
    { given: ["--x-s3--azid--suffix", "--", 2], want: ["", "x-s3--azid--suffix"] },
    { given: ["--b--", "--", 0], want: ["", "b", ""] },
    { given: ["--", "--", 0], want: ["", ""] },
    { given: ["abc", "x", 0], want: ["abc"] },
    { given: ["", "--", 0], want: [""] },
    { given: ["", "--", 1], want: [""] },
    { given: ["", "--", 2], want: [""] },
    // Where the official SDK departs from the Smithy spec (which says ["abc"] and ["a", "b", "c"]), we answer as it does.
    { given: ["abc", "x", 2], want: ["abc", ""] },
    { given: ["a--b--c", "--", 3], want: ["a", "b", "b--c"] },
  ])("$given → $want", ({ given, want }) => {
    expect(ours.split(...given)).toStrictEqual(want);
    expect(reference.split(...given)).toStrictEqual(want);
  });

  it("equals the reference (property)", () => {
    const value = fc.array(fc.constantFrom("a", "b", "-", "--", "x"), { maxLength: 8 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(value, fc.constantFrom("-", "--", "x", "ab"), fc.integer({ min: 0, max: 6 }), (input, delimiter, limit) => {
        expect(ours.split(input, delimiter, limit)).toStrictEqual(reference.split(input, delimiter, limit));
      }),
      RUNS,
    );
  });
});

describe("getAttr", () => {
  const document = { a: { b: "x", list: [1, 2, 3] }, list: [{ id: "first" }, { id: "last" }], "0": "zero" };
  it.each([
    { given: "a", want: document.a },
    { given: "a.b", want: "x" },
    { given: "a.list[1]", want: 2 },
    { given: "a.list[-1]", want: 3 },
    { given: "a.list[-3]", want: 1 },
    { given: "list[0].id", want: "first" },
    { given: "list[-1].id", want: "last" },
    { given: "[0]", want: "zero" },
    { given: "missing", want: undefined },
    { given: "a.missing", want: undefined },
    { given: "a.list[3]", want: undefined },
    { given: "a.list[-4]", want: undefined },
  ])("$given", ({ given, want }) => {
    expect(ours.getAttr(document, given)).toStrictEqual(want);
    expect(reference.getAttr(document, given)).toStrictEqual(want);
  });

  it("reads an index of an array given as the value", () => {
    expect(ours.getAttr(["a", "b", "c"], "[-2]")).toBe("b");
  });

  it("reads fields of what parseArn and parseURL return, as rule sets do", () => {
    expect(ours.getAttr(ours.parseArn("arn:aws:s3:us-west-2:123456789012:accesspoint/name"), "resourceId[1]")).toBe("name");
    expect(ours.getAttr(ours.parseURL("https://example.com:8443/p"), "authority")).toBe("example.com:8443");
  });

  it.each([
    { given: "a.list[1", why: "an unclosed index" },
    { given: "a.list[x]", why: "an index that is not a number" },
    { given: "a.list[]", why: "an empty index" },
    { given: "a.list[1]x", why: "text after an index" },
    { given: "a.list[1][0]", why: "two indexes in one part" },
    { given: "a.b.c", why: "a step into a string" },
    { given: "missing.c", why: "a step into undefined" },
  ])("throws a plain Error for $why ($given), where the reference throws", ({ given }) => {
    expect(() => ours.getAttr(document, given)).toThrow(Error);
    expect(() => ours.getAttr(document, given)).toThrow(`'${given}'`);
    expect(() => reference.getAttr(document, given)).toThrow();
  });

  it("throws for a step into null", () => {
    expect(() => ours.getAttr({ a: null }, "a.b")).toThrow(/null/);
  });

  it("equals the reference (property)", () => {
    const key = fc.constantFrom("a", "b", "list", "0", "1", "-1", "length", "");
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(null, 1, "s", true),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    const index = fc.oneof(fc.integer({ min: -5, max: 5 }).map(String), fc.constantFrom("x", "", "1x", " 2", "-", "0x1", "[1", "1]"));
    const step = fc.oneof(key, fc.tuple(key, index).map(([name, i]) => `${name}[${i}]`), fc.constantFrom("a[1][2]", "a]", "[", "a[1]b"));
    const path = fc.array(step, { minLength: 1, maxLength: 4 }).map((steps) => steps.join("."));
    fc.assert(
      fc.property(value, path, (given, attrPath) => {
        expect(outcome(() => ours.getAttr(given, attrPath))).toStrictEqual(outcome(() => reference.getAttr(given, attrPath)));
      }),
      RUNS,
    );
  });
});
