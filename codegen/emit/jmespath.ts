import type { JmesPathNode, JsonValue } from "../model/jmespath.js";
import { literal, propertyKey } from "../model/names.js";
import type { jmespath } from "../../src/waiter/jmespath.js";

type Helper = keyof typeof jmespath;

/**
 * A JMESPath expression as a TypeScript expression that evaluates it against `subject` with the runtime's helpers
 * (src/waiter/jmespath.ts), whose namespace the generated file imports under `helper("jmespath")`. The subject is
 * a name, or a pure expression: it may be written more than once. The functions of projections and filters take
 * `item`, `item2`, … by depth, so that none shadows another. The result may be a conditional expression: it stands
 * as an argument, a return value or an initializer, not as an operand.
 */
export function compileJmesPath(node: JmesPathNode, subject: string, helper: (name: string) => string): string {
  const namespace = helper("jmespath");
  const call = (name: Helper, ...args: string[]) => `${namespace}.${name}(${args.join(", ")})`;

  /** A function of one element at `depth`: `(item) => …`, `(item2) => …`; without a parameter when it reads none. */
  const lambda = (depth: number, reads: boolean, body: (parameter: string) => string) => {
    const parameter = depth === 0 ? "item" : `item${depth + 1}`;
    return `(${reads ? parameter : ""}) => ${arrowBody(body(parameter))}`;
  };
  const each = (node: JmesPathNode, depth: number) => lambda(depth, readsCurrent(node), (parameter) => compile(node, parameter, depth + 1));
  /** A projection over `list`: `each` of its elements, unless the right side is the element itself. */
  const project = (list: string, right: JmesPathNode, depth: number) =>
    right.type === "current" ? call("project", list) : call("project", list, each(right, depth));

  function compile(node: JmesPathNode, subject: string, depth: number): string {
    switch (node.type) {
      case "current":
        return subject;
      case "field":
        return call("field", subject, literal(node.name));
      case "literal":
        return literalCode(node.value);
      case "subexpression":
        return compile(node.right, compile(node.left, subject, depth), depth);
      case "index":
        return call("index", compile(node.left, subject, depth), String(node.index));
      case "flatten":
        return call("flatten", compile(node.left, subject, depth));
      case "projection":
        return project(compile(node.left, subject, depth), node.right, depth);
      case "valueProjection":
        return project(call("values", compile(node.left, subject, depth)), node.right, depth);
      case "filterProjection":
        return project(call("filter", compile(node.left, subject, depth), each(node.condition, depth)), node.right, depth);
      case "multiSelectList": {
        const list = (of: string, at: number) => `[${node.elements.map((element) => compile(element, of, at)).join(", ")}]`;
        // A name is tested in place; anything else is evaluated once, by the helper.
        if (/^[A-Za-z_$][\w$]*$/.test(subject)) return `${subject} == null ? null : ${list(subject, depth)}`;
        return call("multiSelect", subject, lambda(depth, true, (parameter) => list(parameter, depth + 1)));
      }
      case "comparison": {
        const [left, right] = [compile(node.left, subject, depth), compile(node.right, subject, depth)];
        if (node.comparator === "==") return call("equals", left, right);
        if (node.comparator === "!=") return `!${call("equals", left, right)}`;
        return call("compare", left, literal(node.comparator), right);
      }
      case "and":
      case "or":
        return call(node.type, compile(node.left, subject, depth), `() => ${arrowBody(compile(node.right, subject, depth))}`);
      case "not":
        return `!${call("truthy", compile(node.operand, subject, depth))}`;
      case "function":
        return call(node.name, ...node.args.map((arg) => compile(arg, subject, depth)));
    }
  }
  return compile(node, subject, 0);
}

/**
 * An arrow function that evaluates the expression against its one parameter, `parameter`; it takes none when the
 * expression reads nothing (literals alone), as strict settings refuse an unused parameter.
 */
export function compileJmesPathFunction(node: JmesPathNode, parameter: string, helper: (name: string) => string): string {
  return `(${readsCurrent(node) ? parameter : ""}) => ${arrowBody(compileJmesPath(node, parameter, helper))}`;
}

/** Whether a node reads the value it is evaluated against (a literal, a function of literals, does not). */
function readsCurrent(node: JmesPathNode): boolean {
  switch (node.type) {
    case "literal":
      return false;
    case "current":
    case "field":
    case "multiSelectList":
      return true;
    case "subexpression":
    case "index":
    case "flatten":
    case "projection":
    case "valueProjection":
    case "filterProjection":
      return readsCurrent(node.left);
    case "comparison":
    case "and":
    case "or":
      return readsCurrent(node.left) || readsCurrent(node.right);
    case "not":
      return readsCurrent(node.operand);
    case "function":
      return node.args.some(readsCurrent);
  }
}

/** An arrow function's body: an object literal in parentheses, which would otherwise be a block. */
function arrowBody(code: string): string {
  return code.startsWith("{") ? `(${code})` : code;
}

/** A JSON value as a TypeScript expression; `__proto__` as a computed key, so that it stays a member. */
function literalCode(value: JsonValue): string {
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(literalCode).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Readonly<Record<string, JsonValue>>);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([name, member]) => `${propertyKey(name)}: ${literalCode(member)}`).join(", ")} }`;
  }
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}
