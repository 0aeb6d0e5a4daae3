/**
 * Input validation with AWS's wording: every problem at once, in one ValidationError message such
 * as "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member
 * must satisfy regular expression pattern: [\w+=,.@-]+".
 */
import type { MemberRule } from "./services.js";

/** Returns AWS's ValidationError message for `params`, or undefined when they are valid. */
export function validationMessage(rules: readonly MemberRule[], params: ReadonlyMap<string, string>): string | undefined {
  const problems = rules.flatMap((rule) => memberProblems(rule, params.get(rule.name)));
  if (problems.length === 0) return undefined;
  const count = problems.length === 1 ? "1 validation error" : `${problems.length} validation errors`;
  return `${count} detected: ${problems.join("; ")}`;
}

function memberProblems(rule: MemberRule, value: string | undefined): string[] {
  // AWS names members in the message in lowerCamelCase: 'userName', 'accessKeyId'.
  const at = rule.name.charAt(0).toLowerCase() + rule.name.slice(1);
  if (value === undefined) {
    return rule.required ? [`Value null at '${at}' failed to satisfy constraint: Member must not be null`] : [];
  }
  const failed = (constraint: string) => `Value '${value}' at '${at}' failed to satisfy constraint: Member ${constraint}`;
  const problems: string[] = [];
  // Smithy counts string length in Unicode code points.
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) {
    problems.push(failed(`must have length greater than or equal to ${rule.minLength}`));
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) {
    problems.push(failed(`must have length less than or equal to ${rule.maxLength}`));
  }
  if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value)) {
    // AWS prints the pattern without the anchors the Smithy model spells out.
    problems.push(failed(`must satisfy regular expression pattern: ${rule.pattern.replace(/^\^/, "").replace(/\$$/, "")}`));
  }
  if (rule.enumValues !== undefined && !rule.enumValues.includes(value)) {
    problems.push(failed(`must satisfy enum value set: [${rule.enumValues.join(", ")}]`));
  }
  return problems;
}
