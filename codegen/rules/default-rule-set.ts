import { trait } from "../model/model.js";
import { TRAIT } from "../model/traits.js";
import { endpointPrefixOf, type ServicePlan } from "../model/walk.js";
import type { RuleSet } from "./ast.js";

/** The service's `smithy.rules#endpointRuleSet`, or, for models that carry none, the regional pattern. */
export function ruleSetOf(plan: ServicePlan): RuleSet {
  return trait<RuleSet>(plan.service.traits, TRAIT.endpointRuleSet) ?? regionalRuleSet(endpointPrefixOf(plan.service));
}

/**
 * `https://{prefix}.{region}.{dnsSuffix}` with FIPS and dual-stack variants, for models without rules of their own
 * (the shapes-only copies of AWS models, or a user's model). A custom endpoint always wins.
 */
export function regionalRuleSet(prefix: string): RuleSet {
  const url = (fips: boolean, dualStack: boolean) =>
    `https://${prefix}${fips ? "-fips" : ""}.{Region}.{PartitionResult#${dualStack ? "dualStackDnsSuffix" : "dnsSuffix"}}`;
  const flag = (name: string, value: boolean) => ({ fn: "booleanEquals", argv: [{ ref: name }, value] });
  // The last variant needs no conditions: the other three leave only FIPS with dual-stack.
  const variant = (fips: boolean, dualStack: boolean, last = false) => ({
    conditions: last ? [] : [flag("UseFIPS", fips), flag("UseDualStack", dualStack)],
    endpoint: { url: url(fips, dualStack) },
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
      { conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }], endpoint: { url: { ref: "Endpoint" } }, type: "endpoint" },
      {
        conditions: [
          { fn: "isSet", argv: [{ ref: "Region" }] },
          { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
        ],
        rules: [variant(false, false), variant(true, false), variant(false, true), variant(true, true, true)],
        type: "tree",
      },
      { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" },
    ],
  };
}
