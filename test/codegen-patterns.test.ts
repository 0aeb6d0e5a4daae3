// @pattern values from the models' Java dialect to ECMAScript regular expressions (codegen/model/patterns.ts): what
// each translates to, what it matches, which are refused and why, and every pattern of AWS's 16 awsQuery models
// compiled and tried on the values the models' own examples give.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../codegen/generate.js";
import { ModelError } from "../codegen/model/model.js";
import { ecmaPattern } from "../codegen/model/patterns.js";
import { hasShared, readSharedJson, sharedDir, sharedSkipReason } from "./support/shared.js";

if (!hasShared) console.warn(sharedSkipReason);

const literal = (pattern: string) => {
  const { source, flags } = ecmaPattern(pattern, "shape example#S");
  return `/${source}/${flags}`;
};

describe("translation: the literal each pattern becomes", () => {
  it.each([
    { name: "an ASCII pattern stays as it is, without the u flag", pattern: "^[\\w+=,.@-]+$", want: "/^[\\w+=,.@-]+$/" },
    { name: "escapes Unicode mode would refuse stay when it is not needed", pattern: "^[\\-\\.\\_0-9A-Za-z]{0,126}[\\w+=,.@\\:-]*$", want: "/^[\\-\\.\\_0-9A-Za-z]{0,126}[\\w+=,.@\\:-]*$/" },
    { name: "a slash is escaped for the literal", pattern: "^arn:.+:iam::[0-9]{12}:role/.+$", want: "/^arn:.+:iam::[0-9]{12}:role\\/.+$/" },
    { name: "Unicode properties get the u flag", pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$", want: "/^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$/u" },
    { name: "with the u flag, needless escapes outside a class lose their backslash", pattern: "^\\p{L}\\:\\-\\_$", want: "/^\\p{L}:-_$/u" },
    { name: "with the u flag, needless escapes in a class lose theirs but \\- keeps it", pattern: "^[\\p{L}\\_\\-\\@]$", want: "/^[\\p{L}_\\-@]$/u" },
    { name: "Java's one-letter property", pattern: "^\\pL+$", want: "/^\\p{L}+$/u" },
    {
      name: "surrogate pairs become code points (Auto Scaling's XML characters)",
      pattern: "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$",
      want: "/^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}\\r\\n\\t]*$/u",
    },
    { name: "Java's \\x{...}", pattern: "^\\x{1F600}$", want: "/^\\u{1F600}$/u" },
    { name: "a character outside the BMP", pattern: "^😀+$", want: "/^😀+$/u" },
    { name: "a `]` first in a class is a literal, as in Java", pattern: "^[]a]$", want: "/^[\\]a]$/" },
  ])("$name", ({ pattern, want }) => {
    expect(literal(pattern)).toBe(want);
  });
});

describe("meaning: what the translated patterns match, as Java's engine does", () => {
  it.each([
    { pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$", value: "Équipe 2: a/b=c+d-e@f", matches: true },
    { pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$", value: "p{L}", matches: false },
    { pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$", value: "a*b", matches: false },
    { pattern: "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$", value: "arn:aws:sns 😀\n", matches: true },
    { pattern: "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$", value: "bell \u0007", matches: false },
    { pattern: "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$", value: "\uFFFE", matches: false },
    { pattern: "^[\\w+=,.@-]+$", value: "alice@example.com", matches: true },
    { pattern: "^[\\w+=,.@-]+$", value: "alice smith", matches: false },
  ])("$pattern on $value: $matches", ({ pattern, value, matches }) => {
    const { source, flags } = ecmaPattern(pattern, "shape example#S");
    expect(new RegExp(source, flags).test(value)).toBe(matches);
  });
});

describe("refusal: patterns ECMAScript would read otherwise, or cannot read, stop generation", () => {
  it.each([
    { pattern: "^a\\Z", why: "uses \\Z (the end of input in Java), which ECMAScript does not have" },
    { pattern: "\\Aa", why: "uses \\A (the start of input in Java), which ECMAScript does not have" },
    { pattern: "^\\h+$", why: "uses \\h (horizontal whitespace in Java), which ECMAScript does not have" },
    { pattern: "^\\y$", why: "uses \\y, an escape Java and ECMAScript do not share" },
    { pattern: "^[a-z[0-9]]$", why: "nests a character class, a Java union that ECMAScript does not have" },
    { pattern: "^[a-z&&[^q]]$", why: "intersects character classes (&&), which ECMAScript cannot" },
    { pattern: "^[a-z&&b]$", why: "intersects character classes (&&), which ECMAScript cannot" },
    { pattern: "^a++$", why: "ECMAScript cannot compile: Invalid regular expression" },
    { pattern: "(?i)^a$", why: "ECMAScript cannot compile: Invalid regular expression" },
    { pattern: "^\\p{Alnum}+$", why: 'ECMAScript cannot compile as "/^\\\\p{Alnum}+$/u": Invalid regular expression' },
    { pattern: "^\\u12$", why: "has a \\u escape without four hex digits" },
    { pattern: "a\\", why: "ends in a lone backslash" },
  ])("$pattern", ({ pattern, why }) => {
    const run = () => ecmaPattern(pattern, "shape example.test#Name");
    expect(run).toThrow(ModelError);
    expect(run).toThrow(`shape example.test#Name has the pattern ${JSON.stringify(pattern)}, which ${why}`);
  });
});

describe("schemas.ts: one pattern constant (source and flags) per distinct pattern", () => {
  it("shares one constant among the members and shapes that declare the same pattern, and gives another its own", () => {
    const ns = "example.test";
    const string = (pattern: string) => ({ type: "string", traits: { "smithy.api#pattern": pattern } });
    const ast = {
      smithy: "2.0",
      shapes: {
        [`${ns}#Service`]: { type: "service", version: "2024-01-01", operations: [{ target: `${ns}#Ping` }], traits: { "aws.protocols#awsQuery": {} } },
        [`${ns}#Ping`]: { type: "operation", input: { target: `${ns}#PingInput` } },
        [`${ns}#PingInput`]: {
          type: "structure",
          members: {
            First: { target: `${ns}#Name` },
            Second: { target: `${ns}#Name` },
            Other: { target: `${ns}#OtherName` },
            Tag: { target: `${ns}#Tag` },
            Own: { target: `${ns}#Name`, traits: { "smithy.api#pattern": "^[0-9]+$" } },
          },
        },
        [`${ns}#Name`]: string("^[a-z]+$"),
        [`${ns}#OtherName`]: string("^[a-z]+$"),
        [`${ns}#Tag`]: string("^[\\p{L}]+$"),
      },
    };
    const schemas = generate(ast, { runtime: "keysmith/runtime", source: "example.json" }).get("schemas.ts")!;
    expect(schemas.match(/^const .*$/gm)).toEqual([
      'const NamePattern = { source: "^[a-z]+$", flags: "" };',
      'const TagPattern = { source: "^[\\\\p{L}]+$", flags: "u" };',
      'const PingInputOwnPattern = { source: "^[0-9]+$", flags: "" };',
    ]);
    expect(schemas).toContain("First: { type: \"string\", pattern: NamePattern }");
    expect(schemas).toContain("Other: { type: \"string\", pattern: NamePattern }");
    expect(schemas).toContain("Own: { type: \"string\", pattern: PingInputOwnPattern }");
  });
});

// ---- AWS's models ----

interface PatternUse {
  where: string;
  pattern: string;
}

const awsModels = hasShared ? readdirSync(join(sharedDir, "aws-models")).filter((file) => file.endsWith(".json")).sort() : [];

/** Every pattern a model declares, on shapes and on members. */
function patternsOf(shapes: Record<string, any>): PatternUse[] {
  const uses: PatternUse[] = [];
  for (const [id, shape] of Object.entries(shapes)) {
    const own = shape.traits?.["smithy.api#pattern"];
    if (own !== undefined) uses.push({ where: `shape ${id}`, pattern: own });
    for (const [name, member] of Object.entries<any>(shape.members ?? {})) {
      const pattern = member.traits?.["smithy.api#pattern"];
      if (pattern !== undefined) uses.push({ where: `member ${id}$${name}`, pattern });
    }
  }
  return uses;
}

/** Each string an operation's examples give a member that has a pattern (its own, else its target's), with it. */
function exampleStrings(shapes: Record<string, any>): Array<{ where: string; pattern: string; value: string }> {
  const found: Array<{ where: string; pattern: string; value: string }> = [];
  const visit = (target: string, memberPattern: string | undefined, where: string, value: unknown) => {
    const shape = shapes[target];
    if (value === null || value === undefined || shape === undefined) return;
    const pattern = memberPattern ?? shape.traits?.["smithy.api#pattern"];
    if (typeof value === "string" && pattern !== undefined) found.push({ where, pattern, value });
    if (shape.type === "structure" && typeof value === "object") {
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
        const member = shape.members?.[name];
        if (member) visit(member.target, member.traits?.["smithy.api#pattern"], `${target}$${name}`, item);
      }
    }
    if ((shape.type === "list" || shape.type === "set") && Array.isArray(value)) {
      for (const item of value) visit(shape.member.target, shape.member.traits?.["smithy.api#pattern"], `${target}$member`, item);
    }
    if (shape.type === "map" && typeof value === "object") {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        visit(shape.key.target, shape.key.traits?.["smithy.api#pattern"], `${target}$key`, key);
        visit(shape.value.target, shape.value.traits?.["smithy.api#pattern"], `${target}$value`, item);
      }
    }
  };
  for (const shape of Object.values<any>(shapes)) {
    if (shape.type !== "operation" || !shape.input) continue;
    for (const example of shape.traits?.["smithy.api#examples"] ?? []) visit(shape.input.target, undefined, shape.input.target, example.input);
  }
  return found;
}

describe.skipIf(!hasShared)("the patterns of AWS's 16 awsQuery models", () => {
  const models = awsModels.map((file) => ({ file, shapes: readSharedJson(`aws-models/${file}`).shapes as Record<string, any> }));

  it.each(models)("every pattern of $file compiles", ({ shapes }) => {
    const uses = patternsOf(shapes);
    expect(uses.length).toBeGreaterThan(0);
    for (const { where, pattern } of uses) expect(() => ecmaPattern(pattern, where), where).not.toThrow();
  });

  it("every string the models' examples give a member with a pattern matches it", () => {
    const strings = models.flatMap(({ shapes }) => exampleStrings(shapes));
    const unicode = strings.filter(({ where, pattern }) => ecmaPattern(pattern, where).flags === "u");
    console.log(`pattern examples: ${strings.length} example values of ${new Set(strings.map((s) => s.pattern)).size} patterns (${unicode.length} in Unicode mode)`);
    expect(unicode.length).toBeGreaterThan(0);
    expect(strings.length).toBeGreaterThan(50);
    const mismatches = strings.filter(({ where, pattern, value }) => {
      const { source, flags } = ecmaPattern(pattern, where);
      return !new RegExp(source, flags).test(value);
    });
    expect(mismatches).toEqual([]);
  });
});
