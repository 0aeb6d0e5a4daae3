import { BUILT_IN_OPTIONS } from "../rules/built-ins.js";
import { shapeName } from "../model/model.js";
import { clientBaseName, literal } from "../model/names.js";
import type { EmitContext } from "./context.js";
import { tsdoc } from "./docs.js";
import { endpointRuleSetOf } from "./endpoints.js";

export function clientName(ctx: EmitContext): string {
  return `${clientBaseName(ctx.plan.sdkId)}Client`;
}

/** Options the service's rule set needs beyond the ones every client has (region, endpoint, FIPS, dual-stack). */
const COMMON_OPTIONS = new Set(["region", "endpoint", "useFipsEndpoint", "useDualstackEndpoint"]);

/** <Name>Client.ts: the client class, its configuration types, and the unions of its commands' inputs and outputs. */
export function emitClient(ctx: EmitContext): string {
  const client = clientName(ctx);
  const commands = ctx.plan.operations.map((operation) => `${shapeName(operation.id)}Command`);
  const ruleSet = endpointRuleSetOf(ctx.plan);
  const extraOptions = Object.entries(ruleSet.parameters)
    .filter(([, parameter]) => parameter.builtIn !== undefined && !COMMON_OPTIONS.has(BUILT_IN_OPTIONS[parameter.builtIn] ?? ""))
    .map(([, parameter]) => {
      const option = BUILT_IN_OPTIONS[parameter.builtIn!];
      if (option === undefined) throw new Error(`endpoint built-in ${parameter.builtIn} has no client option`);
      const doc = tsdoc({ "smithy.api#documentation": parameter.documentation }, "  ");
      return `${doc}  ${option}?: ${parameter.type.toLowerCase() === "boolean" ? "boolean" : "string"};\n`;
    });
  const union = (suffix: string) => (commands.length ? commands.map((c) => `${c}${suffix}`).join(" | ") : "never");
  const commandImports = commands.map((c) => `import type { ${c}Input, ${c}Output } from "./commands/${c}.js";\n`).join("");
  return [
    ctx.header,
    `import { QueryClient, type QueryClientConfig, type QueryClientResolved } from ${literal(ctx.runtime(0))};\n` +
      commandImports +
      `import { service } from "./service.js";\n`,
    `/** @public */\nexport type ServiceInputTypes = ${union("Input")};\n\n/** @public */\nexport type ServiceOutputTypes = ${union("Output")};\n`,
    `/**\n * Options for {@link ${client}}: the same names and meaning as in the official SDK.\n *\n * @public\n */\n` +
      `export interface ${client}Config extends QueryClientConfig ${extraOptions.length ? `{\n${extraOptions.join("")}}` : "{}"}\n`,
    `/** @public */\nexport interface ${client}ResolvedConfig extends QueryClientResolved<${client}Config> {}\n`,
    tsdoc(ctx.plan.service.traits, "", [`@example\n\`\`\`ts\nconst client = new ${client}({ region: "us-east-1" });\n\`\`\``, "@public"]) +
      `export class ${client} extends QueryClient<ServiceInputTypes, ServiceOutputTypes, ${client}Config> {\n` +
      `  constructor(...[configuration]: [] | [${client}Config]) {\n    super(configuration ?? {}, service);\n  }\n}\n`,
  ].join("\n");
}
