/**
 * The Smithy 2.0 JSON AST, loaded and indexed: every shape by id (prelude included), mixins and `apply`
 * statements folded in, every `target` checked. Pure: it takes parsed JSON, not files.
 */
import { TRAIT, type Trait } from "./traits.js";

export type Traits = Readonly<Record<string, unknown>>;

export interface MemberShape {
  readonly target: string;
  readonly traits: Traits;
}

export type ShapeType =
  | "blob" | "boolean" | "string" | "byte" | "short" | "integer" | "long" | "float" | "double"
  | "bigInteger" | "bigDecimal" | "timestamp" | "document" | "enum" | "intEnum"
  | "list" | "set" | "map" | "structure" | "union" | "service" | "operation" | "resource";

export interface Shape {
  readonly id: string;
  readonly type: ShapeType;
  readonly traits: Traits;
  /** Structures, unions, enums and intEnums, in model order. */
  readonly members: ReadonlyMap<string, MemberShape>;
  /** Lists and sets. */
  readonly member?: MemberShape;
  /** Maps. */
  readonly key?: MemberShape;
  readonly value?: MemberShape;
  /** Services, operations and resources: the raw shape, for the fields only they have. */
  readonly raw: RawShape;
}

interface RawMember {
  target: string;
  traits?: Record<string, unknown>;
}

export interface RawShape {
  type: string;
  version?: string;
  traits?: Record<string, unknown>;
  members?: Record<string, RawMember>;
  member?: RawMember;
  key?: RawMember;
  value?: RawMember;
  mixins?: Array<{ target: string }>;
  operations?: Array<{ target: string }>;
  resources?: Array<{ target: string }>;
  errors?: Array<{ target: string }>;
  input?: { target: string };
  output?: { target: string };
  [lifecycle: string]: unknown;
}

export class ModelError extends Error {
  override readonly name = "ModelError";
}

const SIMPLE_PRELUDE: Record<string, ShapeType> = {
  String: "string",
  Blob: "blob",
  BigInteger: "bigInteger",
  BigDecimal: "bigDecimal",
  Timestamp: "timestamp",
  Document: "document",
  Boolean: "boolean",
  PrimitiveBoolean: "boolean",
  Byte: "byte",
  PrimitiveByte: "byte",
  Short: "short",
  PrimitiveShort: "short",
  Integer: "integer",
  PrimitiveInteger: "integer",
  Long: "long",
  PrimitiveLong: "long",
  Float: "float",
  PrimitiveFloat: "float",
  Double: "double",
  PrimitiveDouble: "double",
};

export const UNIT = "smithy.api#Unit";

const SHAPE_TYPES = new Set<string>([
  "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal",
  "timestamp", "document", "enum", "intEnum", "list", "set", "map", "structure", "union", "service", "operation", "resource",
]);

export class Model {
  private readonly shapes = new Map<string, Shape>();

  constructor(ast: unknown) {
    const root = ast as { smithy?: unknown; shapes?: Record<string, RawShape> } | null;
    if (root === null || typeof root !== "object" || typeof root.shapes !== "object" || root.shapes === null) {
      throw new ModelError("not a Smithy JSON AST: expected an object with a `shapes` map");
    }
    if (typeof root.smithy !== "string" || !/^[12]\./.test(root.smithy)) {
      throw new ModelError(`unsupported Smithy version ${JSON.stringify(root.smithy)}: expected "2.0" (or "1.0")`);
    }
    const raw = new Map(Object.entries(root.shapes));
    const applied = new Map<string, Record<string, unknown>>();
    for (const [id, shape] of raw) {
      if (shape.type === "apply") {
        applied.set(id, { ...applied.get(id), ...shape.traits });
        raw.delete(id);
      }
    }
    for (const [id, shape] of raw) this.shapes.set(id, this.build(id, shape, raw, new Set()));
    for (const [name, traits] of Object.entries(SIMPLE_PRELUDE)) {
      const id = `smithy.api#${name}`;
      if (!this.shapes.has(id)) this.shapes.set(id, { id, type: traits, traits: {}, members: new Map(), raw: { type: traits } });
    }
    this.shapes.set(UNIT, { id: UNIT, type: "structure", traits: { [TRAIT.unitType.id]: {} }, members: new Map(), raw: { type: "structure" } });
    for (const [target, traits] of applied) this.apply(target, traits);
    this.checkTargets();
  }

  has(id: string): boolean {
    return this.shapes.has(id);
  }

  /** A shape by id; a dangling id is a broken model, reported with the id and who refers to it. */
  shape(id: string, referredFrom?: string): Shape {
    const shape = this.shapes.get(id);
    if (shape === undefined) {
      throw new ModelError(`shape ${id} is not defined${referredFrom ? ` (target of ${referredFrom})` : ""}`);
    }
    return shape;
  }

  all(): IterableIterator<Shape> {
    return this.shapes.values();
  }

  /** The model's service shapes. */
  services(): Shape[] {
    return [...this.shapes.values()].filter((shape) => shape.type === "service");
  }

  private build(id: string, shape: RawShape, raw: ReadonlyMap<string, RawShape>, visiting: Set<string>): Shape {
    if (!SHAPE_TYPES.has(shape.type)) throw new ModelError(`shape ${id} has unknown type ${JSON.stringify(shape.type)}`);
    if (visiting.has(id)) throw new ModelError(`shape ${id} mixes itself in`);
    visiting.add(id);
    const type = (shape.type === "set" ? "list" : shape.type) as ShapeType;
    let traits: Record<string, unknown> = {};
    let members = new Map<string, MemberShape>();
    for (const { target } of shape.mixins ?? []) {
      const mixinRaw = raw.get(target);
      if (mixinRaw === undefined) throw new ModelError(`shape ${target} is not defined (mixin of ${id})`);
      const mixin = this.build(target, mixinRaw, raw, visiting);
      const { [TRAIT.mixin.id]: _mixin, ...inherited } = mixin.traits as Record<string, unknown>;
      traits = { ...traits, ...inherited };
      members = new Map([...members, ...mixin.members]);
    }
    visiting.delete(id);
    traits = { ...traits, ...shape.traits };
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      members.set(name, { target: member.target, traits: { ...members.get(name)?.traits, ...member.traits } });
    }
    const member = (m: RawMember | undefined): MemberShape | undefined => (m === undefined ? undefined : { target: m.target, traits: { ...m.traits } });
    return { id, type, traits, members, member: member(shape.member), key: member(shape.key), value: member(shape.value), raw: shape };
  }

  private apply(target: string, traits: Record<string, unknown>): void {
    const [shapeId, memberName] = target.split("$") as [string, string | undefined];
    const shape = this.shape(shapeId, `an apply statement`);
    if (memberName === undefined) {
      this.shapes.set(shapeId, { ...shape, traits: { ...shape.traits, ...traits } });
      return;
    }
    const member = shape.members.get(memberName);
    if (member === undefined) throw new ModelError(`member ${target} is not defined (an apply statement)`);
    const members = new Map(shape.members);
    members.set(memberName, { ...member, traits: { ...member.traits, ...traits } });
    this.shapes.set(shapeId, { ...shape, members });
  }

  private checkTargets(): void {
    for (const shape of this.shapes.values()) {
      for (const [name, member] of shape.members) this.shape(member.target, `${shape.id}$${name}`);
      for (const [name, member] of [["member", shape.member], ["key", shape.key], ["value", shape.value]] as const) {
        if (member !== undefined) this.shape(member.target, `${shape.id}$${name}`);
      }
      for (const field of ["operations", "resources", "errors"] as const) {
        for (const ref of shape.raw[field] ?? []) this.shape(ref.target, `${shape.id} ${field}`);
      }
      for (const field of ["input", "output"] as const) {
        const ref = shape.raw[field];
        if (ref !== undefined) this.shape(ref.target, `${shape.id} ${field}`);
      }
    }
  }
}

/** A trait's value when present. */
export function trait<T = unknown>(traits: Traits, { id }: Trait): T | undefined {
  return traits[id] as T | undefined;
}

export function hasTrait(traits: Traits, { id }: Trait): boolean {
  return Object.hasOwn(traits, id);
}

/** The part of a shape id after `#`. */
export function shapeName(id: string): string {
  return id.slice(id.indexOf("#") + 1);
}
