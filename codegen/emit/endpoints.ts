import { propertyKey, literal } from "../model/names.js";
import { endpointSettings } from "../rules/built-ins.js";
import { parameterType, RuleCompiler } from "../rules/compiler.js";
import { ruleSetOf } from "../rules/default-rule-set.js";
import { fileWriter, type EmitContext } from "./context.js";
import { paragraphs } from "./docs.js";

/**
 * endpoints.ts: the service's endpoint rules compiled to a TypeScript function, the type of its parameters, and
 * the client setting each built-in parameter is read from.
 */
export function emitEndpoints(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  const runtime = ctx.runtime(0);
  const ruleSet = ruleSetOf(ctx.plan);
  w.doc(["The parameters of the service's endpoint rules (smithy.rules#endpointRuleSet)."]);
  w.block("export interface EndpointParameters", () => {
    for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
      w.doc(paragraphs(parameter.documentation));
      w.line(`${propertyKey(name)}?: ${parameterType(name, parameter)};`);
    }
  });
  w.blank();
  w.doc(["The client setting each parameter bound to a built-in of the rules language is read from."]);
  const settings = endpointSettings(ruleSet).map(([parameter, setting]) => `${propertyKey(parameter)}: ${literal(setting)}`);
  w.object("export const endpointSettings = ", settings, " as const;");
  w.blank();
  w.doc([
    "The endpoint for `parameters`, by the service's endpoint rules compiled to code: its URL, the SigV4 scope where it is not the client's own (the service's signing name, the client's region), and headers. Throws an Error carrying the rules' message when the configuration cannot be served.",
  ]);
  w.block(`export function resolveEndpoint(parameters: EndpointParameters): ${w.importType(runtime, "RuleEndpoint")}`, () => {
    new RuleCompiler(ruleSet, runtime, ctx.plan.signingName).body(w);
  });
  return w.toString();
}
