import { constructStack } from "@smithy/core/client";
import type { HandlerExecutionContext, MiddlewareStack } from "@smithy/types";
import type { VersionedStack } from "./versioned-stack.js";

/** A middleware as a stack holds it: called with the next handler and the call's context, it returns its handler. */
export type AnyMiddleware = (next: (args: any) => Promise<any>, context: HandlerExecutionContext) => (args: any) => Promise<any>;

interface KnownOrder {
  readonly version: number;
  readonly key: object;
  /** Innermost first; undefined when the stack logs its list on each resolve, which only a real resolve does. */
  readonly order: readonly AnyMiddleware[] | undefined;
}

const known = new WeakMap<VersionedStack<any, any>, KnownOrder>();

/**
 * The middleware of a call on `clientStack` plus `commandStack`, in the order smithy's resolve applies them
 * (innermost first), or undefined when the stacks must be resolved for real. smithy sorts the entries on every
 * resolve; here the order is worked out once and kept while the client's stack keeps its version and the command's
 * stack holds only what every command of the client (`key`) holds, the same middleware in the same places.
 */
export function middlewareOrder(clientStack: VersionedStack<any, any>, commandStack: MiddlewareStack<any, any>, key: object): readonly AnyMiddleware[] | undefined {
  const last = known.get(clientStack);
  if (last !== undefined && last.version === clientStack.version && last.key === key) return last.order;
  const order = clientStack.identifyOnResolve() ? undefined : sortedMiddleware([clientStack, commandStack]);
  known.set(clientStack, { version: clientStack.version, key, order });
  return order;
}

/** Applies the middleware (innermost first) around `handler` for one call. */
export function applyMiddleware(order: readonly AnyMiddleware[], handler: (args: any) => Promise<any>, context: HandlerExecutionContext): (args: any) => Promise<any> {
  for (const middleware of order) handler = middleware(handler, context);
  return handler;
}

/**
 * Copies the stacks' entries, as `concat` copies them, onto a new smithy stack with each middleware stood in for by a
 * marker, and resolves it: smithy applies the markers in its own order, which is recorded. Nothing of the caller's
 * runs. Errors (a duplicate name, a relation to a missing middleware) are smithy's own, as a real resolve throws them.
 */
function sortedMiddleware(stacks: readonly MiddlewareStack<any, any>[]): AnyMiddleware[] {
  const markers = constructStack<any, any>();
  const order: AnyMiddleware[] = [];
  const markerFor =
    (middleware: AnyMiddleware): AnyMiddleware =>
    (next) => {
      order.push(middleware);
      return next;
    };
  // An entry's options carry its middleware too: left out, so that the marker is what the copy holds.
  const copier = {
    add: (middleware: AnyMiddleware, { middleware: _replaced, ...options }: Record<string, unknown>) => markers.add(markerFor(middleware), options),
    addRelativeTo: (middleware: AnyMiddleware, { middleware: _replaced, ...options }: Record<string, unknown>) => markers.addRelativeTo(markerFor(middleware), options as any),
  } as unknown as MiddlewareStack<any, any>;
  for (const stack of stacks) stack.applyToStack(copier);
  markers.resolve(() => Promise.reject(new Error("a stack of markers is never called")), {});
  return order;
}
