import { trait, type Shape } from "../model/model.js";
import { clientBaseName, importStatement, literal, propertyKey, property } from "../model/names.js";
import type { EmitContext } from "./context.js";
import { tsdoc } from "./docs.js";
import { modelTypesOf, tsType } from "./types.js";

export function serviceExceptionName(ctx: EmitContext): string {
  return `${clientBaseName(ctx.plan.sdkId)}ServiceException`;
}

/** Members an exception carries besides the message, which Error already holds. */
export function exceptionMembers(shape: Shape) {
  return [...shape.members].filter(([name]) => name.toLowerCase() !== "message");
}

/** errors.ts: the service's base exception and one class per modeled error. */
export function emitErrors(ctx: EmitContext): string {
  const base = serviceExceptionName(ctx);
  const runtimeTypes = new Set<string>();
  const exceptions = ctx.plan.errors.map((error) => emitException(ctx, error, base, runtimeTypes));
  const imports = ["ServiceException", ...(exceptions.length ? ["type ExceptionOptions"] : []), ...[...runtimeTypes].sort().map((name) => `type ${name}`), "type ServiceExceptionOptions"];
  const modelTypes = [...new Set(ctx.plan.errors.flatMap((error) => exceptionMembers(error).flatMap(([, member]) => modelTypesOf(ctx, member.target))))].sort();
  const parts = [
    ctx.header,
    importStatement(imports, ctx.runtime(0)) + (modelTypes.length ? importStatement(modelTypes, "./models.js", true) : ""),
    `/**\n * The base class of the errors ${clientBaseName(ctx.plan.sdkId)}Client calls throw for responses: modeled errors extend it, and an\n * error code the model does not know arrives as this class, named after the code.\n *\n * @public\n */\n` +
      `export class ${base} extends ServiceException {\n` +
      `  constructor(options: ServiceExceptionOptions) {\n` +
      `    super(options);\n` +
      `    Object.setPrototypeOf(this, ${base}.prototype);\n` +
      `  }\n}\n`,
  ];
  return [...parts, ...exceptions].join("\n");
}

function emitException(ctx: EmitContext, shape: Shape, base: string, runtimeTypes: Set<string>): string {
  const name = ctx.name(shape);
  const fault = trait<string>(shape.traits, "smithy.api#error") === "server" ? "server" : "client";
  const members = exceptionMembers(shape);
  const fields = members.map(([member, ref]) => tsdoc(ref.traits, "  ", ["@public"]) + `  ${propertyKey(member)}?: ${tsType(ctx, ref.target, runtimeTypes)} | undefined;\n`);
  const assignments = members.map(([member]) => `    ${property("this", member)} = ${property("options", member)};\n`);
  return (
    tsdoc(shape.traits, "", ["@public"]) +
    `export class ${name} extends ${base} {\n` +
    `  readonly name = ${literal(name)} as const;\n` +
    `  readonly $fault = ${literal(fault)} as const;\n` +
    (fields.length ? `\n${fields.join("\n")}\n` : "") +
    `  constructor(options: ExceptionOptions<${name}>) {\n` +
    `    super({ name: ${literal(name)}, $fault: ${literal(fault)}, ...options });\n` +
    `    Object.setPrototypeOf(this, ${name}.prototype);\n` +
    assignments.join("") +
    `  }\n}\n`
  );
}
