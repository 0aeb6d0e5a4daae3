/**
 * Offline facts about an AWS identifier such as an access key id: what its prefix means and,
 * for access key ids in the newer format, which account they encode.
 *
 * Everything here is read from the string alone. It never calls AWS, so it can be wrong for ids
 * AWS minted in ways no one has published; `sts:GetAccessKeyInfo` stays the authoritative answer.
 */

/** Short machine names for the documented IAM unique-id prefixes. */
export type AccessKeyIdKind =
  | "service-bearer-token"
  | "context-specific-credential"
  | "group"
  | "user"
  | "instance-profile"
  | "access-key"
  | "managed-policy"
  | "managed-policy-version"
  | "public-key"
  | "role"
  | "certificate"
  | "temporary-access-key"
  | "unknown";

/** What {@link describeAccessKeyId} can tell about an id without asking AWS. */
export interface AccessKeyIdFacts {
  /** The id as given; "" when what was given is not a string. */
  id: string;
  /** True when the id has the shape of a 20-character id: four capital letters, then 16 base32 characters. */
  wellFormed: boolean;
  /** The first four characters (fewer if the input is shorter). */
  prefix: string;
  /** What the prefix stands for; "unknown" for a prefix that is not documented. */
  kind: AccessKeyIdKind;
  /** A human description of the kind. */
  description: string;
  /** True for long-term (AKIA) and temporary (ASIA) access key ids. */
  isAccessKey: boolean;
  /** The 12-digit account id encoded in the id, when it can be decoded; a hint, not a lookup. */
  account: string | undefined;
  /** True when `account` was decoded. */
  accountDecodable: boolean;
  /** Why the id is malformed or its account cannot be decoded; undefined when `account` is set. */
  reason: string | undefined;
}

const KINDS: Record<string, { kind: Exclude<AccessKeyIdKind, "unknown">; description: string }> = {
  ABIA: { kind: "service-bearer-token", description: "AWS STS service bearer token" },
  ACCA: { kind: "context-specific-credential", description: "Context-specific credential" },
  AGPA: { kind: "group", description: "IAM user group" },
  AIDA: { kind: "user", description: "IAM user" },
  AIPA: { kind: "instance-profile", description: "Amazon EC2 instance profile" },
  AKIA: { kind: "access-key", description: "Long-term access key" },
  ANPA: { kind: "managed-policy", description: "Managed policy" },
  ANVA: { kind: "managed-policy-version", description: "Version in a managed policy" },
  APKA: { kind: "public-key", description: "Public key" },
  AROA: { kind: "role", description: "IAM role" },
  ASCA: { kind: "certificate", description: "Certificate" },
  ASIA: { kind: "temporary-access-key", description: "Temporary (AWS STS) access key" },
};

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ID_LENGTH = 20;
/** User, group and role ids are 21 characters: 17 after the prefix. */
const UNIQUE_ID_BODY_LENGTH = 17;
const PREFIX_LENGTH = 4;
// 10 bytes = 80 bits = exactly 16 base32 characters, so no padding is involved.
const BODY_BYTES = 10;
// The 48-bit field at the start of the body: top bit = "newer format" flag, then the account
// shifted left by 7, then 7 low bits that carry no account information.
const FIELD_FORMAT_BIT = 2 ** 47;
const ACCOUNT_SHIFT = 2 ** 7;
const MAX_ACCOUNT = 999_999_999_999;

/**
 * Reads what an identifier such as `AKIAIOSFODNN7EXAMPLE` says about itself: its prefix and kind
 * and, for access key ids in the newer format, the account id they encode.
 *
 * This is a hint for logs and triage, decoded offline from published analyses of the id format.
 * It never replaces `sts:GetAccessKeyInfo`, which stays the authoritative answer. Ids in the older
 * format (fifth character `I` or `J`) carry no account, and this function does not guess one.
 * It never throws: malformed input, a missing value (`process.env.KEY_ID` unset) or one that is not a string included,
 * comes back with `wellFormed: false` and a `reason`.
 */
export function describeAccessKeyId(given: unknown): AccessKeyIdFacts {
  const id = typeof given === "string" ? given : "";
  const prefix = id.slice(0, PREFIX_LENGTH);
  const known = KINDS[prefix];
  const base = {
    id,
    prefix,
    kind: known?.kind ?? ("unknown" as const),
    description: known?.description ?? "Unknown prefix",
    isAccessKey: prefix === "AKIA" || prefix === "ASIA",
    account: undefined,
    accountDecodable: false,
  };

  const malformed = typeof given === "string" ? whyMalformed(id) : `expected a string, got ${given === null ? "null" : typeof given}`;
  if (malformed !== undefined) return { ...base, wellFormed: false, reason: malformed };
  if (!base.isAccessKey) {
    return { ...base, wellFormed: true, reason: "only access key ids (AKIA, ASIA) are known to encode an account" };
  }

  const field = readField(base32Decode(id.slice(PREFIX_LENGTH)));
  if (field < FIELD_FORMAT_BIT) {
    const fifth = id[PREFIX_LENGTH];
    const reason =
      fifth === "I" || fifth === "J"
        ? `fifth character ${fifth} marks an older-format key id, which does not encode the account`
        : `fifth character ${fifth} is not that of a newer-format key id, so no account is encoded`;
    return { ...base, wellFormed: true, reason };
  }
  const account = Math.floor((field - FIELD_FORMAT_BIT) / ACCOUNT_SHIFT);
  // The field has room for 40 bits, more than 12 decimal digits: such an id was not minted by AWS.
  if (account > MAX_ACCOUNT) {
    return { ...base, wellFormed: true, reason: `the encoded number ${account} is longer than a 12-digit account id` };
  }
  return { ...base, wellFormed: true, account: String(account).padStart(12, "0"), accountDecodable: true, reason: undefined };
}

/**
 * Makes a newer-format access key id that encodes `account`, the way AWS lays such ids out, so
 * {@link describeAccessKeyId} decodes it back. `random(n)` must return `n` random bytes.
 * Used by the local endpoint (`keysmith/local`) to issue realistic keys.
 */
export function makeAccessKeyId(prefix: "AKIA" | "ASIA", account: string, random: (n: number) => Uint8Array): string {
  if (!/^\d{12}$/.test(account)) throw new RangeError(`account must be 12 digits, got '${account}'`);
  const noise = random(BODY_BYTES - 5);
  if (noise.length < BODY_BYTES - 5) throw new RangeError("random(n) returned fewer than n bytes");

  const bytes = new Uint8Array(BODY_BYTES);
  // Plain arithmetic, not bitwise operators: the field is 48 bits wide, JS bitwise ops are 32.
  let field = FIELD_FORMAT_BIT + Number(account) * ACCOUNT_SHIFT + (noise[0]! & 0x7f);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = field % 256;
    field = Math.floor(field / 256);
  }
  bytes.set(noise.subarray(1, 5), 6);
  return prefix + base32Encode(bytes);
}

/**
 * Makes an IAM unique id of another kind, such as a user id: the prefix (`AIDA`) and 17 random base32 characters.
 * `random(n)` must return `n` random bytes. Used by the local endpoint.
 */
export function makeUniqueId(prefix: "AIDA", random: (n: number) => Uint8Array): string {
  // 256 is a multiple of 32, so masking keeps the characters uniform.
  return prefix + Array.from(random(UNIQUE_ID_BODY_LENGTH), (byte) => BASE32[byte & 31]).join("");
}

function whyMalformed(id: string): string | undefined {
  if (id.length !== ID_LENGTH) return `expected ${ID_LENGTH} characters, got ${id.length}`;
  if (!/^[A-Z]{4}$/.test(id.slice(0, PREFIX_LENGTH))) return "the prefix must be four capital letters";
  if (!/^[A-Z2-7]{16}$/.test(id.slice(PREFIX_LENGTH))) {
    return "characters after the prefix must be base32 (A-Z, 2-7)";
  }
  return undefined;
}

/** The first six bytes as a 48-bit big-endian number (exact: below 2^53). */
function readField(bytes: Uint8Array): number {
  let field = 0;
  for (let i = 0; i < 6; i++) field = field * 256 + bytes[i]!;
  return field;
}

function base32Decode(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of text) {
    buffer = ((buffer << 5) | BASE32.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  return out;
}
