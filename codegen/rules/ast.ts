/**
 * The endpoint rule set as the JSON AST states it (`smithy.rules#endpointRuleSet`, rules language 1.0), loosely: the
 * compiler checks what it reads and refuses what it cannot compile.
 */

export type Expression = string | number | boolean | Reference | FunctionCall;

export interface Reference {
  readonly ref: string;
}

export interface FunctionCall {
  readonly fn: string;
  readonly argv: readonly Expression[];
}

export interface Condition extends FunctionCall {
  readonly assign?: string;
}

export interface EndpointOutcome {
  readonly url: Expression;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, readonly Expression[]>>;
}

export interface Rule {
  readonly type: "endpoint" | "error" | "tree";
  readonly conditions: readonly Condition[];
  readonly documentation?: string;
  readonly endpoint?: EndpointOutcome;
  readonly error?: Expression;
  readonly rules?: readonly Rule[];
}

export interface Parameter {
  readonly type: string;
  readonly builtIn?: string;
  readonly required?: boolean;
  readonly default?: string | boolean | readonly string[];
  readonly documentation?: string;
}

export interface RuleSet {
  readonly version: string;
  readonly parameters: Readonly<Record<string, Parameter>>;
  readonly rules: readonly Rule[];
}
