import crypto, { createHash, createHmac, type BinaryToTextEncoding, type Hash, type Hmac } from "node:crypto";
import type { Checksum, SourceData } from "@smithy/types";

type Data = string | NodeJS.ArrayBufferView;

/** node:crypto's one-call SHA-256 (Node 20.12 on), which makes no Hash object; undefined on older Node. */
const hashOnce = (crypto as { hash?: (algorithm: string, data: Data, outputEncoding: "hex" | "latin1") => string }).hash;

/**
 * The SHA-256 of a text's UTF-8 bytes, in hex: what SigV4's string to sign holds of the canonical request. node:crypto
 * encodes both the text and the digest, with no bytes or Buffer made on the way.
 */
export function sha256Hex(text: string): string {
  return hashOnce !== undefined ? hashOnce("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}

/**
 * SHA-256 (or HMAC-SHA256 when given a secret) through node:crypto, in the shape the SigV4 signer expects. The
 * signer hashes each of its inputs with one update, so a plain SHA-256 keeps that one piece of data and hashes it at
 * digest in one call; a second update, or a secret, goes through node:crypto's Hash or Hmac.
 */
export class NodeSha256 implements Checksum {
  #hash: Hash | Hmac | undefined;
  #pending: Data | undefined;

  readonly #secret: SourceData | undefined;

  constructor(secret?: SourceData) {
    this.#secret = secret;
  }

  update(data: SourceData): void {
    const bytes = toData(data);
    if (this.#hash === undefined && this.#pending === undefined && this.#secret === undefined && hashOnce !== undefined) {
      this.#pending = bytes;
      return;
    }
    this.#started().update(bytes);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.digestSync());
  }

  digestSync(): Uint8Array {
    // As latin1 text, a character a byte: node:crypto then makes no Buffer (whose memory it allocates outside the
    // JavaScript heap), and the 32 bytes are copied into an array of the heap's own.
    const digest = this.#hash === undefined && this.#secret === undefined && hashOnce !== undefined ? hashOnce("sha256", this.#pending ?? "", "latin1") : this.#started().digest("latin1" as BinaryToTextEncoding);
    const bytes = new Uint8Array(digest.length);
    for (let i = 0; i < digest.length; i++) bytes[i] = digest.charCodeAt(i);
    return bytes;
  }

  reset(): void {
    this.#hash = undefined;
    this.#pending = undefined;
  }

  /** node:crypto's Hash or Hmac, fed the data kept so far. */
  #started(): Hash | Hmac {
    if (this.#hash !== undefined) return this.#hash;
    this.#hash = this.#secret === undefined ? createHash("sha256") : createHmac("sha256", toData(this.#secret));
    if (this.#pending !== undefined) this.#hash.update(this.#pending);
    this.#pending = undefined;
    return this.#hash;
  }
}

/** Strings and views as node:crypto takes them; an ArrayBuffer seen through a view. */
function toData(data: SourceData): Data {
  if (typeof data === "string") return data;
  return ArrayBuffer.isView(data) ? (data as NodeJS.ArrayBufferView) : new Uint8Array(data);
}
