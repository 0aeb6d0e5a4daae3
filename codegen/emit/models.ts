import { hasTrait, type Shape } from "../model/model.js";
import { literal, memberProperty, propertyKey } from "../model/names.js";
import { TRAIT } from "../model/traits.js";
import { fileWriter, type EmitContext } from "./context.js";
import { writeDoc } from "./docs.js";
import { enumValues, isEnum, isRequired, tsType } from "./types.js";
import type { ModuleWriter } from "./writer.js";

/** models.ts: an interface per structure, a type per union, a const object and a type per enum. */
export function emitModels(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  for (const shape of ctx.plan.shapes) {
    if (hasTrait(shape.traits, TRAIT.error)) continue;
    w.blank();
    if (isEnum(shape) || shape.type === "intEnum") emitEnum(ctx, w, shape);
    else if (shape.type === "structure") emitStructure(ctx, w, shape);
    else if (shape.type === "union") emitUnion(ctx, w, shape);
  }
  return w.toString();
}

function emitEnum(ctx: EmitContext, w: ModuleWriter, shape: Shape): void {
  const name = ctx.name(shape);
  writeDoc(w, shape.traits, ["@public", "@enum"]);
  w.block(`export const ${name} =`, () => {
    for (const { name: key, value } of enumValues(shape)) w.line(`${propertyKey(memberProperty(key))}: ${typeof value === "number" ? value : literal(value)},`);
  }, "} as const;");
  w.blank();
  w.doc([], ["@public"]);
  w.line(`export type ${name} = (typeof ${name})[keyof typeof ${name}];`);
}

function emitStructure(ctx: EmitContext, w: ModuleWriter, shape: Shape): void {
  writeDoc(w, shape.traits, ["@public"]);
  const head = `export interface ${ctx.name(shape)}`;
  if (shape.members.size === 0) {
    w.line(`${head} {}`);
    return;
  }
  // Members with a @default stay optional, as in the official SDK: an input leaves them to the service, and an
  // output holds them when the response does.
  w.block(head, () => {
    for (const [name, member] of shape.members) {
      w.blank();
      writeDoc(w, member.traits, ["@public"]);
      w.line(`${propertyKey(memberProperty(name))}${isRequired(member) ? "" : "?"}: ${tsType(ctx, w, member.target)} | undefined;`);
    }
  });
}

function emitUnion(ctx: EmitContext, w: ModuleWriter, shape: Shape): void {
  writeDoc(w, shape.traits, ["@public"]);
  w.line(`export type ${ctx.name(shape)} =`);
  w.indented(() => {
    for (const [name, member] of shape.members) w.line(`| { ${propertyKey(memberProperty(name))}: ${tsType(ctx, w, member.target)} }`);
    w.line("| { $unknown: [string, unknown] };");
  });
}
