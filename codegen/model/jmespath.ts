/**
 * The JMESPath of Smithy waiters' path matchers (`smithy.waiters#waitable`), parsed into a small AST for the emitter
 * to compile into TypeScript. The subset AWS's waiters use: identifiers, `@`, sub-expressions, indexes, flatten,
 * wildcard and filter projections, multi-select lists, comparisons, `&&`, `||`, `!`, parentheses, literals, raw
 * strings, and the functions `length` and `contains`. JMESPath's grammar and binding powers, as its reference
 * implementations (jmespath.py, jmespath.js) read them; anything else is refused with a JmesPathError.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type Comparator = "==" | "!=" | "<" | "<=" | ">" | ">=";

export type JmesPathFunction = "length" | "contains";

/** A node of the AST; each evaluates against a current value, which `left` (where there is one) evaluates against first. */
export type JmesPathNode =
  /** `@`, and the implicit current value of a projection's or filter's right side. */
  | { readonly type: "current" }
  | { readonly type: "field"; readonly name: string }
  /** A backtick JSON literal or a raw string. */
  | { readonly type: "literal"; readonly value: JsonValue }
  /** `left.right`: right evaluated against left's value. */
  | { readonly type: "subexpression"; readonly left: JmesPathNode; readonly right: JmesPathNode }
  /** `left[index]`, negative from the end. */
  | { readonly type: "index"; readonly left: JmesPathNode; readonly index: number }
  /** The list left evaluates to, with its elements that are lists spliced in: the left of `[]`'s projection. */
  | { readonly type: "flatten"; readonly left: JmesPathNode }
  /** `left[*].right` and `left[].right` (over a flatten): right evaluated against each element, nulls dropped. */
  | { readonly type: "projection"; readonly left: JmesPathNode; readonly right: JmesPathNode }
  /** `left.*.right`: right evaluated against each value of an object, nulls dropped. */
  | { readonly type: "valueProjection"; readonly left: JmesPathNode; readonly right: JmesPathNode }
  /** `left[?condition].right`: the projection over the elements for which condition is truthy. */
  | { readonly type: "filterProjection"; readonly left: JmesPathNode; readonly condition: JmesPathNode; readonly right: JmesPathNode }
  /** `[a, b]`: each element evaluated against the current value (null when that is null). */
  | { readonly type: "multiSelectList"; readonly elements: readonly JmesPathNode[] }
  | { readonly type: "comparison"; readonly comparator: Comparator; readonly left: JmesPathNode; readonly right: JmesPathNode }
  | { readonly type: "and"; readonly left: JmesPathNode; readonly right: JmesPathNode }
  | { readonly type: "or"; readonly left: JmesPathNode; readonly right: JmesPathNode }
  | { readonly type: "not"; readonly operand: JmesPathNode }
  | { readonly type: "function"; readonly name: JmesPathFunction; readonly args: readonly JmesPathNode[] };

/** An expression keysmith does not compile: a syntax error, or JMESPath it does not support. */
export class JmesPathError extends Error {
  override readonly name = "JmesPathError";
}

const FUNCTION_ARITY: Readonly<Record<JmesPathFunction, number>> = { length: 1, contains: 2 };

/** Parses a JMESPath expression, or throws a JmesPathError naming what is wrong and at which character offset. */
export function parseJmesPath(expression: string): JmesPathNode {
  return new Parser(tokenize(expression)).parse();
}

type TokenKind =
  | "identifier"
  | "quotedIdentifier"
  | "literal"
  | "number"
  | "eof"
  | "."
  | "*"
  | ","
  | ":"
  | "@"
  | "("
  | ")"
  | "["
  | "]"
  | "[]"
  | "[?"
  | "!"
  | "&&"
  | "||"
  | Comparator;

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  /** The token as written, for messages. */
  readonly text: string;
  /** An identifier's name, a number's or a literal's value. */
  readonly value?: JsonValue;
}

const CURRENT: JmesPathNode = { type: "current" };

/** The reference implementations' binding powers; tokens not listed bind nothing (0). */
const BINDING_POWER: Partial<Record<TokenKind, number>> = {
  "||": 2,
  "&&": 3,
  "==": 5,
  "!=": 5,
  "<": 5,
  "<=": 5,
  ">": 5,
  ">=": 5,
  "[]": 9,
  "*": 20,
  "[?": 21,
  ".": 40,
  "!": 45,
  "[": 55,
  "(": 60,
};

const bindingPower = (token: Token) => BINDING_POWER[token.kind] ?? 0;

/** A projection's right side goes on while the next token binds at least this strongly. */
const PROJECTION_STOP = 10;

const UNSUPPORTED: Readonly<Record<string, string>> = {
  "|": "the pipe expression",
  "&": "the expression reference",
  "{": "the multi-select hash",
};

/** Tokens of two characters, tried before those of one. */
const PAIRS = new Set<string>(["&&", "||", "==", "!=", "<=", ">=", "[]", "[?"]);
const SINGLES = new Set<string>([".", "*", ",", ":", "@", "(", ")", "[", "]", "!", "<", ">"]);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, length: number, value?: JsonValue) => {
    tokens.push({ kind, start: at, text: source.slice(at, at + length), ...(value !== undefined && { value }) });
    at += length;
  };
  while (at < source.length) {
    const rest = source.slice(at);
    const char = rest[0]!;
    let match: RegExpMatchArray | null;
    if (" \t\n\r".includes(char)) at++;
    else if ((match = rest.match(/^[A-Za-z_][A-Za-z0-9_]*/))) push("identifier", match[0].length, match[0]);
    else if ((match = rest.match(/^-?[0-9]+/))) push("number", match[0].length, Number(match[0]));
    else if (PAIRS.has(rest.slice(0, 2))) push(rest.slice(0, 2) as TokenKind, 2);
    else if (SINGLES.has(char)) push(char as TokenKind, 1);
    else if (Object.hasOwn(UNSUPPORTED, char)) throw new JmesPathError(`${UNSUPPORTED[char]} ${JSON.stringify(char)} at ${at} is not supported`);
    else if (char === '"') {
      const length = delimited(source, at, "quoted identifier");
      const name = parseJson(source.slice(at, at + length), "quoted identifier", at);
      if (name === "") throw new JmesPathError(`the quoted identifier at ${at} is empty`);
      push("quotedIdentifier", length, name);
    } else if (char === "'") {
      const length = delimited(source, at, "raw string");
      // Only an escaped quote is unescaped: any other backslash stays, as JMESPath's compliance tests have it.
      push("literal", length, source.slice(at + 1, at + length - 1).replaceAll("\\'", "'"));
    } else if (char === "`") {
      const length = delimited(source, at, "literal");
      push("literal", length, parseJson(source.slice(at + 1, at + length - 1).replaceAll("\\`", "`"), "literal", at));
    } else throw new JmesPathError(`unexpected ${JSON.stringify(char)} at ${at}`);
  }
  tokens.push({ kind: "eof", start: source.length, text: "" });
  return tokens;
}

/** The length of the quoted token at `start`, its closing quote included (a backslash escapes the character after it). */
function delimited(source: string, start: number, what: string): number {
  const quote = source[start]!;
  for (let at = start + 1; at < source.length; at++) {
    if (source[at] === "\\") at++;
    else if (source[at] === quote) return at - start + 1;
  }
  throw new JmesPathError(`the ${what} at ${start} is not closed`);
}

function parseJson(text: string, what: string, start: number): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new JmesPathError(`the ${what} at ${start} is not JSON`);
  }
}

/** A Pratt parser over the tokens, as JMESPath's reference implementations are. */
class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): JmesPathNode {
    const node = this.expression(0);
    this.expect("eof");
    return node;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.position++;
    return token;
  }

  private expect(kind: TokenKind): Token {
    if (this.peek().kind !== kind) throw this.unexpected(this.peek());
    return this.next();
  }

  private unexpected(token: Token): JmesPathError {
    if (token.kind === "eof") return new JmesPathError(`unexpected end of expression at ${token.start}`);
    return new JmesPathError(`unexpected ${JSON.stringify(token.text)} at ${token.start}`);
  }

  private expression(rightBindingPower: number): JmesPathNode {
    let left = this.prefix(this.next());
    while (rightBindingPower < bindingPower(this.peek())) left = this.infix(this.next(), left);
    return left;
  }

  /** A token that starts an expression. */
  private prefix(token: Token): JmesPathNode {
    switch (token.kind) {
      case "literal":
        return { type: "literal", value: token.value! };
      case "identifier":
        return this.peek().kind === "(" ? this.functionCall(token) : { type: "field", name: token.value as string };
      case "quotedIdentifier":
        return { type: "field", name: token.value as string };
      case "@":
        return CURRENT;
      case "!":
        return { type: "not", operand: this.expression(BINDING_POWER["!"]!) };
      case "*":
        return { type: "valueProjection", left: CURRENT, right: this.projectionRight(BINDING_POWER["*"]!) };
      case "[]":
        return { type: "projection", left: { type: "flatten", left: CURRENT }, right: this.projectionRight(BINDING_POWER["[]"]!) };
      case "[?":
        return this.filter(CURRENT);
      case "[":
        if (this.peek().kind === "*" && this.peek(1).kind === "]") {
          this.position += 2;
          return { type: "projection", left: CURRENT, right: this.projectionRight(BINDING_POWER["*"]!) };
        }
        return this.peek().kind === "number" || this.peek().kind === ":" ? this.index(CURRENT) : this.multiSelectList();
      case "(": {
        const inner = this.expression(0);
        this.expect(")");
        return inner;
      }
      default:
        throw this.unexpected(token);
    }
  }

  /** A token that continues the expression `left`. */
  private infix(token: Token, left: JmesPathNode): JmesPathNode {
    switch (token.kind) {
      case ".":
        if (this.peek().kind === "*") {
          this.next();
          return { type: "valueProjection", left, right: this.projectionRight(BINDING_POWER["."]!) };
        }
        return { type: "subexpression", left, right: this.dotRight(BINDING_POWER["."]!) };
      case "||":
        return { type: "or", left, right: this.expression(BINDING_POWER["||"]!) };
      case "&&":
        return { type: "and", left, right: this.expression(BINDING_POWER["&&"]!) };
      case "==":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=":
        return { type: "comparison", comparator: token.kind, left, right: this.expression(BINDING_POWER[token.kind]!) };
      case "[]":
        return { type: "projection", left: { type: "flatten", left }, right: this.projectionRight(BINDING_POWER["[]"]!) };
      case "[?":
        return this.filter(left);
      case "[":
        if (this.peek().kind === "number" || this.peek().kind === ":") return this.index(left);
        this.expect("*");
        this.expect("]");
        return { type: "projection", left, right: this.projectionRight(BINDING_POWER["*"]!) };
      default:
        throw this.unexpected(token);
    }
  }

  /** After `[`: a number and `]`; a colon makes it a slice, which keysmith does not compile. */
  private index(left: JmesPathNode): JmesPathNode {
    const colon = this.peek().kind === ":" ? this.peek() : this.peek(1).kind === ":" ? this.peek(1) : undefined;
    if (colon !== undefined) throw new JmesPathError(`the slice ":" at ${colon.start} is not supported`);
    const index = this.expect("number").value as number;
    this.expect("]");
    return { type: "index", left, index };
  }

  /** After `[?`: the condition, `]`, and the projection's right side. */
  private filter(left: JmesPathNode): JmesPathNode {
    const condition = this.expression(0);
    this.expect("]");
    return { type: "filterProjection", left, condition, right: this.projectionRight(BINDING_POWER["[?"]!) };
  }

  /** What a projection applies to each element: nothing (the element) unless a `.`, `[` or `[?` follows. */
  private projectionRight(rightBindingPower: number): JmesPathNode {
    const next = this.peek();
    if (bindingPower(next) < PROJECTION_STOP) return CURRENT;
    if (next.kind === "[" || next.kind === "[?") return this.expression(rightBindingPower);
    if (next.kind === ".") {
      this.next();
      return this.dotRight(rightBindingPower);
    }
    throw this.unexpected(next);
  }

  /** After `.`: an identifier (a function call too), `*`, or a multi-select list. */
  private dotRight(rightBindingPower: number): JmesPathNode {
    const next = this.peek();
    if (next.kind === "identifier" || next.kind === "quotedIdentifier" || next.kind === "*") return this.expression(rightBindingPower);
    if (next.kind === "[") {
      this.next();
      return this.multiSelectList();
    }
    throw this.unexpected(next);
  }

  /** After `[`: one or more expressions separated by commas, and `]`. */
  private multiSelectList(): JmesPathNode {
    const elements = this.commaSeparated();
    this.expect("]");
    return { type: "multiSelectList", elements };
  }

  /** One or more expressions separated by commas. */
  private commaSeparated(): JmesPathNode[] {
    const expressions = [this.expression(0)];
    while (this.peek().kind === ",") {
      this.next();
      expressions.push(this.expression(0));
    }
    return expressions;
  }

  /** `name(arguments)`, for the functions keysmith compiles, with their number of arguments. */
  private functionCall(name: Token): JmesPathNode {
    this.expect("(");
    const args = this.peek().kind === ")" ? [] : this.commaSeparated();
    this.expect(")");
    if (!Object.hasOwn(FUNCTION_ARITY, name.text)) {
      throw new JmesPathError(`the function ${name.text}() at ${name.start} is not supported (only ${Object.keys(FUNCTION_ARITY).join("() and ")}() are)`);
    }
    const arity = FUNCTION_ARITY[name.text as JmesPathFunction];
    if (args.length !== arity) {
      throw new JmesPathError(`${name.text}() at ${name.start} takes ${arity} argument${arity === 1 ? "" : "s"}, not ${args.length}`);
    }
    return { type: "function", name: name.text as JmesPathFunction, args };
  }
}
