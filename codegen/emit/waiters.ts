import { shapeName, UNIT, type Shape } from "../model/model.js";
import { literal } from "../model/names.js";
import type { Acceptor, Waiter } from "../model/waiters.js";
import { clientName } from "./client.js";
import { importCommand } from "./commands.js";
import { fileWriter, type EmitContext } from "./context.js";
import { paragraphs } from "./docs.js";
import { serviceExceptionName } from "./errors.js";
import { outputSchemaName } from "./schemas.js";
import { compileJmesPathFunction } from "./jmespath.js";
import type { ModuleWriter } from "./writer.js";

/**
 * waiters/waitFor<Name>.ts: v3's `waitFor<Name>` (the result, whatever it is) and `waitUntil<Name>` (the result, or
 * smithy's error for a failure, a timeout or an abort, the output's secrets masked in it), polling the operation by smithy's `createWaiter` with the
 * model's delays, each attempt decided by the acceptors in the model's order.
 */
export function emitWaiter(ctx: EmitContext, operation: Shape, waiter: Waiter): string {
  const w = fileWriter(ctx);
  const runtime = ctx.runtime(1);
  const client = w.importType(`../${clientName(ctx)}.js`, clientName(ctx));
  const { commandClass, input, output } = importCommand(w, operation);
  const configuration = `${w.importType(runtime, "WaiterConfiguration")}<${client}>`;
  const result = w.importType(runtime, "WaiterResult");
  const [forName, untilName] = [`waitFor${waiter.name}`, `waitUntil${waiter.name}`];

  w.line(`const checkState = ${w.import(runtime, "checkAcceptors")}(`);
  w.indented(() => {
    w.line(`(client: ${client}, input: ${input}): Promise<${output}> => client.send(new ${commandClass}(input)),`);
    w.line("[");
    w.indented(() => {
      for (const acceptor of waiter.acceptors) {
        if ("expression" in acceptor.matcher) w.comment(`${acceptor.matcher.path}: ${acceptor.matcher.expression}`);
        w.object("", acceptorEntries(w, runtime, acceptor), ",");
      }
    });
    w.line("],");
  });
  w.line(");");
  w.blank();
  // The model's delays, under the caller's.
  w.line(`const delays = { minDelay: ${waiter.minDelay}, maxDelay: ${waiter.maxDelay} };`);
  w.blank();
  const description = paragraphs(waiter.documentation);
  const deprecated = waiter.deprecated ? ["@deprecated The model marks this waiter deprecated."] : [];
  const createWaiter = w.import(runtime, "createWaiter");
  w.doc(description, [`@deprecated Use ${untilName} instead: ${forName} does not throw when the waiter ends other than in success.`, "@public"]);
  w.line(`export const ${forName} = (params: ${configuration}, input: ${input}): Promise<${result}<${output} | ${w.importType("../errors.js", serviceExceptionName(ctx))}>> =>`);
  w.line(`  ${createWaiter}({ ...delays, ...params }, input, checkState);`);
  w.blank();
  w.doc(description.length > 0 ? description : [`Waits for ${shapeName(operation.id)} to report that ${waiter.name} holds.`], [
    "@param params - The client, the longest wait in seconds (`maxWaitTime`), the delays between calls, an abort signal.",
    `@param input - The input of each ${shapeName(operation.id)} call.`,
    ...deprecated,
    "@public",
  ]);
  w.line(`export const ${untilName} = async (params: ${configuration}, input: ${input}): Promise<${result}<${output}>> =>`);
  const outputId = operation.raw.output?.target ?? UNIT;
  const outputSchema = outputId === UNIT ? "undefined" : w.import("../schemas.js", outputSchemaName(ctx, outputId));
  w.line(`  ${w.import(runtime, "checkWaiterResult")}(await ${createWaiter}({ ...delays, ...params }, input, checkState), ${outputSchema});`);
  return w.toString();
}

/** An acceptor's entries as the runtime's table has them: the model's state and matcher, a path compiled to code. */
function acceptorEntries(w: ModuleWriter, runtime: string, { state, matcher }: Acceptor): string[] {
  const entries = [`state: ${literal(state)}`];
  if ("success" in matcher) return [...entries, `success: ${matcher.success}`];
  if ("errorName" in matcher) return [...entries, `errorName: ${literal(matcher.errorName)}`];
  const evaluate = compileJmesPathFunction(matcher.node, matcher.path === "output" ? "output" : "subject", (name) => w.import(runtime, name));
  return [...entries, `${matcher.path}: ${evaluate}`, `comparator: ${literal(matcher.comparator)}`, `expected: ${literal(matcher.expected)}`];
}
