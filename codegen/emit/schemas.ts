import { hasTrait, trait, type MemberShape, type Shape } from "../model/model.js";
import { literal, propertyKey } from "../model/names.js";
import type { EmitContext } from "./context.js";
import { enumValues, isEnum, isRequired } from "./types.js";

interface Bounds {
  min?: number;
  max?: number;
}

/**
 * schemas.ts: per structure and union, its members' types and constraints (`required`, `length`, `pattern`,
 * `range`, enum values, `@sensitive`), for input validation and log redaction at run time.
 */
export function emitSchemas(ctx: EmitContext): string {
  const shapes = ctx.plan.shapes.filter((shape) => (shape.type === "structure" || shape.type === "union") && !hasTrait(shape.traits, "smithy.api#error"));
  const declarations = shapes.map((shape) => {
    const members = [...shape.members].map(([name, member]) => `    ${propertyKey(name)}: ${memberSchema(ctx, member, isRequired(member))},\n`);
    return (
      `export const ${schemaName(ctx, shape)}: StructureSchema = {\n` +
      `  name: ${literal(ctx.name(shape))},\n` +
      (shape.type === "union" ? "  union: true,\n" : "") +
      `  members: {${members.length ? `\n${members.join("")}  ` : ""}},\n` +
      `};\n`
    );
  });
  const imports = declarations.length ? [`import type { StructureSchema } from ${literal(ctx.runtime(0))};\n`] : [];
  return [ctx.header, ...imports, ...declarations].join("\n");
}

export function schemaName(ctx: EmitContext, shape: Shape | string): string {
  return `${ctx.name(shape)}$`;
}

/** A member's schema literal; constraint traits on the member override the target's. */
function memberSchema(ctx: EmitContext, member: MemberShape, required: boolean): string {
  const target = ctx.plan.model.shape(member.target);
  const traitOf = <T>(id: string) => trait<T>(member.traits, id) ?? trait<T>(target.traits, id);
  const fields: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) fields.push(`${name}: ${value}`);
  };
  add("type", literal(schemaType(target)));
  if (isEnum(target) || target.type === "intEnum") {
    add("values", `[${enumValues(target).map(({ value }) => (typeof value === "number" ? String(value) : literal(value))).join(", ")}]`);
  }
  if (target.type === "structure" || target.type === "union") add("schema", `() => ${schemaName(ctx, target)}`);
  if (target.type === "list") add("member", memberSchema(ctx, target.member!, false));
  if (target.type === "map") {
    add("key", memberSchema(ctx, target.key!, false));
    add("value", memberSchema(ctx, target.value!, false));
  }
  if ((target.type === "list" || target.type === "map") && hasTrait(target.traits, "smithy.api#sparse")) add("sparse", "true");
  add("length", bounds(traitOf<Bounds>("smithy.api#length")));
  add("range", bounds(traitOf<Bounds>("smithy.api#range")));
  const pattern = traitOf<string>("smithy.api#pattern");
  if (pattern !== undefined) add("pattern", `new RegExp(${literal(pattern)})`);
  if (required) add("required", "true");
  if (hasTrait(member.traits, "smithy.api#sensitive") || hasTrait(target.traits, "smithy.api#sensitive")) add("sensitive", "true");
  return `{ ${fields.join(", ")} }`;
}

function schemaType(target: Shape): string {
  if (isEnum(target) || target.type === "intEnum") return "enum";
  switch (target.type) {
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return "number";
    case "bigInteger":
      return "bigint";
    case "union":
      return "structure";
    default:
      return target.type;
  }
}

function bounds(value: Bounds | undefined): string | undefined {
  if (value === undefined || (value.min === undefined && value.max === undefined)) return undefined;
  const parts = [value.min !== undefined ? `min: ${value.min}` : undefined, value.max !== undefined ? `max: ${value.max}` : undefined].filter(Boolean);
  return `{ ${parts.join(", ")} }`;
}
