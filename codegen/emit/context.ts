import type { TypeNamer } from "../model/names.js";
import type { ServicePlan } from "../model/walk.js";
import { ModuleWriter } from "./writer.js";

/** What every emitter gets: the plan, the type names, and where the runtime is imported from. */
export interface EmitContext {
  readonly plan: ServicePlan;
  readonly name: TypeNamer;
  /** The runtime's import specifier as seen from a file `depth` folders below the output folder. */
  readonly runtime: (depth: number) => string;
  /** The first line of every file. */
  readonly header: string;
}

/** A writer for one generated file, with the header every file starts with. */
export function fileWriter(ctx: EmitContext): ModuleWriter {
  return new ModuleWriter(ctx.header);
}
