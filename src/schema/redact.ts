import type { MemberSchema, StructureSchema } from "../contract.js";

/** What logs show instead of a `@sensitive` value: the official SDK's marker. */
export const SENSITIVE_STRING = "***SensitiveInformation***";

/**
 * A copy of a structure with every `@sensitive` value replaced by `marker` (logs use the official SDK's, fixtures
 * their own). A member outside the schema is masked too: nothing says it is not a secret (a spread AccessKey
 * brings its SecretAccessKey along). An output's `$metadata` is the SDK's own, not the service's, and is kept.
 */
export function redact(schema: StructureSchema, value: unknown, marker: string = SENSITIVE_STRING): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, member]) => {
      const memberSchema = Object.hasOwn(schema.members, name) ? schema.members[name] : undefined;
      return [name, memberSchema === undefined ? (member === undefined || name === "$metadata" ? member : marker) : redactMember(memberSchema, member, marker)];
    }),
  );
}

function redactMember(schema: MemberSchema, value: unknown, marker: string): unknown {
  if (value === undefined || value === null) return value;
  if (schema.sensitive) return marker;
  switch (schema.type) {
    case "structure":
      return redact(schema.schema(), value, marker);
    case "list":
      return Array.isArray(value) ? value.map((item) => redactMember(schema.member, item, marker)) : value;
    case "map":
      if (typeof value !== "object") return value;
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, redactMember(schema.value, item, marker)]));
    default:
      return value;
  }
}
