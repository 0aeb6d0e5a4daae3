import { ModelError, trait, UNIT, type Model, type Shape } from "./model.js";
import { TRAIT } from "./traits.js";

/** An operation's `@paginated` members: where the token goes in, where the next one comes out, the page size. */
export interface Pagination {
  readonly inputToken: string;
  /** A path into the output (`a.b`), as Smithy allows. */
  readonly outputToken: string;
  readonly pageSize?: string;
}

interface PaginatedTrait {
  inputToken?: string;
  outputToken?: string;
  pageSize?: string;
}

/**
 * An operation's pagination: its `@paginated` over the service's (which gives defaults), checked against its input
 * and output. Undefined for an operation without the trait, or whose trait names no tokens (it only says its
 * results come in pages of a size).
 */
export function paginationOf(model: Model, service: Shape, operation: Shape): Pagination | undefined {
  const own = trait<PaginatedTrait>(operation.traits, TRAIT.paginated);
  if (own === undefined) return undefined;
  const { inputToken, outputToken, pageSize } = { ...trait<PaginatedTrait>(service.traits, TRAIT.paginated), ...own };
  if (inputToken === undefined || outputToken === undefined) return undefined;
  const where = `operation ${operation.id} has ${TRAIT.paginated.id}`;
  const input = model.shape(operation.raw.input?.target ?? UNIT);
  const output = model.shape(operation.raw.output?.target ?? UNIT);
  for (const [role, member] of [["inputToken", inputToken], ["pageSize", pageSize]] as const) {
    if (member !== undefined && !input.members.has(member)) throw new ModelError(`${where} whose ${role} ${member} is no member of ${input.id}`);
  }
  if (!output.members.has(outputToken.split(".")[0]!)) throw new ModelError(`${where} whose outputToken ${outputToken} is no member of ${output.id}`);
  return { inputToken, outputToken, ...(pageSize !== undefined && { pageSize }) };
}
