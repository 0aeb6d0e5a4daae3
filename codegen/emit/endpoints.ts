import type { RuleSetObject } from "@smithy/types";
import { ModelError, trait } from "../model/model.js";
import { importStatement, literal, propertyKey } from "../model/names.js";
import type { ServicePlan } from "../model/walk.js";
import type { EmitContext } from "./context.js";
import { tsdoc } from "./docs.js";

/** The service's `smithy.rules#endpointRuleSet`, or, for models that carry none, the regional pattern. */
export function endpointRuleSetOf(plan: ServicePlan): RuleSetObject {
  const declared = trait<RuleSetObject>(plan.service.traits, "smithy.rules#endpointRuleSet");
  if (declared) return declared;
  const prefix = trait<{ endpointPrefix?: string }>(plan.service.traits, "aws.api#service")?.endpointPrefix ?? plan.sdkId.toLowerCase();
  return regionalRuleSet(prefix);
}

// The rule set as the JSON AST states it (Smithy rules language 1.0), loosely: the compiler checks what it reads.
type Expression = string | number | boolean | Reference | FunctionCall;
interface Reference {
  ref: string;
}
interface FunctionCall {
  fn: string;
  argv: Expression[];
}
interface Condition extends FunctionCall {
  assign?: string;
}
interface Rule {
  type: "endpoint" | "error" | "tree";
  conditions: Condition[];
  documentation?: string;
  endpoint?: { url: Expression; properties?: Record<string, unknown>; headers?: Record<string, Expression[]> };
  error?: Expression;
  rules?: Rule[];
}
interface Parameter {
  type: string;
  builtIn?: string;
  required?: boolean;
  default?: string | boolean | string[];
  documentation?: string;
}

/**
 * What a value holds, so that the compiler knows which attributes `getAttr` may read as plain properties and how a
 * condition tests it. The `?` kinds may be null: the function found nothing.
 */
type Kind = "string" | "string?" | "boolean" | "string[]" | "partition" | "arn" | "arn?" | "url" | "url?" | "unknown";

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
  code: string;
  atomic: boolean;
  kind: Kind;
}

/** The standard library of the rules language: each function as TypeScript, and the runtime export it calls. */
const FUNCTIONS: Readonly<Record<string, { arity: number | "any"; runtime?: string; compile: (args: Compiled[]) => Compiled }>> = {
  isSet: { arity: 1, compile: ([value]) => expression(`${operand(value!)} != null`, "boolean") },
  not: { arity: 1, compile: ([value]) => ({ code: `!${operand(value!)}`, atomic: true, kind: "boolean" }) },
  booleanEquals: { arity: 2, compile: ([a, b]) => expression(`${operand(a!)} === ${operand(b!)}`, "boolean") },
  stringEquals: { arity: 2, compile: ([a, b]) => expression(`${operand(a!)} === ${operand(b!)}`, "boolean") },
  // Parenthesized: `??` and `?:` cannot stand beside `&&` or `===` bare.
  coalesce: { arity: "any", compile: (args) => parenthesized(args.map(operand).join(" ?? "), args[0]?.kind ?? "unknown") },
  ite: { arity: 3, compile: ([test, yes, no]) => parenthesized(`${operand(test!)} ? ${operand(yes!)} : ${operand(no!)}`, yes!.kind) },
  isValidHostLabel: { arity: 2, runtime: "isValidHostLabel", compile: (args) => call("isValidHostLabel", args, "boolean") },
  parseURL: { arity: 1, runtime: "parseURL", compile: (args) => call("parseURL", args, "url?") },
  substring: { arity: 4, runtime: "substring", compile: (args) => call("substring", args, "string?") },
  uriEncode: { arity: 1, runtime: "uriEncode", compile: (args) => call("uriEncode", args, "string") },
  split: { arity: 3, runtime: "split", compile: (args) => call("split", args, "string[]") },
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

/**
 * endpoints.ts: the service's endpoint rule set compiled to a TypeScript function. Each rule becomes an `if` on its
 * conditions, each `assign` a `const`, each template a template literal; what the rule set documents stays as comments.
 */
export function emitEndpoints(ctx: EmitContext): string {
  const ruleSet = endpointRuleSetOf(ctx.plan) as unknown as { parameters: Record<string, Parameter>; rules: Rule[] };
  const compiler = new RuleCompiler(ruleSet.parameters);
  const body = compiler.body(ruleSet.rules);
  const runtimeImports = [...compiler.imports].sort();
  const parameterFields = Object.entries(ruleSet.parameters).map(
    ([name, parameter]) => `${tsdoc({ "smithy.api#documentation": parameter.documentation }, "  ")}  ${name}?: ${PARAMETER_KINDS[parameter.type.toLowerCase()]};\n`,
  );
  const builtIns = Object.entries(ruleSet.parameters).filter(([, parameter]) => parameter.builtIn !== undefined);
  return (
    ctx.header +
    "\n" +
    importStatement([...runtimeImports, "type RuleEndpoint"], ctx.runtime(0)) +
    `\n/** The parameters of the service's endpoint rules (smithy.rules#endpointRuleSet). */\n` +
    `export interface EndpointParameters {\n${parameterFields.join("")}}\n` +
    `\n/** The parameters that client settings supply, by name: the rules language's built-in each one is bound to. */\n` +
    `export const endpointBuiltIns = {\n${builtIns.map(([name, p]) => `  ${propertyKey(name)}: ${literal(p.builtIn!)},\n`).join("")}} as const;\n` +
    `\n/**\n * The endpoint for \`parameters\`, by the service's endpoint rules compiled to code. Throws an Error carrying the\n` +
    ` * rules' message when the configuration cannot be served.\n */\n` +
    `export function resolveEndpoint(parameters: EndpointParameters): RuleEndpoint {\n${body}}\n`
  );
}

/** A parameter's kind by its rules-language type (lower-cased); the kind is also its TypeScript type. */
const PARAMETER_KINDS: Readonly<Record<string, Kind>> = { string: "string", boolean: "boolean", stringarray: "string[]" };

/** Compiles one rule set; collects the runtime functions its code calls. */
class RuleCompiler {
  readonly imports = new Set<string>();
  private readonly parameters: Record<string, Parameter>;

  constructor(parameters: Record<string, Parameter>) {
    this.parameters = parameters;
  }

  /** The function body: the parameters as locals, with their defaults, then the rules. */
  body(rules: Rule[]): string {
    const scope = new Map<string, Kind>();
    const names: string[] = [];
    const lines: string[] = [];
    for (const [name, parameter] of Object.entries(this.parameters)) {
      const kind = PARAMETER_KINDS[parameter.type.toLowerCase()];
      if (kind === undefined) throw new ModelError(`endpoint parameter ${name} has type ${parameter.type}; the rules language knows String, Boolean, StringArray`);
      scope.set(checkedName(name), kind);
      names.push(parameter.default === undefined ? name : `${name} = ${JSON.stringify(parameter.default)}`);
      if (parameter.required && parameter.default === undefined) {
        lines.push(`  if (${name} == null) throw new Error(${literal(`Missing required parameter: '${name}'`)});\n`);
      }
    }
    const destructure = `  const { ${names.join(", ")} } = parameters;\n`;
    return destructure + lines.join("") + this.rules(rules, scope, new Set(scope.keys()), "  ");
  }

  /**
   * A list of rules, first match wins. Rules after an unconditional one are unreachable and left out. When no rule
   * may match, the list ends by throwing, as the rules language defines an exhausted list.
   */
  private rules(rules: Rule[], scope: Map<string, Kind>, declared: Set<string>, indent: string): string {
    let code = "";
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      // Neighbours with the same outcome (STS's sixteen legacy Regions) become one `if` on any of their conditions.
      const alternatives = [rule];
      while (i + 1 < rules.length && this.sameOutcome(rule, rules[i + 1]!, scope)) alternatives.push(rules[++i]!);
      for (const { documentation } of alternatives) if (documentation) code += comment(documentation, indent);
      code += alternatives.length === 1 ? this.guarded(rule, 0, scope, declared, indent) : this.anyOf(alternatives, scope, indent);
      if (rule.conditions.length === 0) return code;
    }
    return code + `${indent}throw new Error(${literal(EXHAUSTED)});\n`;
  }

  /** The rule's conditions from `index` on as nested ifs, then the rule's outcome. */
  private guarded(rule: Rule, index: number, scope: Map<string, Kind>, declared: Set<string>, indent: string): string {
    const conditions = rule.conditions;
    if (index === conditions.length) return this.outcome(rule, scope, declared, indent);
    const first = conditions[index]!;
    if (first.assign !== undefined) {
      const name = checkedName(first.assign);
      if (scope.has(name)) throw new ModelError(`endpoint rules assign ${name} where it is already defined`);
      const value = this.call(first, scope);
      // Inside the `if`, the value has been found: what may be null is no longer.
      const inner = new Map(scope).set(name, found(value.kind));
      // A sibling rule may have assigned the same name in this block; a block of its own keeps the two apart.
      const ownBlock = declared.has(name);
      const at = ownBlock ? indent + "  " : indent;
      if (!ownBlock) declared.add(name);
      const body =
        `${at}const ${name} = ${value.code};\n` +
        `${at}if (${test({ code: name, atomic: true, kind: value.kind })}) {\n` +
        this.guarded(rule, index + 1, inner, new Set(), at + "  ") +
        `${at}}\n`;
      return ownBlock ? `${indent}{\n${body}${indent}}\n` : body;
    }
    // Conditions up to the next assignment share one `if`: every test is a call, a comparison or a negation, all of
    // which bind tighter than `&&`.
    let next = index;
    const tests: string[] = [];
    for (; next < conditions.length && conditions[next]!.assign === undefined; next++) tests.push(test(this.call(conditions[next]!, scope)));
    return `${indent}if (${tests.join(" && ")}) {\n` + this.guarded(rule, next, scope, new Set(), indent + "  ") + `${indent}}\n`;
  }

  /** Whether `next` may share an `if` with `rule`: both endpoints or errors, alike, guarded without assignments. */
  private sameOutcome(rule: Rule, next: Rule, scope: Map<string, Kind>): boolean {
    const simple = (candidate: Rule) =>
      candidate.type !== "tree" && candidate.conditions.length > 0 && candidate.conditions.every((condition) => condition.assign === undefined);
    return simple(rule) && simple(next) && this.outcome(rule, scope, new Set(), "") === this.outcome(next, scope, new Set(), "");
  }

  private anyOf(alternatives: Rule[], scope: Map<string, Kind>, indent: string): string {
    const clauses = alternatives.map((rule) => {
      const tests = rule.conditions.map((condition) => test(this.call(condition, scope)));
      return tests.length === 1 && !tests[0]!.includes("&&") ? tests[0]! : `(${tests.join(" && ")})`;
    });
    const oneLine = `${indent}if (${clauses.join(" || ")}) {\n`;
    const opening = oneLine.length <= 160 ? oneLine : `${indent}if (\n${clauses.map((clause) => `${indent}  ${clause}`).join(" ||\n")}\n${indent}) {\n`;
    return opening + this.outcome(alternatives[0]!, scope, new Set(), indent + "  ") + `${indent}}\n`;
  }

  private outcome(rule: Rule, scope: Map<string, Kind>, declared: Set<string>, indent: string): string {
    switch (rule.type) {
      case "endpoint": {
        const endpoint = rule.endpoint;
        if (endpoint === undefined) throw new ModelError("an endpoint rule has no endpoint");
        const fields = [`${indent}  url: ${this.expression(endpoint.url, scope).code},\n`];
        if (endpoint.properties && Object.keys(endpoint.properties).length > 0) {
          fields.push(`${indent}  properties: ${this.value(endpoint.properties, scope)},\n`);
        }
        if (endpoint.headers && Object.keys(endpoint.headers).length > 0) {
          const headers = Object.entries(endpoint.headers).map(
            ([name, values]) => `${literal(name)}: [${values.map((value) => this.expression(value, scope).code).join(", ")}]`,
          );
          fields.push(`${indent}  headers: { ${headers.join(", ")} },\n`);
        }
        return `${indent}return {\n${fields.join("")}${indent}};\n`;
      }
      case "error":
        if (rule.error === undefined) throw new ModelError("an error rule has no error");
        return `${indent}throw new Error(${this.expression(rule.error, scope).code});\n`;
      case "tree":
        return this.rules(rule.rules ?? [], scope, declared, indent);
      default:
        throw new ModelError(`unknown endpoint rule type ${JSON.stringify((rule as Rule).type)}`);
    }
  }

  private call(callee: FunctionCall, scope: Map<string, Kind>): Compiled {
    const argv = callee.argv ?? [];
    if (callee.fn === "getAttr") return this.getAttr(argv, scope);
    const fn = FUNCTIONS[callee.fn];
    if (fn === undefined) throw new ModelError(`the endpoint rules call ${callee.fn}, a function keysmith-codegen does not know`);
    if (fn.arity !== "any" && argv.length !== fn.arity) {
      throw new ModelError(`the endpoint rules call ${callee.fn} with ${argv.length} arguments; it takes ${fn.arity}`);
    }
    if (fn.runtime) this.imports.add(fn.runtime);
    return fn.compile(argv.map((argument) => this.expression(argument, scope)));
  }

  /** A known attribute of a known kind reads as a property; anything else goes through the runtime's getAttr. */
  private getAttr(argv: Expression[], scope: Map<string, Kind>): Compiled {
    const [target, path] = argv;
    if (argv.length !== 2 || typeof path !== "string") throw new ModelError("getAttr takes a value and a path string");
    let value = this.expression(target!, scope);
    const steps = path.split(".").flatMap((part) => {
      const match = /^([^[\]]*)((?:\[-?\d+\])*)$/.exec(part);
      if (match === null) throw new ModelError(`getAttr path ${JSON.stringify(path)} is malformed`);
      const indexes = [...match[2]!.matchAll(/\[(-?\d+)\]/g)].map((index) => Number(index[1]));
      return [...(match[1] ? [match[1]] : []), ...indexes];
    });
    for (const step of steps) {
      const attributes = ATTRIBUTES[found(value.kind)];
      if (typeof step === "string" && attributes?.[step] !== undefined) {
        value = { code: `${operand(value)}${value.kind.endsWith("?") ? "?." : "."}${step}`, atomic: true, kind: attributes[step]! };
      } else if (typeof step === "number" && value.kind === "string[]") {
        value = { code: step < 0 ? `${operand(value)}.at(${step})` : `${operand(value)}[${step}]`, atomic: true, kind: "string?" };
      } else {
        this.imports.add("getAttr");
        return { code: `getAttr(${this.expression(target!, scope).code}, ${literal(path)})`, atomic: true, kind: "unknown" };
      }
    }
    return value;
  }

  private expression(expression: Expression, scope: Map<string, Kind>): Compiled {
    if (typeof expression === "string") return this.template(expression, scope);
    if (typeof expression === "number" || typeof expression === "boolean") return { code: String(expression), atomic: true, kind: "unknown" };
    if ("ref" in expression) {
      const kind = scope.get(expression.ref);
      if (kind === undefined) throw new ModelError(`the endpoint rules refer to ${expression.ref}, which is neither a parameter nor assigned before`);
      return { code: expression.ref, atomic: true, kind };
    }
    if ("fn" in expression) return this.call(expression, scope);
    throw new ModelError(`unknown endpoint rules expression ${JSON.stringify(expression)}`);
  }

  /** "https://{Region}.{PartitionResult#dnsSuffix}" → a template literal; a template that is one string reference → it. */
  private template(template: string, scope: Map<string, Kind>): Compiled {
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
        parts.push(this.expression(path === undefined ? reference : { fn: "getAttr", argv: [reference, path] }, scope));
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

  /** An endpoint property value: objects and arrays as literals, strings as templates. */
  private value(value: unknown, scope: Map<string, Kind>): string {
    if (typeof value === "string") return this.template(value, scope).code;
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    if (Array.isArray(value)) return `[${value.map((item) => this.value(item, scope)).join(", ")}]`;
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value).map(([key, item]) => `${propertyKey(key)}: ${this.value(item, scope)}`);
      return entries.length ? `{ ${entries.join(", ")} }` : "{}";
    }
    throw new ModelError(`unsupported endpoint property value ${JSON.stringify(value)}`);
  }
}

function expression(code: string, kind: Kind): Compiled {
  return { code, atomic: false, kind };
}

function parenthesized(code: string, kind: Kind): Compiled {
  return { code: `(${code})`, atomic: true, kind };
}

function call(name: string, args: Compiled[], kind: Kind): Compiled {
  return { code: `${name}(${args.map((arg) => arg.code).join(", ")})`, atomic: true, kind };
}

/** The kind of a value known not to be null. */
function found(kind: Kind): Kind {
  return kind.endsWith("?") ? (kind.slice(0, -1) as Kind) : kind;
}

function operand(value: Compiled): string {
  return value.atomic ? value.code : `(${value.code})`;
}

/** How a condition holds: a boolean as itself; any other value when the function found one (not null, not false). */
function test(value: Compiled): string {
  switch (value.kind) {
    case "boolean":
      return value.code;
    case "unknown":
      return `${operand(value)} != null && ${operand(value)} !== false`;
    default:
      return `${operand(value)} != null`;
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

function comment(text: string, indent: string): string {
  const words = text.replace(/\*\//g, "*\\/").split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && indent.length + 3 + line.length + 1 + word.length > 120) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((text) => `${indent}// ${text}\n`).join("");
}

/**
 * `https://{prefix}.{region}.{dnsSuffix}` with FIPS and dual-stack variants, for models without rules of their own
 * (the shapes-only copies of AWS models, or a user's model). A custom endpoint always wins.
 */
export function regionalRuleSet(prefix: string): RuleSetObject {
  const url = (fips: boolean, dualStack: boolean) =>
    `https://${prefix}${fips ? "-fips" : ""}.{Region}.{PartitionResult#${dualStack ? "dualStackDnsSuffix" : "dnsSuffix"}}`;
  const flag = (name: string, value: boolean) => ({ fn: "booleanEquals", argv: [{ ref: name }, value] });
  const variant = (fips: boolean, dualStack: boolean) => ({
    conditions: [flag("UseFIPS", fips), flag("UseDualStack", dualStack)],
    endpoint: { url: url(fips, dualStack), properties: {}, headers: {} },
    type: "endpoint" as const,
  });
  return {
    version: "1.0",
    parameters: {
      Region: { builtIn: "AWS::Region", required: false, documentation: "The AWS region used to dispatch the request.", type: "String" },
      UseFIPS: { builtIn: "AWS::UseFIPS", required: true, default: false, documentation: "Use FIPS endpoints.", type: "Boolean" },
      UseDualStack: { builtIn: "AWS::UseDualStack", required: true, default: false, documentation: "Use dual-stack endpoints.", type: "Boolean" },
      Endpoint: { builtIn: "SDK::Endpoint", required: false, documentation: "Override the endpoint.", type: "String" },
    },
    rules: [
      {
        conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }],
        endpoint: { url: { ref: "Endpoint" }, properties: {}, headers: {} },
        type: "endpoint",
      },
      {
        conditions: [
          { fn: "isSet", argv: [{ ref: "Region" }] },
          { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
        ],
        rules: [variant(false, false), variant(true, false), variant(false, true), variant(true, true)],
        type: "tree",
      },
      { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" },
    ],
  } as unknown as RuleSetObject;
}
