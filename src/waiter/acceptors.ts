import { checkExceptions, type WaiterResult, type WaiterState } from "@smithy/core/client";
import type { StructureSchema } from "../contract.js";
import { redact } from "../schema/redact.js";

/** A path matcher's comparison of what its expression gave with the expected value, as Smithy defines them. */
export type PathComparator = "stringEquals" | "booleanEquals" | "allStringEquals" | "anyStringEquals";

interface PathMatch {
  readonly comparator: PathComparator;
  /** As the model writes it: booleanEquals expects "true" or "false". */
  readonly expected: string;
}

/**
 * One acceptor of a generated waiter: the state it moves the waiter to, and what it matches: the call's success or
 * failure, the name of the error it threw, or a compiled JMESPath expression over its output (or input and output).
 */
export type WaiterAcceptor<Input, Output> = { readonly state: "success" | "failure" | "retry" } & (
  | { readonly success: boolean }
  | { readonly errorName: string }
  | ({ readonly output: (output: Output) => unknown } & PathMatch)
  | ({ readonly inputOutput: (subject: { input: Input; output: Output }) => unknown } & PathMatch)
);

/**
 * smithy's WaiterState of a model's state, whose values are the states in capitals: made, not read from smithy's
 * enum, so that a bundle of clients without waiters, which keysmith's pre-bundled builds share a chunk with, can
 * leave the enum out.
 */
function waiterState(state: WaiterAcceptor<unknown, unknown>["state"]): WaiterState {
  return state.toUpperCase() as WaiterState;
}

/**
 * The check smithy's `createWaiter` runs at each attempt: one call, then the first acceptor that matches its outcome
 * decides, in the model's order. Smithy's rules for what none matches: a result means retry, an error means failure
 * (v3 retries on any error until the waiter times out, hiding e.g. an AccessDenied behind a TimeoutError).
 */
export function checkAcceptors<Client, Input, Output>(
  call: (client: Client, input: Input) => Promise<Output>,
  acceptors: readonly WaiterAcceptor<Input, Output>[],
): (client: Client, input: Input) => Promise<WaiterResult> {
  return async (client, input) => {
    let output: Output;
    try {
      output = await call(client, input);
    } catch (error) {
      const matched = acceptors.find((acceptor) => errorMatches(acceptor, error));
      return { state: waiterState(matched?.state ?? "failure"), reason: error };
    }
    const matched = acceptors.find((acceptor) => outputMatches(acceptor, input, output));
    return { state: waiterState(matched?.state ?? "retry"), reason: output };
  };
}

function errorMatches<Input, Output>(acceptor: WaiterAcceptor<Input, Output>, error: unknown): boolean {
  if ("success" in acceptor) return !acceptor.success;
  if ("errorName" in acceptor) return typeof error === "object" && error !== null && (error as { name?: unknown }).name === acceptor.errorName;
  return false;
}

function outputMatches<Input, Output>(acceptor: WaiterAcceptor<Input, Output>, input: Input, output: Output): boolean {
  if ("success" in acceptor) return acceptor.success;
  if ("output" in acceptor) return pathMatches(() => acceptor.output(output), acceptor);
  if ("inputOutput" in acceptor) return pathMatches(() => acceptor.inputOutput({ input, output }), acceptor);
  return false;
}

/** Whether the expression's value compares as the matcher says; an expression that fails (JMESPath's type errors) matches nothing. */
function pathMatches(evaluate: () => unknown, { comparator, expected }: PathMatch): boolean {
  let value: unknown;
  try {
    value = evaluate();
  } catch {
    return false;
  }
  switch (comparator) {
    case "stringEquals":
      return value === expected;
    case "booleanEquals":
      return value === (expected === "true");
    case "allStringEquals":
      return Array.isArray(value) && value.length > 0 && value.every((item) => item === expected);
    case "anyStringEquals":
      return Array.isArray(value) && value.some((item) => item === expected);
  }
}

/**
 * smithy's `checkExceptions` for what `waitUntil<Name>` returns: the result when the waiter succeeded, else smithy's
 * error, whose message is the result as JSON, the operation's output in it with its `@sensitive` members masked (v3
 * writes them as the service sent them: Redshift's PendingModifiedValues.MasterUserPassword, say).
 */
export function checkWaiterResult<Reason>(result: WaiterResult<Reason>, outputSchema: StructureSchema | undefined): WaiterResult<Reason> {
  if (result.state !== "SUCCESS" && outputSchema !== undefined) {
    const masked = (value: unknown) => (value instanceof Error ? value : redact(outputSchema, value));
    const { reason, final } = result as WaiterResult<Reason> & { final?: unknown };
    checkExceptions({ ...result, reason: masked(reason), ...(final !== undefined && { final: masked(final) }) });
  }
  return checkExceptions(result);
}
