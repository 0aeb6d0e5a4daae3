// Waiters' path matchers: the JMESPath subset keysmith parses (codegen/model/jmespath.ts), against jmespath.js,
// JMESPath's implementation for JavaScript.
import jmespathJs from "jmespath";
import { describe, expect, it } from "vitest";
import { JmesPathError, parseJmesPath } from "../codegen/model/jmespath.js";

/** jmespath.js's exports; its types declare only search. */
const reference = jmespathJs as typeof jmespathJs & { compile(expression: string): unknown };

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
