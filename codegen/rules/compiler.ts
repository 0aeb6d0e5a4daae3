import { ModelError } from "../model/model.js";
import { literal, propertyKey } from "../model/names.js";
import { ModuleWriter } from "../emit/writer.js";
import type { Condition, EndpointOutcome, Expression, FunctionCall, Parameter, Reference, Rule, RuleSet } from "./ast.js";
import { REGION_BUILT_IN } from "./built-ins.js";

/**
 * What a value holds, so that the compiler knows which attributes `getAttr` may read as plain properties and how a
 * condition tests it. A `?` kind may be null (an unset parameter, a function that found nothing); the others never
 * are, so a condition on one always holds and is left out.
 */
type Kind = "string" | "string?" | "boolean" | "boolean?" | "string[]" | "string[]?" | "partition" | "arn" | "arn?" | "url" | "url?" | "unknown";

const ATTRIBUTES: Partial<Record<Kind, Readonly<Record<string, Kind>>>> = {
  partition: {
    name: "string",
    dnsSuffix: "string",
    dualStackDnsSuffix: "string",
    implicitGlobalRegion: "string",
    supportsFIPS: "boolean",
    supportsDualStack: "boolean",
  },
  arn: { partition: "string", service: "string", region: "string", accountId: "string", resourceId: "string[]" },
  url: { scheme: "string", authority: "string", path: "string", normalizedPath: "string", isIp: "boolean" },
};

/** A compiled expression: its TypeScript, whether it can stand as an operand without parentheses, and its kind. */
interface Compiled {
  readonly code: string;
  readonly atomic: boolean;
  readonly kind: Kind;
  /** A literal's value, for comparisons the compiler can simplify. */
  readonly literal?: boolean | number;
  /** A condition that holds whatever the parameters: `isSet` of a value that is never null. */
  readonly always?: true;
  /** The code without the parentheses that make it an operand, for where it stands alone. */
  readonly bare?: string;
}

interface RulesFunction {
  readonly arity: number | "any";
  /** The runtime export the compiled call uses. */
  readonly runtime?: string;
  readonly compile: (args: Compiled[]) => Compiled;
}

/** The standard library of the rules language: each function as TypeScript. */
const FUNCTIONS: Readonly<Record<string, RulesFunction>> = {
  isSet: {
    arity: 1,
    compile: ([value]) => (isNullable(value!.kind) ? expression(`${operand(value!)} != null`, "boolean") : { code: "true", atomic: true, kind: "boolean", always: true }),
  },
  not: { arity: 1, compile: ([value]) => ({ code: `!${operand(value!)}`, atomic: true, kind: "boolean" }) },
  booleanEquals: { arity: 2, compile: ([a, b]) => booleanEquals(a!, b!) },
  stringEquals: { arity: 2, compile: ([a, b]) => expression(`${operand(a!)} === ${operand(b!)}`, "boolean") },
  // Parenthesized: `??` and `?:` cannot stand beside `&&` or `===` bare.
  coalesce: {
    arity: "any",
    compile: (args) => {
      const kind = args[0]?.kind ?? "unknown";
      const found = args.some((arg) => arg.kind !== "unknown" && !isNullable(arg.kind));
      return parenthesized(args.map(operand).join(" ?? "), found ? nonNull(kind) : kind);
    },
  },
  ite: { arity: 3, compile: ([test, yes, no]) => parenthesized(`${operand(test!)} ? ${operand(yes!)} : ${operand(no!)}`, yes!.kind) },
  isValidHostLabel: { arity: 2, runtime: "isValidHostLabel", compile: (args) => call("isValidHostLabel", args, "boolean") },
  parseURL: { arity: 1, runtime: "parseURL", compile: (args) => call("parseURL", args, "url?") },
  substring: { arity: 4, runtime: "substring", compile: (args) => call("substring", args, "string?") },
  uriEncode: { arity: 1, runtime: "uriEncode", compile: (args) => call("uriEncode", args, "string") },
  split: { arity: 3, runtime: "split", compile: (args) => call("split", args, "string[]") },
  // Never null: the runtime's partition() falls back to the aws partition, as the official function does.
  "aws.partition": { arity: 1, runtime: "partition", compile: (args) => call("partition", args, "partition") },
  "aws.parseArn": { arity: 1, runtime: "parseArn", compile: (args) => call("parseArn", args, "arn?") },
  "aws.isVirtualHostableS3Bucket": {
    arity: 2,
    runtime: "isVirtualHostableS3Bucket",
    compile: (args) => call("isVirtualHostableS3Bucket", args, "boolean"),
  },
};

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package " +
    "private protected public await arguments eval undefined parameters Error").split(" "),
);

/** Unconditional failure of a tree whose conditions held but none of whose rules did, as the rules language defines it. */
const EXHAUSTED = "Rules evaluation failed";

/** A parameter's kind by its rules-language type (lower-cased), when it has a value: its TypeScript type too. */
const PARAMETER_KINDS: Readonly<Record<string, Kind>> = { string: "string", boolean: "boolean", stringarray: "string[]" };

/** Fields of a sigv4 auth scheme. disableDoubleEncoding changes nothing for awsQuery, whose path is always `/`. */
const SIGV4_FIELDS = new Set(["name", "signingName", "signingRegion", "disableDoubleEncoding"]);

/** A parameter's TypeScript type. */
export function parameterType(name: string, parameter: Parameter): string {
  const kind = PARAMETER_KINDS[parameter.type.toLowerCase()];
  if (kind === undefined) throw new ModelError(`endpoint parameter ${name} has type ${parameter.type}; the rules language knows String, Boolean, StringArray`);
  return kind;
}

type Scope = ReadonlyMap<string, Kind>;

/**
 * Compiles a rule set into the body of a function of `parameters`: each rule an `if` on its conditions (conditions
 * that always hold left out), each `assign` a `const`, each template a template literal, and each endpoint the
 * object the client reads: its URL, its SigV4 scope where it differs from the client's own (the service's signing
 * name, the client's region), and its headers. What the rule set documents stays as comments. `runtime` is where the
 * rules language's functions are imported from.
 */
export class RuleCompiler {
  private readonly regionParameters: ReadonlySet<string>;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly runtime: string,
    private readonly signingName: string,
  ) {
    this.regionParameters = new Set(Object.entries(ruleSet.parameters).filter(([, p]) => p.builtIn === REGION_BUILT_IN).map(([name]) => name));
  }

  /** The function body: the parameters as locals, with their defaults, then the rules. */
  body(w: ModuleWriter): void {
    const scope = new Map<string, Kind>();
    const names: string[] = [];
    const required: string[] = [];
    for (const [name, parameter] of Object.entries(this.ruleSet.parameters)) {
      const kind = parameterType(name, parameter) as Kind;
      const hasValue = parameter.default !== undefined || parameter.required === true;
      scope.set(checkedName(name), hasValue ? kind : nullable(kind));
      names.push(parameter.default === undefined ? name : `${name} = ${JSON.stringify(parameter.default)}`);
      if (parameter.required && parameter.default === undefined) required.push(name);
    }
    w.list("const {", names, "} = parameters;", { trailing: true });
    for (const name of required) w.line(`if (${name} == null) throw new Error(${literal(`Missing required parameter: '${name}'`)});`);
    this.rules(w, this.ruleSet.rules, scope, new Set(scope.keys()));
  }

  /**
   * A list of rules, first match wins; it always ends in a return or a throw. Rules after one that always matches
   * are unreachable and left out; when every rule may fail, the list ends by throwing, as the rules language defines
   * an exhausted list.
   */
  private rules(w: ModuleWriter, rules: readonly Rule[], scope: Scope, declared: Set<string>): void {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      // Neighbours with the same outcome (STS's sixteen legacy Regions) become one `if` on any of their conditions.
      const alternatives = [rule];
      while (i + 1 < rules.length && this.sameOutcome(rule, rules[i + 1]!, scope)) alternatives.push(rules[++i]!);
      for (const { documentation } of alternatives) if (documentation) w.comment(documentation);
      const exits = alternatives.length === 1 ? this.guarded(w, rule, 0, scope, declared) : this.anyOf(w, alternatives, scope, declared);
      if (exits) return;
    }
    w.line(`throw new Error(${literal(EXHAUSTED)});`);
  }

  /** The rule's conditions from `index` on, then its outcome; whether the code written always returns or throws. */
  private guarded(w: ModuleWriter, rule: Rule, index: number, scope: Scope, declared: Set<string>): boolean {
    const conditions = rule.conditions;
    if (index === conditions.length) {
      this.outcome(w, rule, scope, declared);
      return true;
    }
    const first = conditions[index]!;
    if (first.assign !== undefined) {
      const name = checkedName(first.assign);
      if (scope.has(name)) throw new ModelError(`endpoint rules assign ${name} where it is already defined`);
      const value = this.call(w, first, scope);
      // Inside the `if`, the value has been found: what may be null is no longer.
      const inner = new Map(scope).set(name, nonNull(value.kind));
      // A sibling rule may have assigned the same name in this block; a block of its own keeps the two apart.
      const ownBlock = declared.has(name);
      declared.add(name);
      const assigned = () => {
        w.line(`const ${name} = ${value.bare ?? value.code};`);
        const holds = test({ code: name, atomic: true, kind: value.kind });
        if (holds === undefined) return this.guarded(w, rule, index + 1, inner, ownBlock ? new Set([name]) : declared);
        w.block(`if (${holds})`, () => this.guarded(w, rule, index + 1, inner, new Set()));
        return false;
      };
      if (!ownBlock) return assigned();
      let exits = false;
      w.block("", () => (exits = assigned()));
      return exits;
    }
    // Conditions up to the next assignment share one `if`: every test is a call, a comparison or a negation, all of
    // which bind tighter than `&&`.
    let next = index;
    const tests: string[] = [];
    const inner = new Map(scope);
    for (; next < conditions.length && conditions[next]!.assign === undefined; next++) {
      const condition = conditions[next]!;
      const holds = test(this.call(w, condition, inner));
      if (holds !== undefined) tests.push(holds);
      const set = isSetReference(condition);
      if (set !== undefined) inner.set(set, nonNull(scope.get(set)!));
    }
    if (tests.length === 0) return this.guarded(w, rule, next, inner, declared);
    w.block(`if (${tests.join(" && ")})`, () => this.guarded(w, rule, next, inner, new Set()));
    return false;
  }

  /** Whether `next` may share an `if` with `rule`: both endpoints or errors, alike, guarded without assignments. */
  private sameOutcome(rule: Rule, next: Rule, scope: Scope): boolean {
    const simple = (candidate: Rule) =>
      candidate.type !== "tree" && candidate.conditions.length > 0 && candidate.conditions.every((condition) => condition.assign === undefined);
    if (!simple(rule) || !simple(next)) return false;
    const rendered = (candidate: Rule) => {
      const scratch = new ModuleWriter("");
      this.outcome(scratch, candidate, scope, new Set());
      return scratch.toString();
    };
    return rendered(rule) === rendered(next);
  }

  /** One `if` on any of the rules' conditions, with their shared outcome; whether it always returns or throws. */
  private anyOf(w: ModuleWriter, alternatives: Rule[], scope: Scope, declared: Set<string>): boolean {
    const clauses: string[] = [];
    for (const rule of alternatives) {
      const tests = rule.conditions.flatMap((condition) => test(this.call(w, condition, scope)) ?? []);
      // One alternative always holds: so does the whole.
      if (tests.length === 0) {
        this.outcome(w, rule, scope, declared);
        return true;
      }
      clauses.push(tests.length === 1 && !tests[0]!.includes("&&") ? tests[0]! : `(${tests.join(" && ")})`);
    }
    w.list("if (", clauses, ") {", { separator: " ||", trailing: false, padding: "" });
    w.indented(() => this.outcome(w, alternatives[0]!, scope, new Set()));
    w.line("}");
    return false;
  }

  private outcome(w: ModuleWriter, rule: Rule, scope: Scope, declared: Set<string>): void {
    switch (rule.type) {
      case "endpoint": {
        if (rule.endpoint === undefined) throw new ModelError("an endpoint rule has no endpoint");
        w.object("return ", this.endpoint(w, rule.endpoint, scope), ";");
        return;
      }
      case "error":
        if (rule.error === undefined) throw new ModelError("an error rule has no error");
        w.line(`throw new Error(${this.expression(w, rule.error, scope).code});`);
        return;
      case "tree":
        this.rules(w, rule.rules ?? [], scope, declared);
        return;
      default:
        throw new ModelError(`unknown endpoint rule type ${JSON.stringify((rule as Rule).type)}`);
    }
  }

  /** The fields of an endpoint: url, the SigV4 scope where it is not the client's own, and headers. */
  private endpoint(w: ModuleWriter, endpoint: EndpointOutcome, scope: Scope): string[] {
    const fields = [`url: ${this.expression(w, endpoint.url, scope).code}`];
    const { authSchemes, ...others } = endpoint.properties ?? {};
    const unknown = Object.keys(others);
    if (unknown.length > 0) throw new ModelError(`an endpoint rule has the properties ${unknown.join(", ")}; keysmith reads only authSchemes`);
    const sigv4 = sigv4Scheme(authSchemes);
    if (sigv4?.signingName !== undefined && sigv4.signingName !== this.signingName) {
      fields.push(`signingName: ${this.expression(w, sigv4.signingName as Expression, scope).code}`);
    }
    // A rule that signs for the region parameter signs for the client's region, which the client uses anyway.
    const region = sigv4?.signingRegion;
    if (region !== undefined && ![...this.regionParameters].some((name) => region === `{${name}}`)) {
      fields.push(`signingRegion: ${this.expression(w, region as Expression, scope).code}`);
    }
    const headers = Object.entries(endpoint.headers ?? {}).map(
      ([name, values]) => `${propertyKey(name)}: [${values.map((value) => this.expression(w, value, scope).code).join(", ")}]`,
    );
    if (headers.length > 0) fields.push(`headers: { ${headers.join(", ")} }`);
    return fields;
  }

  private call(w: ModuleWriter, callee: FunctionCall, scope: Scope): Compiled {
    const argv = callee.argv ?? [];
    if (callee.fn === "getAttr") return this.getAttr(w, argv, scope);
    const fn = FUNCTIONS[callee.fn];
    if (fn === undefined) throw new ModelError(`the endpoint rules call ${callee.fn}, a function keysmith-codegen does not know`);
    if (fn.arity !== "any" && argv.length !== fn.arity) {
      throw new ModelError(`the endpoint rules call ${callee.fn} with ${argv.length} arguments; it takes ${fn.arity}`);
    }
    if (fn.runtime) w.import(this.runtime, fn.runtime);
    return fn.compile(argv.map((argument) => this.expression(w, argument, scope)));
  }

  /** A known attribute of a known kind reads as a property; anything else goes through the runtime's getAttr. */
  private getAttr(w: ModuleWriter, argv: readonly Expression[], scope: Scope): Compiled {
    const [target, path] = argv;
    if (argv.length !== 2 || typeof path !== "string") throw new ModelError("getAttr takes a value and a path string");
    let value = this.expression(w, target!, scope);
    const steps = path.split(".").flatMap((part) => {
      const match = /^([^[\]]*)((?:\[-?\d+\])*)$/.exec(part);
      if (match === null) throw new ModelError(`getAttr path ${JSON.stringify(path)} is malformed`);
      const indexes = [...match[2]!.matchAll(/\[(-?\d+)\]/g)].map((index) => Number(index[1]));
      return [...(match[1] ? [match[1]] : []), ...indexes];
    });
    for (const step of steps) {
      const attributes = ATTRIBUTES[nonNull(value.kind)];
      if (typeof step === "string" && attributes?.[step] !== undefined) {
        value = { code: `${operand(value)}${isNullable(value.kind) ? "?." : "."}${step}`, atomic: true, kind: attributes[step]! };
      } else if (typeof step === "number" && value.kind === "string[]") {
        value = { code: step < 0 ? `${operand(value)}.at(${step})` : `${operand(value)}[${step}]`, atomic: true, kind: "string?" };
      } else {
        w.import(this.runtime, "getAttr");
        return { code: `getAttr(${this.expression(w, target!, scope).code}, ${literal(path)})`, atomic: true, kind: "unknown" };
      }
    }
    return value;
  }

  private expression(w: ModuleWriter, expression: Expression, scope: Scope): Compiled {
    if (typeof expression === "string") return this.template(w, expression, scope);
    if (typeof expression === "number" || typeof expression === "boolean") return { code: String(expression), atomic: true, kind: "unknown", literal: expression };
    if ("ref" in expression) {
      const kind = scope.get(expression.ref);
      if (kind === undefined) throw new ModelError(`the endpoint rules refer to ${expression.ref}, which is neither a parameter nor assigned before`);
      return { code: expression.ref, atomic: true, kind };
    }
    if ("fn" in expression) return this.call(w, expression, scope);
    throw new ModelError(`unknown endpoint rules expression ${JSON.stringify(expression)}`);
  }

  /** "https://{Region}.{PartitionResult#dnsSuffix}" → a template literal; a template that is one string reference → it. */
  private template(w: ModuleWriter, template: string, scope: Scope): Compiled {
    const parts: Array<string | Compiled> = [];
    let text = "";
    for (let i = 0; i < template.length; i++) {
      const char = template[i]!;
      if ((char === "{" || char === "}") && template[i + 1] === char) {
        text += char;
        i++;
      } else if (char === "{") {
        const end = template.indexOf("}", i);
        if (end === -1) throw new ModelError(`endpoint template ${JSON.stringify(template)} has an unclosed {`);
        const [ref, path] = template.slice(i + 1, end).split("#");
        const reference: Reference = { ref: ref! };
        if (text) parts.push(text);
        text = "";
        parts.push(this.expression(w, path === undefined ? reference : { fn: "getAttr", argv: [reference, path] }, scope));
        i = end;
      } else {
        text += char;
      }
    }
    if (text) parts.push(text);
    if (parts.length === 0) return { code: '""', atomic: true, kind: "string" };
    if (parts.length === 1 && typeof parts[0] === "string") return { code: literal(parts[0]), atomic: true, kind: "string" };
    if (parts.length === 1 && (parts[0] as Compiled).kind === "string") return parts[0] as Compiled;
    const code = parts.map((part) => (typeof part === "string" ? escapeTemplateText(part) : `\${${interpolated(part)}}`)).join("");
    return { code: `\`${code}\``, atomic: true, kind: "string" };
  }
}

/** The first sigv4 scheme of an endpoint's authSchemes property; a rule that names others only is refused. */
function sigv4Scheme(authSchemes: unknown): Record<string, unknown> | undefined {
  if (authSchemes === undefined) return undefined;
  if (!Array.isArray(authSchemes)) throw new ModelError("an endpoint rule's authSchemes is not a list");
  const schemes = authSchemes as Array<Record<string, unknown>>;
  if (schemes.length === 0) return undefined;
  const sigv4 = schemes.find((scheme) => scheme?.name === "sigv4");
  if (sigv4 === undefined) {
    throw new ModelError(`an endpoint rule names the auth schemes ${schemes.map((scheme) => JSON.stringify(scheme?.name)).join(", ")}; keysmith signs only with sigv4`);
  }
  const unknown = Object.keys(sigv4).filter((field) => !SIGV4_FIELDS.has(field));
  if (unknown.length > 0) throw new ModelError(`an endpoint rule's sigv4 auth scheme has the fields ${unknown.join(", ")}, which keysmith does not read`);
  return sigv4;
}

/** `isSet(ref)`'s reference: inside the condition's `if`, the value is known to be set. */
function isSetReference(condition: Condition): string | undefined {
  const [argument] = condition.argv ?? [];
  return condition.fn === "isSet" && typeof argument === "object" && argument !== null && "ref" in argument ? argument.ref : undefined;
}

/** `booleanEquals`: a boolean that is never null compared with a literal reads as itself or its negation. */
function booleanEquals(a: Compiled, b: Compiled): Compiled {
  const [value, constant] = typeof b.literal === "boolean" ? [a, b.literal] : typeof a.literal === "boolean" ? [b, a.literal] : [undefined, undefined];
  if (value?.kind === "boolean") return constant ? value : { code: `!${operand(value)}`, atomic: true, kind: "boolean" };
  return expression(`${operand(a)} === ${operand(b)}`, "boolean");
}

function expression(code: string, kind: Kind): Compiled {
  return { code, atomic: false, kind };
}

function parenthesized(code: string, kind: Kind): Compiled {
  return { code: `(${code})`, atomic: true, kind, bare: code };
}

function call(name: string, args: Compiled[], kind: Kind): Compiled {
  return { code: `${name}(${args.map((arg) => arg.code).join(", ")})`, atomic: true, kind };
}

function isNullable(kind: Kind): boolean {
  return kind.endsWith("?") || kind === "unknown";
}

/** The kind of a value known not to be null. */
function nonNull(kind: Kind): Kind {
  return kind.endsWith("?") ? (kind.slice(0, -1) as Kind) : kind;
}

/** The kind of a parameter that may be unset. */
function nullable(kind: Kind): Kind {
  return isNullable(kind) ? kind : (`${kind}?` as Kind);
}

function operand(value: Compiled): string {
  return value.atomic ? value.code : `(${value.code})`;
}

/**
 * How a condition holds: a boolean as itself; any other value when the function found one (not null, not false).
 * Undefined when it always holds.
 */
function test(value: Compiled): string | undefined {
  if (value.always) return undefined;
  switch (value.kind) {
    case "boolean":
      return value.code;
    case "boolean?":
      return `${operand(value)} === true`;
    case "unknown":
      return `${operand(value)} != null && ${operand(value)} !== false`;
    default:
      return isNullable(value.kind) ? `${operand(value)} != null` : undefined;
  }
}

function escapeTemplateText(text: string): string {
  return text.replace(/[`\\]|\$\{/g, (special) => `\\${special}`);
}

/** A value in a template: one that may be missing reads as empty, as the rules language joins templates. */
function interpolated(value: Compiled): string {
  return value.kind === "string" || value.kind === "boolean" ? value.code : `${operand(value)} ?? ""`;
}

function checkedName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || RESERVED.has(name) || Object.values(FUNCTIONS).some((fn) => fn.runtime === name) || name === "getAttr") {
    throw new ModelError(`endpoint rules name ${JSON.stringify(name)} cannot be a TypeScript local; rename the parameter or assignment`);
  }
  return name;
}
