// One input or canned response through a generated client and the official SDK's, each with a capturing handler:
// what the full-model comparisons (test/full-models.test.ts, scripts/compare-official.ts) put side by side.
import type { HttpRequest } from "@smithy/protocol-http";
import { shapeName, trait, UNIT, type Model, type Shape } from "../../codegen/model/model.js";
import { TRAIT } from "../../codegen/model/traits.js";
import { captureHandler, testCredentials, type CannedResponse } from "./capture.js";
import { exampleInput, responseDocument, sampleValue } from "./full-models-samples.js";

/** The model's examples, then one input with every member set. */
export function sampleInputs(model: Model, operation: Shape, inputId: string): object[] {
  const examples = trait<Array<{ input?: unknown }>>(operation.traits, TRAIT.examples) ?? [];
  return [...examples.map((example) => exampleInput(model, inputId, example.input ?? {}) as object), sampleValue(model, inputId, shapeName(inputId)) as object];
}

/**
 * A 200 answer to `operation` carrying `result`; by default a result with only what the model requires, which is
 * the least a client reads as a success.
 */
export function okResponse(model: Model, operation: Shape, namespace: string, requestId: string, result?: Record<string, unknown>): CannedResponse {
  const name = shapeName(operation.id);
  const outputId = operation.raw.output?.target;
  const hasOutput = outputId !== undefined && outputId !== UNIT;
  const value = result ?? (hasOutput ? (sampleValue(model, outputId, name, { requiredOnly: true }) as Record<string, unknown>) : {});
  return { status: 200, headers: { "x-amzn-requestid": requestId }, body: responseDocument(model, name, hasOutput ? outputId : undefined, value, namespace, requestId) };
}

const clientConfig = (handler: unknown) => ({ region: "us-east-1", credentials: testCredentials, requestHandler: handler as any, maxAttempts: 1 });

export async function sendOurs(module: Record<string, any>, client: string, operation: string, input: object, response: CannedResponse): Promise<{ request: HttpRequest; output: any }> {
  const handler = captureHandler(response);
  // Samples fill every member without regard to patterns; what is compared here is the wire format.
  const output = await new module[client]({ ...clientConfig(handler), validateInput: false }).send(new module[`${operation}Command`](input));
  return { request: handler.requests[0]!, output };
}

export async function sendTheirs(module: Record<string, any>, client: string, operation: string, input: object, response: CannedResponse): Promise<{ request: HttpRequest; output: any }> {
  const handler = captureHandler(response);
  const Command = module[`${operation}Command`];
  if (Command === undefined) throw new Error(`the official SDK has no ${operation}Command`);
  const output = await new module[client](clientConfig(handler)).send(new Command(input));
  return { request: handler.requests[0]!, output };
}
