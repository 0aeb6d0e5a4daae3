import { Command } from "@smithy/smithy-client";
import type { Handler, HandlerExecutionContext, MetadataBearer, MiddlewareStack } from "@smithy/types";

/** A middleware as a stack holds it: called with the next handler and the call's context, it returns its handler. */
export type AnyMiddleware = (next: (args: any) => Promise<any>, context: HandlerExecutionContext) => (args: any) => Promise<any>;

/** One `add` or `addRelativeTo` of a stack: what `applyToStack` replays onto another stack to copy it. */
export interface StackEntry {
  readonly relative: boolean;
  readonly middleware: AnyMiddleware;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The middleware of a call in the order smithy's `stack.resolve` applies them, innermost first. smithy sorts a stack
 * on every `resolve`, and a command resolves the client's stack plus its own on every call; the order depends only
 * on the entries, so it is worked out once and kept while the entries stay the same (the middleware added or
 * removed, their steps, priorities, names and relations). Each call still applies the middleware to its own context,
 * so nothing is shared between calls but the order.
 */
export class MiddlewareOrder {
  private entries: readonly StackEntry[] | undefined;
  private order: readonly AnyMiddleware[] = [];

  /** The order for these entries: from the last call when they are the same, else sorted as smithy sorts them. */
  of(entries: readonly StackEntry[]): readonly AnyMiddleware[] {
    if (this.entries === undefined || !sameEntries(this.entries, entries)) {
      this.order = sortedMiddleware(entries);
      this.entries = entries;
    }
    return this.order;
  }
}

/**
 * The entries of `stack`, appended to `into`, in the order the stack replays them. False when the stack asks to log
 * its list on every resolve (identifyOnResolve): only a real resolve does that.
 */
export function collectEntries(stack: MiddlewareStack<any, any>, into: StackEntry[]): boolean {
  let identifies = false;
  stack.applyToStack({
    add: (middleware: AnyMiddleware, options: Record<string, unknown>) => into.push({ relative: false, middleware, options }),
    addRelativeTo: (middleware: AnyMiddleware, options: Record<string, unknown>) => into.push({ relative: true, middleware, options }),
    identifyOnResolve: (toggle: boolean) => (identifies = toggle),
  } as unknown as MiddlewareStack<any, any>);
  return !identifies;
}

/** Applies the middleware (innermost first) around `handler` for one call. */
export function applyMiddleware<Input extends object, Output extends MetadataBearer>(
  order: readonly AnyMiddleware[],
  handler: (args: any) => Promise<any>,
  context: HandlerExecutionContext,
): Handler<Input, Output> {
  for (const middleware of order) handler = middleware(handler, context);
  return handler;
}

function sameEntries(a: readonly StackEntry[], b: readonly StackEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.relative !== y.relative || x.middleware !== y.middleware || !sameOptions(x.options, y.options)) return false;
  }
  return true;
}

function sameOptions(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * Replays the entries onto a fresh smithy stack with each middleware stood in for by a marker, and resolves it once:
 * smithy applies the markers in its own order, which is recorded. Errors (a duplicate name, a relation to a missing
 * middleware) are smithy's own, as a real resolve would throw them.
 */
function sortedMiddleware(entries: readonly StackEntry[]): AnyMiddleware[] {
  const stack = new StackSource().middlewareStack;
  const order: AnyMiddleware[] = [];
  for (const { relative, middleware, options } of entries) {
    const { middleware: _replaced, ...rest } = options;
    const marker: AnyMiddleware = (next) => {
      order.push(middleware);
      return next;
    };
    if (relative) stack.addRelativeTo(marker, rest as any);
    else stack.add(marker, rest);
  }
  stack.resolve(() => Promise.reject(new Error("a marker stack does not run")), {});
  return order;
}

/** A command only for its fresh, empty middleware stack (smithy does not export its stack constructor). */
class StackSource extends Command<object, MetadataBearer, object> {
  readonly input = {};

  resolveMiddleware(): Handler<object, MetadataBearer> {
    throw new Error("StackSource only provides an empty middleware stack");
  }
}
