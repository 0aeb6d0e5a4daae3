import { hasTrait, trait, type MemberShape, type Shape } from "../model/model.js";
import { TRAIT } from "../model/traits.js";
import type { EmitContext } from "./context.js";
import type { ModuleWriter } from "./writer.js";

/**
 * The TypeScript type of a value of the target shape, with the official SDK's choices: `bigint` for bigInteger,
 * the runtime's NumericValue (decimal text, v3's shape) for bigDecimal, Uint8Array for blobs. The types it names are
 * imported into `w`: the runtime's, and models.ts's from `models` (none inside models.ts itself).
 */
export function tsType(ctx: EmitContext, w: ModuleWriter, target: string, models?: string): string {
  const shape = ctx.plan.model.shape(target);
  // Error structures are classes of errors.ts, not types of models.ts.
  const named = () => (models === undefined || hasTrait(shape.traits, TRAIT.error) ? ctx.name(shape) : w.importType(models, ctx.name(shape)));
  const number = numberKind(shape.type);
  if (number !== undefined) return number;
  switch (shape.type) {
    case "string":
      return isEnum(shape) ? named() : "string";
    case "enum":
    case "intEnum":
    case "structure":
    case "union":
      return named();
    case "blob":
      return "Uint8Array";
    case "boolean":
      return "boolean";
    case "bigDecimal":
      return w.importType(ctx.runtime(0), "NumericValue");
    case "timestamp":
      return "Date";
    case "document":
      return "unknown";
    case "list": {
      const item = tsType(ctx, w, shape.member!.target, models);
      const sparse = hasTrait(shape.traits, TRAIT.sparse) ? ` | null` : "";
      return sparse || item.includes(" ") ? `(${item}${sparse})[]` : `${item}[]`;
    }
    case "map": {
      const sparse = hasTrait(shape.traits, TRAIT.sparse) ? " | null" : "";
      return `Record<string, ${tsType(ctx, w, shape.value!.target, models)}${sparse}>`;
    }
    default:
      throw new Error(`${shape.id}: a ${shape.type} cannot be a member`);
  }
}

/** What a number shape's values are in JavaScript: bigint for bigInteger, number for the fixed-size ones. */
export function numberKind(type: Shape["type"]): "number" | "bigint" | undefined {
  switch (type) {
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return "number";
    case "bigInteger":
      return "bigint";
    default:
      return undefined;
  }
}

/** A string shape with the Smithy 1.0 enum trait is an enum too. */
export function isEnum(shape: Shape): boolean {
  return shape.type === "enum" || (shape.type === "string" && hasTrait(shape.traits, TRAIT.enum));
}

/** An enum's names and values, from enum members or the 1.0 enum trait. */
export function enumValues(shape: Shape): Array<{ name: string; value: string | number }> {
  if (shape.type === "string") {
    const definitions = trait<Array<{ value: string; name?: string }>>(shape.traits, TRAIT.enum) ?? [];
    return definitions.map((definition) => ({ name: definition.name ?? definition.value, value: definition.value }));
  }
  return [...shape.members].map(([name, member]) => ({
    name,
    value: trait<string | number>(member.traits, TRAIT.enumValue) ?? name,
  }));
}

/** The member's name on the wire: its xmlName, else its own name. */
export function wireName(name: string, member: MemberShape): string {
  return trait<string>(member.traits, TRAIT.xmlName) ?? name;
}

export function isRequired(member: MemberShape): boolean {
  return hasTrait(member.traits, TRAIT.required);
}
