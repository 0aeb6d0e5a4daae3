/**
 * What the generator records about a shape for checks at run time: input validation before anything is sent,
 * and redaction of `@sensitive` values wherever inputs and outputs are logged. Serialization does not use it: the
 * generated se_/de_ functions know their shapes.
 */
export type MemberSchema =
  | ScalarSchema
  | { readonly type: "enum"; readonly values: readonly (string | number)[]; readonly required?: true; readonly sensitive?: true }
  | { readonly type: "structure"; readonly schema: () => StructureSchema; readonly required?: true; readonly sensitive?: true }
  | CollectionSchema<{ readonly type: "list"; readonly member: MemberSchema }>
  | CollectionSchema<{ readonly type: "map"; readonly key: MemberSchema; readonly value: MemberSchema }>;

/** A list or map; a `@sparse` one may hold nulls, which the serializer skips. */
type CollectionSchema<Shape> = Shape & { readonly length?: Bounds; readonly sparse?: true; readonly required?: true; readonly sensitive?: true };

export interface ScalarSchema {
  readonly type: "string" | "boolean" | "number" | "bigint" | "bigDecimal" | "timestamp" | "blob" | "document";
  readonly required?: true;
  readonly sensitive?: true;
  /** Smithy `length`: characters for strings, bytes for blobs. */
  readonly length?: Bounds;
  readonly pattern?: RegExp;
  readonly range?: Bounds;
}

export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export interface StructureSchema {
  readonly name: string;
  /** Unions: exactly one member is set. */
  readonly union?: true;
  readonly members: Readonly<Record<string, MemberSchema>>;
}
