import { shapeName, type Shape } from "../model/model.js";
import { literal, memberProperty } from "../model/names.js";
import type { Pagination } from "../model/pagination.js";
import { aggregatedName } from "./aggregated.js";
import { clientName } from "./client.js";
import { importCommand } from "./commands.js";
import { fileWriter, type EmitContext } from "./context.js";

/** v3's name of the configuration every paginator of the service takes: "IAMPaginationConfiguration". */
export function paginationConfigurationName(ctx: EmitContext): string {
  return `${aggregatedName(ctx)}PaginationConfiguration`;
}

/** pagination/Interfaces.ts: the paginators' configuration, whose client is the service's. */
export function emitPaginationInterfaces(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  const client = w.importType(`../${clientName(ctx)}.js`, clientName(ctx));
  w.doc([`What a paginator of ${ctx.plan.sdkId} takes, as in the official SDK: the client, and the page size or first token if any.`], ["@public"]);
  w.block(`export interface ${paginationConfigurationName(ctx)} extends ${w.importType(ctx.runtime(1), "PaginationConfiguration")}`, () => {
    w.line(`client: ${client};`);
  });
  return w.toString();
}

/**
 * pagination/<Operation>Paginator.ts: v3's `paginate<Operation>`, an async iterator of the operation's pages that
 * passes each page's token to the next call until there is none, made by smithy's `createPaginator`.
 */
export function emitPaginator(ctx: EmitContext, operation: Shape, pagination: Pagination): string {
  const w = fileWriter(ctx);
  const runtime = ctx.runtime(1);
  const client = w.import(`../${clientName(ctx)}.js`, clientName(ctx));
  const { commandClass, input, output } = importCommand(w, operation);
  const configuration = w.importType("./Interfaces.js", paginationConfigurationName(ctx));
  // The members as the input and output types name them; the output token may be a path into the output.
  const tokens = [memberProperty(pagination.inputToken), pagination.outputToken.split(".").map(memberProperty).join("."), ...(pagination.pageSize ? [memberProperty(pagination.pageSize)] : [])];
  w.doc([`The pages of ${shapeName(operation.id)}, each call given the token the page before it returned.`], ["@public"]);
  w.line(
    `export const paginate${shapeName(operation.id)}: (config: ${configuration}, input: ${input}, ...rest: any[]) => ${w.importType(runtime, "Paginator")}<${output}> =`,
  );
  w.line(`  ${w.import(runtime, "createPaginator")}(${client}, ${commandClass}, ${tokens.map(literal).join(", ")});`);
  return w.toString();
}
