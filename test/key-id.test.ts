import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeAccessKeyId, makeAccessKeyId, makeUniqueId, type AccessKeyIdKind } from "../src/key-id/describe.js";

describe("describeAccessKeyId names every documented prefix", () => {
  // Same body for all: a newer-format body, so only the prefix differs.
  const body = "Y34FZKBOKMUTVV7A";
  const table: Array<{ prefix: string; kind: AccessKeyIdKind; isAccessKey: boolean }> = [
    { prefix: "ABIA", kind: "service-bearer-token", isAccessKey: false },
    { prefix: "ACCA", kind: "context-specific-credential", isAccessKey: false },
    { prefix: "AGPA", kind: "group", isAccessKey: false },
    { prefix: "AIDA", kind: "user", isAccessKey: false },
    { prefix: "AIPA", kind: "instance-profile", isAccessKey: false },
    { prefix: "AKIA", kind: "access-key", isAccessKey: true },
    { prefix: "ANPA", kind: "managed-policy", isAccessKey: false },
    { prefix: "ANVA", kind: "managed-policy-version", isAccessKey: false },
    { prefix: "APKA", kind: "public-key", isAccessKey: false },
    { prefix: "AROA", kind: "role", isAccessKey: false },
    { prefix: "ASCA", kind: "certificate", isAccessKey: false },
    { prefix: "ASIA", kind: "temporary-access-key", isAccessKey: true },
    { prefix: "ZZZZ", kind: "unknown", isAccessKey: false },
  ];
  it.each(table)("$prefix → $kind", ({ prefix, kind, isAccessKey }) => {
    const facts = describeAccessKeyId(prefix + body);
    expect(facts).toMatchObject({ prefix, kind, isAccessKey, wellFormed: true });
    expect(facts.description.length).toBeGreaterThan(0);
    // Only access key ids are known to carry an account.
    expect(facts.accountDecodable).toBe(isAccessKey);
  });
});

describe("describeAccessKeyId decodes the account of newer-format access key ids only", () => {
  const table = [
    {
      given: "ASIAY34FZKBOKMUTVV7A",
      want: { account: "609629065308", accountDecodable: true, wellFormed: true, reason: undefined },
    },
    {
      given: "AKIAY34FZKBOKMUTVV7A",
      want: { account: "609629065308", accountDecodable: true, wellFormed: true },
    },
    {
      given: "AKIAIOSFODNN7EXAMPLE",
      want: { account: undefined, accountDecodable: false, wellFormed: true, reason: expect.stringMatching(/older-format/) },
    },
    {
      given: "ASIAJEXAMPLEXEG2JICE",
      want: { account: undefined, accountDecodable: false, wellFormed: true, reason: expect.stringMatching(/older-format/) },
    },
    {
      given: "AKIAAAAAAAAAAAAAAAAA",
      want: { account: undefined, accountDecodable: false, wellFormed: true, reason: expect.stringMatching(/not that of a newer-format/) },
    },
    {
      given: "AKIA7777777777777777",
      want: { account: undefined, accountDecodable: false, wellFormed: true, reason: expect.stringMatching(/longer than a 12-digit account id/) },
    },
    {
      given: "AROAY34FZKBOKMUTVV7A",
      want: { account: undefined, accountDecodable: false, wellFormed: true, reason: expect.stringMatching(/only access key ids/) },
    },
  ];
  it.each(table)("$given", ({ given, want }) => {
    expect(describeAccessKeyId(given)).toMatchObject(want);
  });
});

describe("describeAccessKeyId reports malformed input without throwing", () => {
  const table = [
    { given: "", reason: /expected 20 characters, got 0/ },
    { given: "AKIA", reason: /expected 20 characters, got 4/ },
    { given: "AKIAY34FZKBOKMUTVV7AX", reason: /expected 20 characters, got 21/ },
    { given: "akiay34fzkbokmutvv7a", reason: /prefix must be four capital letters/ },
    { given: "AKIAy34fzkbokmutvv7a", reason: /base32/ },
    { given: "AKIAY34FZKBOKMUTVV70", reason: /base32/ }, // 0 is not in the base32 alphabet
    { given: "AKIAY34FZKBOKMUTVV1A", reason: /base32/ },
    { given: "AKIAY34FZKBOKMUT-V7A", reason: /base32/ },
    { given: "AKIAY34FZKBOKMUTVV7é", reason: /base32/ },
  ];
  it.each(table)("'$given'", ({ given, reason }) => {
    const facts = describeAccessKeyId(given);
    expect(facts.wellFormed).toBe(false);
    expect(facts.account).toBeUndefined();
    expect(facts.accountDecodable).toBe(false);
    expect(facts.reason).toMatch(reason);
  });

  it.each([
    { given: undefined, reason: "expected a string, got undefined" },
    { given: null, reason: "expected a string, got null" },
    { given: 12345, reason: "expected a string, got number" },
    { given: { id: "AKIAIOSFODNN7EXAMPLE" }, reason: "expected a string, got object" },
  ])("$given, which is no string (an unset environment variable, say)", ({ given, reason }) => {
    expect(describeAccessKeyId(given)).toEqual({ id: "", prefix: "", kind: "unknown", description: "Unknown prefix", isAccessKey: false, wellFormed: false, account: undefined, accountDecodable: false, reason });
  });

  it("still names the prefix of a malformed id", () => {
    expect(describeAccessKeyId("ASIA123")).toMatchObject({ prefix: "ASIA", kind: "temporary-access-key", wellFormed: false });
  });
});

describe("makeAccessKeyId round-trips through describeAccessKeyId", () => {
  const accounts = ["000000000001", "012345678901", "123456789012", "609629065308", "999999999999", "000000000000"];
  it.each(accounts)("account %s", (account) => {
    for (const prefix of ["AKIA", "ASIA"] as const) {
      for (let i = 0; i < 20; i++) {
        const id = makeAccessKeyId(prefix, account, (n) => randomBytes(n));
        expect(id).toMatch(new RegExp(`^${prefix}[A-Z2-7]{16}$`));
        expect(describeAccessKeyId(id)).toMatchObject({ wellFormed: true, accountDecodable: true, account, prefix });
      }
    }
  });

  it("uses the random bytes it is given", () => {
    const zeros = makeAccessKeyId("AKIA", "000000000001", (n) => new Uint8Array(n));
    const ones = makeAccessKeyId("AKIA", "000000000001", (n) => new Uint8Array(n).fill(0xff));
    expect(zeros).not.toBe(ones);
    expect(describeAccessKeyId(ones).account).toBe("000000000001");
  });

  it.each(["12345678901", "1234567890123", "12345678901a", ""])("refuses account '%s'", (account) => {
    expect(() => makeAccessKeyId("AKIA", account, (n) => randomBytes(n))).toThrow(RangeError);
  });
});

describe("makeUniqueId", () => {
  it("makes a 21-character user id of the prefix and base32 characters, one per random byte", () => {
    expect(makeUniqueId("AIDA", (n) => Uint8Array.from({ length: n }, (_, i) => i * 8 + 1))).toBe("AIDABJRZBJRZBJRZBJRZB");
    const id = makeUniqueId("AIDA", (n) => randomBytes(n));
    expect(id).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(describeAccessKeyId(id)).toMatchObject({ kind: "user", isAccessKey: false });
  });
});
