/**
 * Endpoint rule-set built-ins and the client options that supply them, as the official SDK binds them. The
 * generator declares an option for each built-in a service's rule set uses; the client reads it from there.
 */
export const BUILT_IN_OPTIONS: Readonly<Record<string, string>> = {
  "AWS::Region": "region",
  "AWS::UseFIPS": "useFipsEndpoint",
  "AWS::UseDualStack": "useDualstackEndpoint",
  "SDK::Endpoint": "endpoint",
  "AWS::STS::UseGlobalEndpoint": "useGlobalEndpoint",
};
