/**
 * Input validation with AWS's wording, over the client's own validator (src/schema/validate.ts): every problem at
 * once, in one ValidationError message such as "1 validation error detected: Value 'a b' at 'userName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+".
 */
import type { StructureSchema } from "../contract.js";
import { findViolations, quotable, ruleText, type PathStep, type Rule, type Violation } from "../schema/validate.js";

/**
 * AWS's ValidationError message for the request parameters, or undefined when they are valid. Only the schema's
 * members are read, as strings or numbers (the server keeps only such members, see formReadable), so
 * parameters the operation does not know are ignored, as AWS ignores them.
 */
export function validationMessage(schema: StructureSchema, params: ReadonlyMap<string, string>): string | undefined {
  const input: Record<string, string | number> = {};
  for (const [name, member] of Object.entries(schema.members)) {
    const value = params.get(name);
    // A number that is not one stays text, which the validator reports as the wrong type.
    if (value !== undefined) input[name] = member.type === "number" && /^[+-]?\d+$/.test(value) ? Number(value) : value;
  }
  const problems = findViolations(schema, input).map(awsProblem);
  if (problems.length === 0) return undefined;
  const count = problems.length === 1 ? "1 validation error" : `${problems.length} validation errors`;
  return `${count} detected: ${problems.join("; ")}`;
}

function awsProblem({ path, rule, value, sensitive }: Violation): string {
  const at = awsPath(path);
  if (rule.kind === "required" || rule.kind === "notNull") return `Value null at '${at}' failed to satisfy constraint: Member must not be null`;
  // AWS leaves a sensitive value out of the message: "Value at 'password' failed to satisfy constraint". The
  // endpoint does the same for any value too long to be sure it is no secret (the client's rule, see quotable).
  const shown = quotable(value, sensitive) ? `Value '${String(value)}'` : "Value";
  return `${shown} at '${at}' failed to satisfy constraint: Member ${awsRule(rule, value)}`;
}

function awsRule(rule: Rule, value: unknown): string {
  switch (rule.kind) {
    case "range":
      return rule.bounds.min !== undefined && Number(value) < rule.bounds.min
        ? `must have value greater than or equal to ${rule.bounds.min}`
        : `must have value less than or equal to ${rule.bounds.max}`;
    case "length":
      return rule.bounds.min !== undefined && rule.measured < rule.bounds.min
        ? `must have length greater than or equal to ${rule.bounds.min}`
        : `must have length less than or equal to ${rule.bounds.max}`;
    case "pattern":
      // AWS prints the pattern without the anchors the Smithy model spells out.
      return `must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^/, "").replace(/\$$/, "")}`;
    case "enum":
      return `must satisfy enum value set: [${rule.values.join(", ")}]`;
    default:
      return ruleText(rule);
  }
}

/** AWS names members in lowerCamelCase and list items by position from 1: 'userName', 'tags.1.member.key'. */
function awsPath(path: readonly PathStep[]): string {
  return path
    .map((step) => {
      if ("member" in step) return step.member.charAt(0).toLowerCase() + step.member.slice(1);
      if ("index" in step) return `${step.index + 1}.member`;
      return "entry" in step ? step.entry : step.key;
    })
    .join(".");
}
