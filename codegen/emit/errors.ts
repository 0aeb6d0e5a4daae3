import { shapeName, trait, type Shape } from "../model/model.js";
import { baseExceptionName, clientBaseName, errorCode, exceptionProperty, literal, propertyKey, property } from "../model/names.js";
import { TRAIT } from "../model/traits.js";
import { fileWriter, type EmitContext } from "./context.js";
import { writeDoc } from "./docs.js";
import { tsType } from "./types.js";
import type { ModuleWriter } from "./writer.js";

export function serviceExceptionName(ctx: EmitContext): string {
  return baseExceptionName(ctx.plan, ctx.name);
}

/** Members an exception carries besides the message, which Error already holds. */
export function exceptionMembers(shape: Shape) {
  return [...shape.members].filter(([name]) => name.toLowerCase() !== "message");
}

/**
 * The exception each wire code becomes. Where errors share a code (CloudWatch's DashboardNotFoundError and
 * ResourceNotFound both have ResourceNotFound), the one named after the code wins, as in the official SDK and botocore;
 * without one, the first by name. The others keep their classes, which no response produces.
 */
export function errorsByCode(errors: readonly Shape[]): Map<string, Shape> {
  const byCode = new Map<string, Shape>();
  for (const error of errors) {
    const code = errorCode(error);
    if (!byCode.has(code) || shapeName(error.id) === code) byCode.set(code, error);
  }
  return byCode;
}

/**
 * errors.ts: the service's base exception and one class per modeled error. Unlike the official SDK's, no class resets
 * its prototype (`Object.setPrototypeOf(this, X.prototype)`): a native class, which the runtime needs, has its own
 * already, and a body that names its class makes esbuild's bundles name it `_X`.
 */
export function emitErrors(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  const base = serviceExceptionName(ctx);
  const runtime = ctx.runtime(0);
  w.doc(
    [
      `The base class of the errors ${clientBaseName(ctx.plan.sdkId)}Client calls throw for responses: modeled errors extend it, and an error code the model does not know arrives as this class, named after the code.`,
    ],
    ["@public"],
  );
  w.line(`export class ${base} extends ${w.import(runtime, "ServiceException")} {}`);
  for (const error of ctx.plan.errors) {
    w.blank();
    emitException(ctx, w, error, base);
  }
  return w.toString();
}

function emitException(ctx: EmitContext, w: ModuleWriter, shape: Shape, base: string): void {
  const name = ctx.name(shape);
  const fault = trait<string>(shape.traits, TRAIT.error) === "server" ? "server" : "client";
  const members = exceptionMembers(shape);
  writeDoc(w, shape.traits, ["@public"]);
  w.block(`export class ${name} extends ${base}`, () => {
    w.line(`readonly name = ${literal(name)} as const;`);
    w.line(`readonly $fault = ${literal(fault)} as const;`);
    const retryable = trait<{ throttling?: boolean }>(shape.traits, TRAIT.retryable);
    if (retryable !== undefined) w.line(`readonly $retryable = ${retryable.throttling ? "{ throttling: true }" : "{}"};`);
    for (const [member, ref] of members) {
      w.blank();
      writeDoc(w, ref.traits, ["@public"]);
      w.line(`${propertyKey(exceptionProperty(member))}?: ${tsType(ctx, w, ref.target, "./models.js")} | undefined;`);
    }
    if (members.length > 0) w.blank();
    w.block(`constructor(options: ${w.importType(ctx.runtime(0), "ExceptionOptions")}<${name}>)`, () => {
      w.line(`super({ name: ${literal(name)}, $fault: ${literal(fault)}, ...options });`);
      for (const key of members.map(([member]) => exceptionProperty(member))) w.line(`${property("this", key)} = ${property("options", key)};`);
    });
  });
}
