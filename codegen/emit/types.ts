import { hasTrait, trait, type MemberShape, type Shape } from "../model/model.js";
import type { EmitContext } from "./context.js";

/**
 * The TypeScript type of a value of the target shape, with the official SDK's choices: `bigint` for bigInteger,
 * the runtime's NumericValue (decimal text, v3's shape) for bigDecimal, Uint8Array for blobs. Runtime types the
 * result names are added to `runtimeTypes`, for the caller's imports.
 */
export function tsType(ctx: EmitContext, target: string, runtimeTypes?: Set<string>): string {
  const shape = ctx.plan.model.shape(target);
  switch (shape.type) {
    case "string":
      return isEnum(shape) ? ctx.name(shape) : "string";
    case "enum":
    case "intEnum":
    case "structure":
    case "union":
      return ctx.name(shape);
    case "blob":
      return "Uint8Array";
    case "boolean":
      return "boolean";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return "number";
    case "bigInteger":
      return "bigint";
    case "bigDecimal":
      runtimeTypes?.add("NumericValue");
      return "NumericValue";
    case "timestamp":
      return "Date";
    case "document":
      return "unknown";
    case "list": {
      const item = tsType(ctx, shape.member!.target, runtimeTypes);
      const sparse = hasTrait(shape.traits, "smithy.api#sparse") ? ` | null` : "";
      return sparse || item.includes(" ") ? `(${item}${sparse})[]` : `${item}[]`;
    }
    case "map": {
      const sparse = hasTrait(shape.traits, "smithy.api#sparse") ? " | null" : "";
      return `Record<string, ${tsType(ctx, shape.value!.target, runtimeTypes)}${sparse}>`;
    }
    default:
      throw new Error(`${shape.id}: a ${shape.type} cannot be a member`);
  }
}

/** The models.ts types that the TypeScript type of the target names: itself, or its items' at any depth. */
export function modelTypesOf(ctx: EmitContext, target: string): string[] {
  const shape = ctx.plan.model.shape(target);
  if (shape.type === "list") return modelTypesOf(ctx, shape.member!.target);
  if (shape.type === "map") return modelTypesOf(ctx, shape.value!.target);
  const named = isEnum(shape) || ["enum", "intEnum", "structure", "union"].includes(shape.type);
  return named && !hasTrait(shape.traits, "smithy.api#error") ? [ctx.name(shape)] : [];
}

/** A string shape with the Smithy 1.0 enum trait is an enum too. */
export function isEnum(shape: Shape): boolean {
  return shape.type === "enum" || (shape.type === "string" && hasTrait(shape.traits, "smithy.api#enum"));
}

/** An enum's names and values, from enum members or the 1.0 enum trait. */
export function enumValues(shape: Shape): Array<{ name: string; value: string | number }> {
  if (shape.type === "string") {
    const definitions = trait<Array<{ value: string; name?: string }>>(shape.traits, "smithy.api#enum") ?? [];
    return definitions.map((definition) => ({ name: definition.name ?? definition.value, value: definition.value }));
  }
  return [...shape.members].map(([name, member]) => ({
    name,
    value: trait<string | number>(member.traits, "smithy.api#enumValue") ?? name,
  }));
}

/** The member's name on the wire: its xmlName, else its own name. */
export function wireName(name: string, member: MemberShape): string {
  return trait<string>(member.traits, "smithy.api#xmlName") ?? name;
}

export function isRequired(member: MemberShape): boolean {
  return hasTrait(member.traits, "smithy.api#required");
}
