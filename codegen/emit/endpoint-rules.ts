import type { RuleSetObject } from "@smithy/types";
import { literal } from "../names.js";
import { trait } from "../model.js";
import type { ServicePlan } from "../walk.js";
import type { EmitContext } from "./context.js";

/** The service's `smithy.rules#endpointRuleSet`, or, for models that carry none, the regional pattern. */
export function endpointRuleSetOf(plan: ServicePlan): RuleSetObject {
  const declared = trait<RuleSetObject>(plan.service.traits, "smithy.rules#endpointRuleSet");
  if (declared) return declared;
  const prefix = trait<{ endpointPrefix?: string }>(plan.service.traits, "aws.api#service")?.endpointPrefix ?? plan.sdkId.toLowerCase();
  return regionalRuleSet(prefix);
}

/** endpoint-rules.ts: the rule set as data, evaluated at call time. */
export function emitEndpointRules(ctx: EmitContext): string {
  return (
    ctx.header +
    `\nimport type { RuleSetObject } from ${literal(ctx.runtime(0))};\n\n` +
    `/** The service's endpoint rules (smithy.rules#endpointRuleSet), as the model states them. */\n` +
    `export const endpointRuleSet: RuleSetObject = ${JSON.stringify(endpointRuleSetOf(ctx.plan), null, 2)};\n`
  );
}

/**
 * `https://{prefix}.{region}.{dnsSuffix}` with FIPS and dual-stack variants, for models without rules of their own
 * (the shapes-only copies of AWS models, or a user's model). A custom endpoint always wins.
 */
function regionalRuleSet(prefix: string): RuleSetObject {
  const url = (fips: boolean, dualStack: boolean) =>
    `https://${prefix}${fips ? "-fips" : ""}.{Region}.{PartitionResult#${dualStack ? "dualStackDnsSuffix" : "dnsSuffix"}}`;
  const flag = (name: string, value: boolean) => ({ fn: "booleanEquals", argv: [{ ref: name }, value] });
  const variant = (fips: boolean, dualStack: boolean) => ({
    conditions: [flag("UseFIPS", fips), flag("UseDualStack", dualStack)],
    endpoint: { url: url(fips, dualStack), properties: {}, headers: {} },
    type: "endpoint" as const,
  });
  return {
    version: "1.0",
    parameters: {
      Region: { builtIn: "AWS::Region", required: false, documentation: "The AWS region used to dispatch the request.", type: "String" },
      UseFIPS: { builtIn: "AWS::UseFIPS", required: true, default: false, documentation: "Use FIPS endpoints.", type: "Boolean" },
      UseDualStack: { builtIn: "AWS::UseDualStack", required: true, default: false, documentation: "Use dual-stack endpoints.", type: "Boolean" },
      Endpoint: { builtIn: "SDK::Endpoint", required: false, documentation: "Override the endpoint.", type: "String" },
    },
    rules: [
      {
        conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }],
        endpoint: { url: { ref: "Endpoint" }, properties: {}, headers: {} },
        type: "endpoint",
      },
      {
        conditions: [
          { fn: "isSet", argv: [{ ref: "Region" }] },
          { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
        ],
        rules: [variant(false, false), variant(true, false), variant(false, true), variant(true, true)],
        type: "tree",
      },
      { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" },
    ],
  } as unknown as RuleSetObject;
}
