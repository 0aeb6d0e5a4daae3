import { hasTrait, ModelError, trait, UNIT, type Model, type Shape } from "./model.js";
import { TRAIT } from "./traits.js";

/** Text a host prefix may have between its labels: what a host name is made of. */
const HOST_TEXT = /^[A-Za-z0-9.-]*$/;
const LABEL = /\{([^{}]*)\}/g;
/** What a `@hostLabel` member may target: a string (an enum is one, in Smithy 2.0). */
const HOST_LABEL_TYPES: ReadonlySet<string> = new Set(["string", "enum"]);

/**
 * An operation's `@endpoint` host prefix, checked as Smithy's specification says a model must have it: every
 * `{label}` names a required string member of the operation's input that has `@hostLabel`, no two labels touch, and
 * the rest is host-name text (no scheme, user or port). Undefined for an operation without the trait.
 */
export function hostPrefixOf(model: Model, operation: Shape): string | undefined {
  const template = trait<{ hostPrefix?: unknown }>(operation.traits, TRAIT.endpoint)?.hostPrefix;
  if (template === undefined) return undefined;
  const where = `operation ${operation.id} has ${TRAIT.endpoint.id}`;
  if (typeof template !== "string" || template === "") throw new ModelError(`${where} without a hostPrefix`);
  const input = model.shape(operation.raw.input?.target ?? UNIT);
  const texts = template.split(LABEL).filter((_, i) => i % 2 === 0);
  const bad = texts.find((text) => !HOST_TEXT.test(text));
  if (bad !== undefined) throw new ModelError(`${where} with hostPrefix ${JSON.stringify(template)}: ${JSON.stringify(bad)} is not host-name text (letters, digits, "." and "-" between labels)`);
  if (texts.slice(1, -1).includes("")) throw new ModelError(`${where} with hostPrefix ${JSON.stringify(template)}: two labels touch, so the host could not be split back into them`);
  for (const [, label] of template.matchAll(LABEL)) {
    const member = input.members.get(label!);
    const rule = `{${label}} must name a required string member of ${input.id} with ${TRAIT.hostLabel.id}`;
    if (member === undefined || !hasTrait(member.traits, TRAIT.hostLabel) || !hasTrait(member.traits, TRAIT.required) || !HOST_LABEL_TYPES.has(model.shape(member.target).type)) {
      throw new ModelError(`${where} with hostPrefix ${JSON.stringify(template)}: ${rule}`);
    }
    if (hasTrait(member.traits, TRAIT.sensitive) || hasTrait(model.shape(member.target).traits, TRAIT.sensitive)) {
      throw new ModelError(`${where} with hostPrefix ${JSON.stringify(template)}: {${label}} is ${TRAIT.sensitive.id}, and a host name is no place for it (DNS lookups and logs carry it in clear)`);
    }
  }
  return template;
}

/** The template with each label renamed, as the generated code names the member it reads. */
export function withLabelsRenamed(template: string, rename: (label: string) => string): string {
  return template.replace(LABEL, (_, label: string) => `{${rename(label)}}`);
}
