import type { EndpointSetting } from "../../src/contract.js";
import { ModelError } from "../model/model.js";
import type { RuleSet } from "./ast.js";

/**
 * The rules language's built-in parameters and the resolved client settings that supply them, as the official SDK
 * binds them. The generator emits, per service, the table of the parameters its rules use; the endpoint middleware
 * reads each from the client's resolved configuration.
 */
const BUILT_IN_SETTINGS: Readonly<Record<string, EndpointSetting>> = {
  "AWS::Region": "region",
  "AWS::UseFIPS": "useFipsEndpoint",
  "AWS::UseDualStack": "useDualstackEndpoint",
  "SDK::Endpoint": "endpointUrl",
  "AWS::STS::UseGlobalEndpoint": "useGlobalEndpoint",
};

/**
 * Settings every client's options supply (QueryClientConfig; `endpointUrl` from its `endpoint` option, the environment
 * or the profile); a client declares the others when its rules use them.
 */
export const SHARED_SETTINGS: ReadonlySet<EndpointSetting> = new Set(["region", "endpointUrl", "useFipsEndpoint", "useDualstackEndpoint"]);

/** The built-in parameter that holds the client's region, the default signing region. */
export const REGION_BUILT_IN = "AWS::Region";

/** The rule set's built-in parameters with the setting each is read from, in the rule set's order. */
export function endpointSettings(ruleSet: RuleSet): Array<[parameter: string, setting: EndpointSetting]> {
  return Object.entries(ruleSet.parameters).flatMap(([name, parameter]) => {
    if (parameter.builtIn === undefined) return [];
    const setting = BUILT_IN_SETTINGS[parameter.builtIn];
    if (setting === undefined) throw new ModelError(`endpoint parameter ${name} is bound to the built-in ${parameter.builtIn}, which no keysmith client setting supplies`);
    return [[name, setting]];
  });
}
