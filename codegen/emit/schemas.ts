import { hasTrait, shapeName, trait, type MemberShape, type Shape } from "../model/model.js";
import { isInherited, literal, memberProperty, propertyKey } from "../model/names.js";
import { ecmaPattern } from "../model/patterns.js";
import { TRAIT, type Trait } from "../model/traits.js";
import { fileWriter, type EmitContext } from "./context.js";
import { enumValues, isEnum, isRequired, numberKind } from "./types.js";
import type { ModuleWriter } from "./writer.js";

interface Bounds {
  min?: number;
  max?: number;
}

/**
 * schemas.ts: per structure and union an input reaches, its members' types and constraints (`required`, `length`,
 * `pattern`, `range`, enum values) and `@sensitive`, for validation before sending and redaction from logs; per one
 * an output reaches, its members' types and `@sensitive` only, for redaction. Each distinct `@pattern` is one
 * regular expression constant, compiled here from the model's dialect.
 */
export function emitSchemas(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  const patterns = new PatternConstants(w);
  const declarations = fileWriter(ctx);
  const structures = (ids: ReadonlySet<string>) => ctx.plan.shapes.filter((shape) => ids.has(shape.id) && (shape.type === "structure" || shape.type === "union"));
  for (const shape of structures(ctx.plan.inputShapes)) {
    declarations.blank();
    writeSchema(ctx, declarations, shape, inputSchemaName(ctx, shape), (member, where) => inputMemberSchema(ctx, member, where, patterns));
  }
  for (const shape of structures(ctx.plan.outputShapes)) {
    declarations.blank();
    writeSchema(ctx, declarations, shape, outputSchemaName(ctx, shape), (member) => outputMemberSchema(ctx, member));
  }
  if (declarations.isEmpty()) return w.toString();
  w.importType(ctx.runtime(0), "StructureSchema");
  w.blank();
  w.append(declarations);
  return w.toString();
}

/** The input schema of a structure: what validation checks. */
export function inputSchemaName(ctx: EmitContext, shape: Shape | string): string {
  return `${ctx.name(shape)}$`;
}

/** The output schema of a structure: where its `@sensitive` values are. */
export function outputSchemaName(ctx: EmitContext, shape: Shape | string): string {
  return `${ctx.name(shape)}$Output`;
}

/** Writes a member's schema; `where` names the member (`Shape$member`). */
type MemberSchemaOf = (member: MemberShape, where: string) => string;

function writeSchema(ctx: EmitContext, w: ModuleWriter, shape: Shape, name: string, memberSchema: MemberSchemaOf): void {
  w.block(`export const ${name}: StructureSchema =`, () => {
    w.line(`name: ${literal(ctx.name(shape))},`);
    if (shape.type === "union") w.line("union: true,");
    const entries = [...shape.members].map(([member, ref]) => {
      const key = memberProperty(member);
      // TypeScript types a value under a name objects inherit (`toString`) by the inherited property, not the record.
      return `${propertyKey(key)}: ${memberSchema(ref, `${shape.id}$${member}`)}${isInherited(key) ? " as const" : ""}`;
    });
    w.object("members: ", entries, ",");
  }, "};");
}

/** A member's input schema: its type, its constraints (the member's own over its target's), and sensitivity. */
function inputMemberSchema(ctx: EmitContext, member: MemberShape, where: string, patterns: PatternConstants): string {
  const target = ctx.plan.model.shape(member.target);
  const constraint = <T>(id: Trait) => trait<T>(member.traits, id) ?? trait<T>(target.traits, id);
  const fields = [`type: ${literal(schemaType(target))}`];
  if (isEnum(target) || target.type === "intEnum") {
    const values = allowedValues(target, constraint, where);
    fields.push(`values: [${values.map((value) => (typeof value === "number" ? String(value) : literal(value))).join(", ")}]`);
  } else {
    fields.push(...nested(ctx, target, (next, at) => inputMemberSchema(ctx, next, at, patterns), inputSchemaName));
    if ((target.type === "list" || target.type === "map") && hasTrait(target.traits, TRAIT.sparse)) fields.push("sparse: true");
    const length = bounds(constraint<Bounds>(TRAIT.length));
    if (length) fields.push(`length: ${length}`);
    const range = bounds(constraint<Bounds>(TRAIT.range));
    if (range) fields.push(`range: ${range}`);
    const pattern = patterns.of(member, where, target);
    if (pattern) fields.push(`pattern: ${pattern}`);
  }
  if (isRequired(member)) fields.push("required: true");
  if (isSensitive(member, target)) fields.push("sensitive: true");
  return `{ ${fields.join(", ")} }`;
}

/** A member's output schema: its type as read from the wire (an enum value is its string or number), and sensitivity. */
function outputMemberSchema(ctx: EmitContext, member: MemberShape): string {
  const target = ctx.plan.model.shape(member.target);
  const type = isEnum(target) ? "string" : target.type === "intEnum" ? "number" : schemaType(target);
  const fields = [`type: ${literal(type)}`, ...nested(ctx, target, (next) => outputMemberSchema(ctx, next), outputSchemaName)];
  if (isSensitive(member, target)) fields.push("sensitive: true");
  return `{ ${fields.join(", ")} }`;
}

/** The schemas of what a structure, list or map holds. */
function nested(ctx: EmitContext, target: Shape, memberSchema: MemberSchemaOf, structureName: (ctx: EmitContext, shape: Shape) => string): string[] {
  switch (target.type) {
    case "structure":
    case "union":
      return [`schema: () => ${structureName(ctx, target)}`];
    case "list":
      return [`member: ${memberSchema(target.member!, `${target.id}$member`)}`];
    case "map":
      return [`key: ${memberSchema(target.key!, `${target.id}$key`)}`, `value: ${memberSchema(target.value!, `${target.id}$value`)}`];
    default:
      return [];
  }
}

/**
 * The values of an enum that its constraints allow: `length` and `pattern` on an enum, `range` on an intEnum (the
 * member's own over the target's). Validation accepts an enum's values only, so the constraints are applied to them
 * once, here; CloudWatch's MetricStreamOutputFormat has a `length` all its values meet.
 */
function allowedValues(target: Shape, constraint: <T>(id: Trait) => T | undefined, where: string): Array<string | number> {
  const length = constraint<Bounds>(TRAIT.length);
  const range = constraint<Bounds>(TRAIT.range);
  const pattern = constraint<string>(TRAIT.pattern);
  const ecma = pattern === undefined ? undefined : ecmaPattern(pattern, `member ${where}`);
  const regExp = ecma === undefined ? undefined : new RegExp(ecma.source, ecma.flags);
  const within = (bounds: Bounds | undefined, n: number) => bounds === undefined || ((bounds.min ?? n) <= n && n <= (bounds.max ?? n));
  return enumValues(target)
    .map(({ value }) => value)
    .filter((value) =>
      typeof value === "number" ? within(range, value) : within(length, [...value].length) && (regExp === undefined || regExp.test(value)),
    );
}

function isSensitive(member: MemberShape, target: Shape): boolean {
  return hasTrait(member.traits, TRAIT.sensitive) || hasTrait(target.traits, TRAIT.sensitive);
}

/**
 * One pattern constant per distinct `@pattern` (its ECMAScript source and flags, which the validator compiles on
 * first use), named after the first shape (or member) that declares it, written where first used.
 */
class PatternConstants {
  /** Constant names by the pattern's text. */
  private readonly byPattern = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly w: ModuleWriter) {}

  /** The constant for the member's pattern: the member's own, else its target's; undefined when it has none. */
  of(member: MemberShape, where: string, target: Shape): string | undefined {
    const own = trait<string>(member.traits, TRAIT.pattern);
    if (own !== undefined) return this.constant(where, own, `member ${where}`);
    const inherited = trait<string>(target.traits, TRAIT.pattern);
    return inherited === undefined ? undefined : this.constant(target.id, inherited, `shape ${target.id}`);
  }

  /** The constant for `pattern`, which `id` (a shape or member id) declares. */
  private constant(id: string, pattern: string, where: string): string {
    const known = this.byPattern.get(pattern);
    if (known !== undefined) return known;
    const wanted = `${shapeName(id).replace(/\$(.)/, (_, first: string) => first.toUpperCase())}Pattern`;
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) name = `${wanted}${n}`;
    const { source, flags } = ecmaPattern(pattern, where);
    if (this.byPattern.size === 0) {
      this.w.comment("The model's @pattern constraints, each named after the first shape that declares it: source and flags, compiled on first use.");
    }
    this.w.line(`const ${name} = { source: ${JSON.stringify(source)}, flags: ${JSON.stringify(flags)} };`);
    this.byPattern.set(pattern, name);
    this.taken.add(name);
    return name;
  }
}

function schemaType(target: Shape): string {
  if (isEnum(target) || target.type === "intEnum") return "enum";
  return numberKind(target.type) ?? (target.type === "union" ? "structure" : target.type);
}

function bounds(value: Bounds | undefined): string | undefined {
  if (value === undefined || (value.min === undefined && value.max === undefined)) return undefined;
  const parts = [value.min !== undefined ? `min: ${value.min}` : undefined, value.max !== undefined ? `max: ${value.max}` : undefined].filter(Boolean);
  return `{ ${parts.join(", ")} }`;
}
