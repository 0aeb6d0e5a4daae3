import type { PathComparator, WaiterAcceptor } from "../../src/waiter/acceptors.js";
import { JmesPathError, parseJmesPath, type JmesPathNode } from "./jmespath.js";
import { ModelError, shapeName, trait, UNIT, type Shape } from "./model.js";
import { errorCode } from "./names.js";
import { TRAIT } from "./traits.js";

/** The runtime's table holds what the model says: its states and comparators are the runtime's types. */
export type AcceptorState = WaiterAcceptor<unknown, unknown>["state"];

/** What an acceptor looks at: the call's success, the error's name, or a JMESPath expression over the output (and input). */
export type AcceptorMatcher =
  | { readonly success: boolean }
  /** The `name` the client's error for it has: a modeled error's shape name, else the code the service sends. */
  | { readonly errorName: string }
  | {
      readonly path: "output" | "inputOutput";
      readonly expression: string;
      readonly node: JmesPathNode;
      readonly comparator: PathComparator;
      readonly expected: string;
    };

export interface Acceptor {
  readonly state: AcceptorState;
  readonly matcher: AcceptorMatcher;
}

/** A `@waitable` waiter of an operation, checked: its acceptors in order, and its delays in seconds. */
export interface Waiter {
  readonly name: string;
  readonly documentation?: string;
  readonly deprecated: boolean;
  readonly minDelay: number;
  readonly maxDelay: number;
  readonly acceptors: readonly Acceptor[];
}

interface WaiterTrait {
  documentation?: string;
  deprecated?: boolean;
  minDelay?: number;
  maxDelay?: number;
  acceptors?: Array<{ state?: string; matcher?: Record<string, unknown> }>;
}

const STATES: ReadonlySet<string> = new Set<AcceptorState>(["success", "failure", "retry"]);
const COMPARATORS: ReadonlySet<string> = new Set<PathComparator>(["stringEquals", "booleanEquals", "allStringEquals", "anyStringEquals"]);

/**
 * An operation's waiters, by Smithy's rules for `smithy.waiters#waitable`: PascalCase names, delays of at least a
 * second with the maximum no less than the minimum (defaults 2 and 120), at least one acceptor, each with a known
 * state and exactly one matcher, paths that parse, comparators Smithy defines. An `errorType` is matched by the name
 * the client's error has: an error of `errors` named by its shape name, its shape id or its awsQuery code is its
 * shape's name; any other is compared as given, as an unmodeled error is named after its code.
 */
export function waitersOf(operation: Shape, errors: readonly Shape[]): Waiter[] {
  const waitable = trait<Record<string, WaiterTrait>>(operation.traits, TRAIT.waitable);
  if (waitable === undefined) return [];
  return Object.entries(waitable).map(([name, raw]) => {
    const where = `operation ${operation.id} has waiter ${name}`;
    if (!/^[A-Z]+[A-Za-z0-9]*$/.test(name)) throw new ModelError(`${where}, whose name is not PascalCase (letters and digits, starting with a capital)`);
    const minDelay = raw.minDelay ?? 2;
    const maxDelay = raw.maxDelay ?? 120;
    if (!Number.isInteger(minDelay) || minDelay < 1) throw new ModelError(`${where}, whose minDelay ${minDelay} is not a whole number of seconds of at least 1`);
    if (!Number.isInteger(maxDelay) || maxDelay < minDelay) throw new ModelError(`${where}, whose maxDelay ${maxDelay} is not a whole number of seconds of at least its minDelay ${minDelay}`);
    if (!Array.isArray(raw.acceptors) || raw.acceptors.length === 0) throw new ModelError(`${where}, which has no acceptors`);
    const acceptors = raw.acceptors.map((acceptor, index): Acceptor => {
      const at = `${where}, whose acceptor ${index}`;
      if (typeof acceptor.state !== "string" || !STATES.has(acceptor.state)) throw new ModelError(`${at} has state ${JSON.stringify(acceptor.state)}; a state is success, failure or retry`);
      return { state: acceptor.state as AcceptorState, matcher: matcherOf(operation, at, acceptor.matcher ?? {}, errors) };
    });
    return { name, ...(raw.documentation !== undefined && { documentation: raw.documentation }), deprecated: raw.deprecated === true, minDelay, maxDelay, acceptors };
  });
}

function matcherOf(operation: Shape, at: string, raw: Record<string, unknown>, errors: readonly Shape[]): AcceptorMatcher {
  const kinds = Object.keys(raw);
  if (kinds.length !== 1) throw new ModelError(`${at} has ${kinds.length} matchers; an acceptor has exactly one of output, inputOutput, success, errorType`);
  const kind = kinds[0]!;
  const value = raw[kind];
  switch (kind) {
    case "success":
      if (typeof value !== "boolean") throw new ModelError(`${at} matches success ${JSON.stringify(value)}, which is not true or false`);
      return { success: value };
    case "errorType": {
      if (typeof value !== "string" || value === "") throw new ModelError(`${at} matches errorType ${JSON.stringify(value)}, which is not an error's name`);
      // By id, then by name, then by code: where errors share a code, the one named after it is the client's.
      const error = errors.find((shape) => shape.id === value) ?? errors.find((shape) => shapeName(shape.id) === value) ?? errors.find((shape) => errorCode(shape) === value);
      return { errorName: error === undefined ? value.replace(/^.*#/, "") : shapeName(error.id) };
    }
    case "output":
    case "inputOutput": {
      const { path, comparator, expected } = (value ?? {}) as { path?: unknown; comparator?: unknown; expected?: unknown };
      if (kind === "output" && (operation.raw.output?.target ?? UNIT) === UNIT) throw new ModelError(`${at} matches the output of an operation that has none`);
      if (kind === "inputOutput" && (operation.raw.input?.target ?? UNIT) === UNIT) throw new ModelError(`${at} matches the input of an operation that has none`);
      if (typeof path !== "string") throw new ModelError(`${at} has no path`);
      if (typeof comparator !== "string" || !COMPARATORS.has(comparator)) {
        throw new ModelError(`${at} has comparator ${JSON.stringify(comparator)}; Smithy's are ${[...COMPARATORS].join(", ")}`);
      }
      if (typeof expected !== "string") throw new ModelError(`${at} expects ${JSON.stringify(expected)}, which is not a string`);
      if (comparator === "booleanEquals" && expected !== "true" && expected !== "false") throw new ModelError(`${at} compares booleanEquals with ${JSON.stringify(expected)}, which is not "true" or "false"`);
      let node: JmesPathNode;
      try {
        node = parseJmesPath(path);
      } catch (error) {
        if (error instanceof JmesPathError) throw new ModelError(`${at} has path ${JSON.stringify(path)}: ${error.message}`);
        throw error;
      }
      return { path: kind, expression: path, node, comparator: comparator as PathComparator, expected };
    }
    default:
      throw new ModelError(`${at} has matcher ${kind}; Smithy's are output, inputOutput, success, errorType`);
  }
}
