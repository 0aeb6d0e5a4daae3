// Node's SHA-256 for the signer, held to the pure-JS one browsers sign with: the same digests for every form of data
// and key the signer hands it, however the data comes (one update, several, none) and after a reset.
import { Sha256 as JsSha256 } from "@aws-crypto/sha256-js";
import type { SourceData } from "@smithy/types";
import { describe, expect, it, vi } from "vitest";
import { NodeSha256, sha256Hex } from "../src/http/node-sha256.js";
import { sha256Hex as browserSha256Hex } from "../src/platform/browser.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const canonicalRequest = "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:sts.amazonaws.com\n\ncontent-type;host\n" + "e3b0".repeat(16);
const partOf = (text: string) => {
  const buffer = utf8(`xx${text}yy`).buffer;
  return new Uint8Array(buffer, 2, utf8(text).byteLength);
};

const cases: Array<{ name: string; secret?: SourceData; updates: SourceData[] }> = [
  { name: "no data", updates: [] },
  { name: "an empty string", updates: [""] },
  { name: "a string", updates: [canonicalRequest] },
  { name: "non-ASCII text", updates: ["é∑ 😀 AKIA"] },
  { name: "bytes", updates: [utf8(canonicalRequest)] },
  { name: "a view into a larger buffer", updates: [partOf(canonicalRequest)] },
  { name: "an ArrayBuffer", updates: [utf8(canonicalRequest).buffer] },
  { name: "a DataView", updates: [new DataView(utf8(canonicalRequest).buffer)] },
  { name: "several updates", updates: ["Action=GetAccessKeyInfo", utf8("&Version=2011-06-15"), partOf("&AccessKeyId=AKIA")] },
  { name: "HMAC, a string key", secret: "AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", updates: ["20261123"] },
  { name: "HMAC, a byte key", secret: utf8("k".repeat(32)), updates: [utf8("aws4_request")] },
  { name: "HMAC, a key longer than a block", secret: "s".repeat(100), updates: ["a", "b"] },
  { name: "HMAC, no data", secret: "key", updates: [] },
];

async function jsDigest(secret: SourceData | undefined, updates: SourceData[]): Promise<Uint8Array> {
  const hash = new JsSha256(secret);
  for (const data of updates) hash.update(data);
  return hash.digest();
}

describe("NodeSha256 digests as the pure-JS SHA-256 does", () => {
  it.each(cases)("$name", async ({ secret, updates }) => {
    const hash = new NodeSha256(secret);
    for (const data of updates) hash.update(data);
    expect(await hash.digest()).toEqual(await jsDigest(secret, updates));
  });

  it.each(cases)("$name, after a reset of a hash that was used", async ({ secret, updates }) => {
    const hash = new NodeSha256(secret);
    hash.update("something else");
    await hash.digest();
    hash.reset();
    for (const data of updates) hash.update(data);
    expect(hash.digestSync()).toEqual(await jsDigest(secret, updates));
  });
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const texts = ["", canonicalRequest, "é∑ 😀 AKIA"];

describe("sha256Hex, the canonical request's hash in the string to sign, as the pure-JS SHA-256 of the text's UTF-8", () => {
  it.each(texts)("%j", async (text) => {
    expect(sha256Hex(text)).toBe(hex(await jsDigest(undefined, [utf8(text)])));
  });

  it.each(texts)("the browser platform's, %j", async (text) => {
    expect(await browserSha256Hex(text)).toBe(hex(await jsDigest(undefined, [utf8(text)])));
  });
});

/** The module as loaded on a Node without node:crypto's one-call hash (before 20.12). */
async function withoutOneCallHash(use: (module: typeof import("../src/http/node-sha256.js")) => Promise<void>): Promise<void> {
  vi.resetModules();
  vi.doMock("node:crypto", async (importOriginal) => {
    const original = await importOriginal<typeof import("node:crypto")>();
    return { ...original, default: { ...(original as unknown as { default: object }).default, hash: undefined } };
  });
  try {
    await use(await import("../src/http/node-sha256.js"));
  } finally {
    vi.doUnmock("node:crypto");
  }
}

describe("NodeSha256 on a Node without node:crypto's one-call hash (before 20.12)", () => {
  it.each(texts)("sha256Hex(%j)", (text) =>
    withoutOneCallHash(async ({ sha256Hex: olderSha256Hex }) => {
      expect(olderSha256Hex(text)).toBe(hex(await jsDigest(undefined, [utf8(text)])));
    }),
  );

  it.each(cases)("$name", ({ secret, updates }) =>
    withoutOneCallHash(async ({ NodeSha256: OlderNodeSha256 }) => {
      const hash = new OlderNodeSha256(secret);
      for (const data of updates) hash.update(data);
      expect(await hash.digest()).toEqual(await jsDigest(secret, updates));
    }),
  );
});
