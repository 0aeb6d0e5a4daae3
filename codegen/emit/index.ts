import { shapeName } from "../model/model.js";
import { compare, literal } from "../model/names.js";
import { aggregatedName } from "./aggregated.js";
import { clientName } from "./client.js";
import { fileWriter, type EmitContext } from "./context.js";

/** index.ts: the package entry for the service. */
export function emitIndex(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  w.line(`export * from "./${clientName(ctx)}.js";`);
  w.line(`export * from "./${aggregatedName(ctx)}.js";`);
  for (const operation of ctx.plan.operations) w.line(`export * from "./commands/${shapeName(operation.id)}Command.js";`);
  if (ctx.plan.paginations.size > 0) w.line(`export * from "./pagination/Interfaces.js";`);
  for (const operation of ctx.plan.operations) {
    if (ctx.plan.paginations.has(operation.id)) w.line(`export * from "./pagination/${shapeName(operation.id)}Paginator.js";`);
  }
  const waiterNames = [...ctx.plan.waiters.values()].flat().map((waiter) => waiter.name).sort(compare);
  for (const name of waiterNames) w.line(`export * from "./waiters/waitFor${name}.js";`);
  w.line(`export * from "./errors.js";`);
  w.line(`export * from "./models.js";`);
  w.line(`export { InputValidationError } from ${literal(ctx.runtime(0))};`);
  return w.toString();
}
