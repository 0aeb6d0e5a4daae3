import { hasTrait, type Shape } from "../model/model.js";
import { importStatement, literal, propertyKey } from "../model/names.js";
import type { EmitContext } from "./context.js";
import { tsdoc } from "./docs.js";
import { enumValues, isEnum, isRequired, tsType } from "./types.js";

/** models.ts: an interface per structure, a type per union, a const object and a type per enum. */
export function emitModels(ctx: EmitContext): string {
  const parts: string[] = [];
  const runtimeTypes = new Set<string>();
  for (const shape of ctx.plan.shapes) {
    if (hasTrait(shape.traits, "smithy.api#error")) continue;
    if (isEnum(shape) || shape.type === "intEnum") parts.push(emitEnum(ctx, shape));
    else if (shape.type === "structure") parts.push(emitStructure(ctx, shape, runtimeTypes));
    else if (shape.type === "union") parts.push(emitUnion(ctx, shape, runtimeTypes));
  }
  const imports = runtimeTypes.size ? [importStatement([...runtimeTypes].sort(), ctx.runtime(0), true)] : [];
  return [ctx.header, ...imports, ...parts].join("\n");
}

function emitEnum(ctx: EmitContext, shape: Shape): string {
  const name = ctx.name(shape);
  const entries = enumValues(shape).map(({ name: key, value }) => `  ${propertyKey(key)}: ${typeof value === "number" ? value : literal(value)},\n`);
  return (
    tsdoc(shape.traits, "", ["@public", "@enum"]) +
    `export const ${name} = {\n${entries.join("")}} as const;\n\n` +
    `/** @public */\nexport type ${name} = (typeof ${name})[keyof typeof ${name}];\n`
  );
}

function emitStructure(ctx: EmitContext, shape: Shape, runtimeTypes: Set<string>): string {
  // Members with a @default stay optional, as in the official SDK: an input leaves them to the service, and an
  // output holds them when the response does.
  const members = [...shape.members].map(([name, member]) => {
    const optional = isRequired(member) ? "" : "?";
    return tsdoc(member.traits, "  ", ["@public"]) + `  ${propertyKey(name)}${optional}: ${tsType(ctx, member.target, runtimeTypes)} | undefined;\n`;
  });
  const body = members.length === 0 ? "{}" : `{\n${members.join("\n")}}`;
  return tsdoc(shape.traits, "", ["@public"]) + `export interface ${ctx.name(shape)} ${body}\n`;
}

function emitUnion(ctx: EmitContext, shape: Shape, runtimeTypes: Set<string>): string {
  const variants = [...shape.members].map(([name, member]) => `  | { ${propertyKey(name)}: ${tsType(ctx, member.target, runtimeTypes)} }`);
  variants.push("  | { $unknown: [string, unknown] }");
  return tsdoc(shape.traits, "", ["@public"]) + `export type ${ctx.name(shape)} =\n${variants.join("\n")};\n`;
}
