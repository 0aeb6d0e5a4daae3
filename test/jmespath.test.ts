// Waiters' path matchers: the JMESPath subset keysmith parses (codegen/model/jmespath.ts), compiles into TypeScript
// (codegen/emit/jmespath.ts) and runs with the runtime's helpers (src/waiter/jmespath.ts). The compiled code is
// checked against jmespath.js, JMESPath's implementation for JavaScript, on fixed and random documents; where
// jmespath.js departs from the specification, the helpers follow the specification, pinned by tables of their own.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import jmespathJs from "jmespath";
import { describe, expect, it } from "vitest";
import { compileJmesPath } from "../codegen/emit/jmespath.js";
import { JmesPathError, parseJmesPath, type JmesPathNode } from "../codegen/model/jmespath.js";
import { jmespath } from "../src/waiter/jmespath.js";
import { typeCheckSource } from "./support/full-models-typecheck.js";
import { outcome } from "./support/outcome.js";
import { hasShared, readSharedJson, sharedDir, sharedSkipReason } from "./support/shared.js";

if (!hasShared) console.warn(sharedSkipReason);

/** jmespath.js's exports; its types declare only search. */
const reference = jmespathJs as typeof jmespathJs & { compile(expression: string): unknown };

type Helpers = typeof jmespath;

/** The expression compiled, as a function of the helpers and the output. */
function compiled(expression: string): (helpers: Helpers, output: unknown) => unknown {
  const code = compileJmesPath(parseJmesPath(expression), "output", (name) => name);
  return new Function("jmespath", "output", `return ${code};`) as (helpers: Helpers, output: unknown) => unknown;
}

/** The expressions of the path matchers of AWS's awsQuery models (`smithy.waiters#waitable`), when ../shared is there. */
function awsPaths(): string[] {
  if (!hasShared) return [];
  const paths = new Set<string>();
  for (const file of readdirSync(`${sharedDir}aws-models`).filter((name) => name.endsWith(".json"))) {
    for (const shape of Object.values<any>(readSharedJson(`aws-models/${file}`).shapes)) {
      for (const waiter of Object.values<any>(shape.traits?.["smithy.waiters#waitable"] ?? {})) {
        for (const { matcher } of waiter.acceptors) {
          const path = (matcher.output ?? matcher.inputOutput)?.path;
          if (path !== undefined) paths.add(path);
        }
      }
    }
  }
  return [...paths];
}

/** The shapes of expression AWS's waiters use, as the brief lists them (the models' own are added when present). */
const AWS_EXPRESSIONS = [
  "Stacks[].StackStatus",
  "VerificationAttributes.*.VerificationStatus",
  "Clusters[].RestoreStatus.Status",
  "Status",
  "length(AutoScalingGroups) > `0`",
  "length(DBInstances) == `0`",
  "length(MetricAlarms[]) > `0`",
  "contains(AutoScalingGroups[].[length(Instances[?LifecycleState=='InService']) >= MinSize][], `false`)",
];

/** Every supported construct, alone and combined, and the binding powers between them. */
const CONSTRUCT_EXPRESSIONS = [
  "@",
  "a",
  '"quoted key"',
  '"quoted key".a',
  "a.b.c.d",
  "a.b[].c",
  "a[].b[]",
  "a[][]",
  "a[*].b",
  "a[*][0]",
  "a[*][]",
  "a[*].*",
  "a[*].b[*].c",
  "a.*.b",
  "a.*.b.c",
  "*.a",
  "[*].a",
  "[].a",
  "[?a].b",
  "[0]",
  "a[0].b",
  "a[0][1]",
  "a[-1]",
  "a[?b == 'x'].c",
  "a[?b == c].a",
  "a[?!b]",
  "a[?@]",
  "a[?@ == 'x']",
  "a[?`true`]",
  "a[?b[?c == 'x']]",
  "a[?contains(@, 'x')]",
  "a[?a < `2`]",
  "[a, b]",
  "[a, b][]",
  "a.[b, c]",
  "a[*].[b, c]",
  "a[*].[b, c][]",
  "a || b",
  "a && b",
  "a || b && c",
  "(a || b) && c",
  "a && b || c",
  "!a",
  "!!a",
  "!a.b",
  "!a == b",
  "a == b",
  "a != b",
  "a < b",
  "a <= b",
  "a > b",
  "a >= b",
  "a == b == c",
  "a.b < c.d",
  "a.b[0] >= `1`",
  "a[*].b == c",
  "a[].b != c[]",
  "a == 'x'",
  "a == `null`",
  'a == `[1, {"b": null}]`',
  'a && `{"x": 1}`',
  "length(a) >= `2`",
  "length(@)",
  "length(a[*])",
  "a.length(@)",
  "contains(a, 'x')",
  "a || length(b)",
  "a && contains(b, 'x')",
  "contains(@, `null`)",
  "a[].contains(@, 'x')",
  'contains(`["x", [1]]`, a)',
  '`{"a": {"b": 1}}`.a.b',
];

/** The identifiers of an expression: the keys random documents are made of, so that paths find something. */
function identifiers(node: JmesPathNode): string[] {
  const children = Object.values(node).flatMap((value): JmesPathNode[] =>
    Array.isArray(value) ? value : typeof value === "object" && value !== null && "type" in value ? [value as JmesPathNode] : [],
  );
  return [...(node.type === "field" ? [node.name] : []), ...children.flatMap(identifiers)];
}

const STRINGS = ["", "x", "InService", "false"];

/** Values where paths go wrong: null, scalars where lists or objects are expected, empty and nested lists. */
const EDGE_VALUES: unknown[] = [null, false, true, 0, 2, ...STRINGS, [], {}, [null], [[]], [1, [2, [3]]], ["x", null, "InService"], [{}, null, "x"]];

/** Fixed documents: edge values at the top, under every identifier, in lists of objects and objects of objects. */
function edgeDocuments(names: readonly string[]): unknown[] {
  const every = (value: unknown) => Object.fromEntries(names.map((name) => [name, value]));
  return [
    ...EDGE_VALUES,
    ...EDGE_VALUES.map(every),
    ...EDGE_VALUES.map((value) => every([every(value), null, [every(value)], every([every(value)])])),
    ...EDGE_VALUES.map((value) => every(every(value))),
  ];
}

/** Random JSON documents whose keys are the names (and one more), as a response parsed from the wire would be. */
function documents(names: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.constantFrom(...names, "other");
  const scalar = fc.oneof(fc.constantFrom(null, true, false, ...STRINGS), fc.integer({ min: -2, max: 3 }));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, scalar, tie("list"), tie("object")),
    list: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  }));
  return value.map((document) => JSON.parse(JSON.stringify(document)) as unknown);
}

/**
 * The helpers with jmespath.js's departures from the specification, for comparing everything else with it: it orders
 * any two values as JavaScript does (the specification: numbers only, else null), and its contains() finds an
 * element by identity and a string's substring after coercing the search to a string (the specification: by
 * equality, and a non-string search is never in a string). Their own tables pin the helpers' behaviour.
 */
const asJmespathJs: Helpers = {
  ...jmespath,
  compare: (left: any, ordering, right: any) => ({ "<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right })[ordering],
  contains: (subject: unknown, search: unknown) => {
    if (!Array.isArray(subject) && typeof subject !== "string") throw new TypeError("contains() takes an array or a string");
    return (subject as unknown[]).indexOf(search) >= 0;
  },
};

describe("parseJmesPath refuses what keysmith does not compile", () => {
  it.each([
    { expression: "a | b", message: 'the pipe expression "|" at 2 is not supported' },
    { expression: "a[1:2]", message: 'the slice ":" at 3 is not supported' },
    { expression: "a[:2]", message: 'the slice ":" at 2 is not supported' },
    { expression: "[::-1]", message: 'the slice ":" at 1 is not supported' },
    { expression: "{a: b}", message: 'the multi-select hash "{" at 0 is not supported' },
    { expression: "a.{b: c}", message: 'the multi-select hash "{" at 2 is not supported' },
    { expression: "sort_by(a, &b)", message: 'the expression reference "&" at 11 is not supported' },
    { expression: "abs(a)", message: "the function abs() at 0 is not supported (only length() and contains() are)" },
    { expression: "a.to_string(@)", message: "the function to_string() at 2 is not supported (only length() and contains() are)" },
    { expression: "length(a, b)", message: "length() at 0 takes 1 argument, not 2" },
    { expression: "length()", message: "length() at 0 takes 1 argument, not 0" },
    { expression: "a[?contains(b)]", message: "contains() at 3 takes 2 arguments, not 1" },
  ])("$expression: $message", ({ expression, message }) => {
    expect(() => parseJmesPath(expression)).toThrow(new JmesPathError(message));
    expect(() => reference.compile(expression)).not.toThrow();
  });
});

describe("parseJmesPath refuses syntax errors, naming the token and its offset", () => {
  it.each([
    { expression: "", message: "unexpected end of expression at 0" },
    { expression: "a b", message: 'unexpected "b" at 2' },
    { expression: "a)", message: 'unexpected ")" at 1' },
    { expression: "(a", message: "unexpected end of expression at 2" },
    { expression: "a[", message: "unexpected end of expression at 2" },
    { expression: "a[?b", message: "unexpected end of expression at 4" },
    { expression: "a.'b'", message: "unexpected \"'b'\" at 2" },
    { expression: "a.@", message: 'unexpected "@" at 2' },
    { expression: "a.`1`", message: 'unexpected "`1`" at 2' },
    { expression: "a[b]", message: 'unexpected "b" at 2' },
    { expression: "[a,]", message: 'unexpected "]" at 3' },
    { expression: "a[1 2]", message: 'unexpected "2" at 4' },
    { expression: "a[*]*", message: 'unexpected "*" at 4' },
    { expression: "a[*]b", message: 'unexpected "b" at 4' },
    { expression: "a !b", message: 'unexpected "!" at 2' },
    { expression: "-1", message: 'unexpected "-1" at 0' },
    { expression: "a = b", message: 'unexpected "=" at 2' },
    { expression: "a # b", message: 'unexpected "#" at 2' },
    { expression: "a}", message: 'unexpected "}" at 1' },
    { expression: '"a', message: "the quoted identifier at 0 is not closed" },
    { expression: '"\\x"', message: "the quoted identifier at 0 is not JSON" },
    { expression: "`[1,]`", message: "the literal at 0 is not JSON" },
  ])("$expression: $message", ({ expression, message }) => {
    expect(() => parseJmesPath(expression)).toThrow(new JmesPathError(message));
    expect(() => reference.compile(expression)).toThrow();
  });

  // Where jmespath.js is more lenient than JMESPath's grammar.
  it.each([
    { expression: '""', message: "the quoted identifier at 0 is empty" },
    { expression: "`foo`", message: "the literal at 0 is not JSON" },
    { expression: "length(a b)", message: 'unexpected "b" at 9' },
    { expression: "(a b)", message: 'unexpected "b" at 3' },
    { expression: "a.", message: "unexpected end of expression at 2" },
    { expression: "[ ]", message: 'unexpected "]" at 2' },
    { expression: "'a", message: "the raw string at 0 is not closed" },
    { expression: "a == `1", message: "the literal at 5 is not closed" },
  ])("$expression, which the grammar does not allow: $message", ({ expression, message }) => {
    expect(() => parseJmesPath(expression)).toThrow(new JmesPathError(message));
    expect(() => reference.compile(expression)).not.toThrow();
  });
});

describe("parseJmesPath binds as JMESPath does", () => {
  const a = { type: "field", name: "a" };
  const b = { type: "field", name: "b" };
  const c = { type: "field", name: "c" };
  const current = { type: "current" };
  it.each([
    { expression: "a || b && c", want: { type: "or", left: a, right: { type: "and", left: b, right: c } } },
    { expression: "a && b || c", want: { type: "or", left: { type: "and", left: a, right: b }, right: c } },
    { expression: "!a == b", want: { type: "comparison", comparator: "==", left: { type: "not", operand: a }, right: b } },
    { expression: "!a.b", want: { type: "subexpression", left: { type: "not", operand: a }, right: b } },
    { expression: "a[*].b.c", want: { type: "projection", left: a, right: { type: "subexpression", left: b, right: c } } },
    { expression: "a.*.b.c", want: { type: "subexpression", left: { type: "valueProjection", left: a, right: b }, right: c } },
    { expression: "a[].b[]", want: { type: "projection", left: { type: "flatten", left: { type: "projection", left: { type: "flatten", left: a }, right: b } }, right: current } },
    { expression: "a[?b].c", want: { type: "filterProjection", left: a, condition: b, right: c } },
    { expression: "a[-1]", want: { type: "index", left: a, index: -1 } },
    { expression: "'it\\'s'", want: { type: "literal", value: "it's" } },
    { expression: "'\\\\'", want: { type: "literal", value: "\\\\" } },
    { expression: "'\\'\\''", want: { type: "literal", value: "''" } },
    { expression: "'\\n'", want: { type: "literal", value: "\\n" } },
    { expression: '`"\\`\\`"`', want: { type: "literal", value: "``" } },
    { expression: '"a\\"b"', want: { type: "field", name: 'a"b' } },
  ])("$expression", ({ expression, want }) => {
    expect(parseJmesPath(expression)).toEqual(want);
  });
});

describe("compileJmesPath writes plain calls of the helpers", () => {
  it.each([
    {
      expression: "Stacks[].StackStatus",
      want: 'paths.project(paths.flatten(paths.field(output, "Stacks")), (item) => paths.field(item, "StackStatus"))',
    },
    {
      expression: "VerificationAttributes.*.VerificationStatus",
      want: 'paths.project(paths.values(paths.field(output, "VerificationAttributes")), (item) => paths.field(item, "VerificationStatus"))',
    },
    { expression: "length(DBInstances) == `0`", want: 'paths.equals(paths.length(paths.field(output, "DBInstances")), 0)' },
    { expression: "length(MetricAlarms[]) > `0`", want: 'paths.compare(paths.length(paths.project(paths.flatten(paths.field(output, "MetricAlarms")))), ">", 0)' },
    {
      expression: "contains(AutoScalingGroups[].[length(Instances[?LifecycleState=='InService']) >= MinSize][], `false`)",
      want:
        'paths.contains(paths.project(paths.flatten(paths.project(paths.flatten(paths.field(output, "AutoScalingGroups")), (item) => item == null ? null : ' +
        '[paths.compare(paths.length(paths.project(paths.filter(paths.field(item, "Instances"), (item2) => paths.equals(paths.field(item2, "LifecycleState"), "InService")))), ">=", paths.field(item, "MinSize"))]))), false)',
    },
    { expression: "a[*].b[*].c", want: 'paths.project(paths.field(output, "a"), (item) => paths.project(paths.field(item, "b"), (item2) => paths.field(item2, "c")))' },
    { expression: "a[?`true`]", want: 'paths.project(paths.filter(paths.field(output, "a"), () => true))' },
    { expression: "a.[b, @]", want: 'paths.multiSelect(paths.field(output, "a"), (item) => [paths.field(item, "b"), item])' },
    { expression: "a != b", want: '!paths.equals(paths.field(output, "a"), paths.field(output, "b"))' },
    { expression: "!a || `{}`", want: 'paths.or(!paths.truthy(paths.field(output, "a")), () => ({}))' },
    { expression: '`{"__proto__": [1, -2.5, "x"]}`', want: '{ ["__proto__"]: [1, -2.5, "x"] }' },
    { expression: '"a b"[-1]', want: 'paths.index(paths.field(output, "a b"), -1)' },
  ])("$expression", ({ expression, want }) => {
    expect(compileJmesPath(parseJmesPath(expression), "output", (name) => (name === "jmespath" ? "paths" : name))).toBe(want);
  });
});

describe("compiled expressions agree with jmespath.js", () => {
  const expressions = [...new Set([...AWS_EXPRESSIONS, ...awsPaths(), ...CONSTRUCT_EXPRESSIONS])];

  it.each(expressions)("%s, on documents of edge cases and on random ones", (expression) => {
    const run = compiled(expression);
    const names = [...new Set(identifiers(parseJmesPath(expression)))];
    const agrees = (document: unknown) => {
      expect(outcome(() => run(asJmespathJs, document)), JSON.stringify(document)).toEqual(outcome(() => reference.search(document, expression)));
    };
    edgeDocuments(names).forEach(agrees);
    fc.assert(fc.property(documents(names), agrees), { numRuns: 300 });
  });

  it("reads every path matcher of AWS's models", { skip: !hasShared }, () => {
    expect(awsPaths().length).toBeGreaterThanOrEqual(AWS_EXPRESSIONS.length);
  });
});

describe("prototypes stay out of reach", () => {
  it.each([
    { name: "members named __proto__ and constructor", document: '{"__proto__": {"a": 1}, "constructor": {"a": 2}}', expressions: ["__proto__", "__proto__.a", "constructor.a", "length(__proto__)", "*.a"] },
    { name: "such members in a list", document: '[{"__proto__": 1, "constructor": 2}, {"__proto__": {"constructor": 3}, "constructor": null}]', expressions: ["[*].__proto__", "[*].constructor", "[*].__proto__.constructor"] },
    { name: "a literal with a member __proto__", document: "{}", expressions: ['`{"__proto__": {"a": 3}}`.__proto__.a', 'length(`{"__proto__": 1}`)'] },
  ])("a document with $name, parsed from JSON, reads as jmespath.js reads it", ({ document, expressions }) => {
    for (const expression of expressions) {
      const parsed: unknown = JSON.parse(document);
      expect(outcome(() => compiled(expression)(jmespath, parsed)), expression).toEqual(outcome(() => reference.search(parsed, expression)));
    }
  });

  it.each([
    { expression: "constructor", document: {}, want: null },
    { expression: "__proto__", document: {}, want: null },
    { expression: "toString", document: { a: 1 }, want: null },
    { expression: "a.hasOwnProperty", document: { a: {} }, want: null },
    { expression: "a[*].constructor", document: { a: [{}] }, want: [] },
  ])("$expression of a document without it is $want (jmespath.js reads inherited properties)", ({ expression, document, want }) => {
    expect(compiled(expression)(jmespath, document)).toEqual(want);
    expect(reference.search(document, expression)).not.toEqual(want);
  });

  it.each([
    { name: "an inherited property", value: {}, member: "constructor" },
    { name: "__proto__ of a plain object", value: {}, member: "__proto__" },
    { name: "a member of a prototype", value: Object.create({ a: 1 }), member: "a" },
    { name: "an array's length", value: [1], member: "length" },
    { name: "a string's length", value: "abc", member: "length" },
    { name: "an instance of a class", value: new (class { a = 1 })(), member: "a" },
  ])("field() of $name is null", ({ value, member }) => {
    expect(jmespath.field(value, member)).toBeNull();
  });

  it("field() reads an object without a prototype (an XML map)", () => {
    expect(jmespath.field(Object.assign(Object.create(null), { a: 1 }), "a")).toBe(1);
  });

  it("the helpers cannot be changed", () => {
    expect(Object.isFrozen(jmespath)).toBe(true);
  });
});

describe("the helpers follow JMESPath's specification where jmespath.js departs from it", () => {
  it.each([
    { left: 1, ordering: "<", right: 2, want: true },
    { left: 2, ordering: "<=", right: 2, want: true },
    { left: 3, ordering: ">", right: 2, want: true },
    { left: 2, ordering: ">=", right: 3, want: false },
    { left: "a", ordering: "<", right: "b", want: null },
    { left: null, ordering: ">=", right: 0, want: null },
    { left: 1, ordering: ">=", right: null, want: null },
    { left: [1], ordering: ">", right: [0], want: null },
    { left: true, ordering: ">", right: false, want: null },
    { left: "2", ordering: "<", right: 3, want: null },
  ] as const)("compare($left, $ordering, $right) is $want: only numbers are ordered", ({ left, ordering, right, want }) => {
    expect(jmespath.compare(left, ordering, right)).toBe(want);
  });

  it("a filter on an ordering drops the elements whose values are not numbers, as the specification's example", () => {
    const document = { foo: [{ a: "char", b: "char" }, { a: 2, b: 1 }, { a: 1, b: 2 }] };
    expect(compiled("foo[?a<b]")(jmespath, document)).toEqual([{ a: 1, b: 2 }]);
  });

  it.each([
    { subject: ["a", "b"], search: "a", want: true },
    { subject: [[1]], search: [1], want: true },
    { subject: [{ a: 1 }], search: { a: 1 }, want: true },
    { subject: [1, 2], search: 3, want: false },
    { subject: "foobar", search: "oba", want: true },
    { subject: "a1", search: 1, want: false },
    { subject: "null", search: null, want: false },
  ])("contains($subject, $search) is $want: equality for arrays, strings in strings", ({ subject, search, want }) => {
    expect(jmespath.contains(subject, search)).toBe(want);
  });

  it.each([
    { value: "abc", want: 3 },
    { value: "😀é", want: 2 },
    { value: [1, [2, 3]], want: 2 },
    { value: { a: 1, b: null }, want: 2 },
  ])("length($value) is $want: a string's code points", ({ value, want }) => {
    expect(jmespath.length(value)).toBe(want);
  });

  it.each([
    { name: "null", value: null },
    { name: "a boolean", value: true },
    { name: "a number", value: 1 },
    { name: "a Date", value: new Date(0) },
    { name: "a byte array", value: new Uint8Array(2) },
  ])("length() of $name is a TypeError", ({ value }) => {
    expect(() => jmespath.length(value)).toThrow(TypeError);
  });

  it.each([null, {}, 1, false])("contains(%s, 'x') is a TypeError", (subject) => {
    expect(() => jmespath.contains(subject, "x")).toThrow(TypeError);
  });
});

describe("the helpers on what keysmith's outputs hold besides JSON", () => {
  it.each([
    { name: "an absent (undefined) member reads as null", got: () => jmespath.field({ a: undefined }, "a"), want: null },
    { name: "an object with absent members only is falsy", got: () => jmespath.truthy({ a: undefined }), want: false },
    { name: "absent members are not counted", got: () => jmespath.length({ a: undefined, b: 1 }), want: 1 },
    { name: "absent members are equal to no member", got: () => jmespath.equals({ a: undefined }, {}), want: true },
    { name: "a null member is not equal to no member", got: () => jmespath.equals({ a: null }, {}), want: false },
    { name: "undefined equals null", got: () => jmespath.equals(undefined, null), want: true },
    { name: "a projection drops undefined", got: () => jmespath.project([undefined, 1]), want: [1] },
    { name: "an undefined element reads as null", got: () => jmespath.index([undefined], 0), want: null },
    { name: "a multi-select list of an absent output is null", got: () => compiled("[a]")(jmespath, undefined), want: null },
    { name: "a Date has no fields", got: () => jmespath.field(new Date(0), "getTime"), want: null },
    { name: "a Date is truthy", got: () => jmespath.truthy(new Date(0)), want: true },
    { name: "an empty byte array is truthy", got: () => jmespath.truthy(new Uint8Array(0)), want: true },
    { name: "Dates of the same instant are equal", got: () => jmespath.equals(new Date(5), new Date(5)), want: true },
    { name: "Dates of different instants are not equal", got: () => jmespath.equals(new Date(5), new Date(6)), want: false },
    { name: "a Date is not equal to its milliseconds", got: () => jmespath.equals(new Date(5), 5), want: false },
    { name: "byte arrays of the same bytes are equal", got: () => jmespath.equals(new Uint8Array([1, 2]), new Uint8Array([1, 2])), want: true },
    { name: "byte arrays of other bytes are not equal", got: () => jmespath.equals(new Uint8Array([1, 2]), new Uint8Array([1, 3])), want: false },
    { name: "a byte array is not equal to a list of its bytes", got: () => jmespath.equals(new Uint8Array([1]), [1]), want: false },
    { name: "Dates are not ordered", got: () => jmespath.compare(new Date(1), "<", new Date(2)), want: null },
    { name: "a Date is not an object to project", got: () => jmespath.values(new Date(0)), want: null },
  ])("$name", ({ got, want }) => {
    expect(got()).toEqual(want);
  });
});

describe("compiled expressions type-check under the project's strict options", () => {
  it("with the output typed unknown", () => {
    const expressions = [...new Set([...AWS_EXPRESSIONS, ...CONSTRUCT_EXPRESSIONS])];
    const file = fileURLToPath(new URL("./jmespath-compiled.ts", import.meta.url));
    const source = [
      'import { jmespath } from "../src/waiter/jmespath.js";',
      "declare const output: unknown;",
      ...expressions.map((expression, at) => `export const path${at}: unknown = ${compileJmesPath(parseJmesPath(expression), "output", (name) => name)};`),
    ].join("\n");
    expect(typeCheckSource(file, source)).toEqual([]);
  });
});
