import { shapeName } from "../model/model.js";
import { clientName } from "./client.js";
import type { EmitContext } from "./context.js";
import { literal } from "../model/names.js";

/** index.ts: the package entry for the service. */
export function emitIndex(ctx: EmitContext): string {
  const lines = [
    `export * from "./${clientName(ctx)}.js";`,
    ...ctx.plan.operations.map((operation) => `export * from "./commands/${shapeName(operation.id)}Command.js";`),
    `export * from "./errors.js";`,
    `export * from "./models.js";`,
    `export { InputValidationError } from ${literal(ctx.runtime(0))};`,
  ];
  return `${ctx.header}\n${lines.join("\n")}\n`;
}
