import { shapeName } from "../model/model.js";
import { clientBaseName } from "../model/names.js";
import { endpointSettings, SHARED_SETTINGS } from "../rules/built-ins.js";
import { ruleSetOf } from "../rules/default-rule-set.js";
import { fileWriter, type EmitContext } from "./context.js";
import { paragraphs, writeDoc } from "./docs.js";

export function clientName(ctx: EmitContext): string {
  return `${clientBaseName(ctx.plan.sdkId)}Client`;
}

/** <Name>Client.ts: the client class, its configuration types, and the unions of its commands' inputs and outputs. */
export function emitClient(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  const client = clientName(ctx);
  const runtime = ctx.runtime(0);
  const union = (suffix: string) => {
    const names = ctx.plan.operations.map((operation) => {
      const command = `${shapeName(operation.id)}Command`;
      return w.importType(`./commands/${command}.js`, `${command}${suffix}`);
    });
    return names.length ? names.join(" | ") : "never";
  };
  w.doc([], ["@public"]);
  w.line(`export type ServiceInputTypes = ${union("Input")};`);
  w.blank();
  w.doc([], ["@public"]);
  w.line(`export type ServiceOutputTypes = ${union("Output")};`);

  // Options for the settings the service's rules use beyond the ones every client has.
  const ruleSet = ruleSetOf(ctx.plan);
  const extraOptions = endpointSettings(ruleSet).filter(([, setting]) => !SHARED_SETTINGS.has(setting));
  w.blank();
  w.doc([`Options for {@link ${client}}: the same names and meaning as in the official SDK.`], ["@public"]);
  const head = `export interface ${client}Config extends ${w.importType(runtime, "QueryClientConfig")}<${w.importType("./endpoints.js", "EndpointParameters")}>`;
  if (extraOptions.length === 0) w.line(`${head} {}`);
  else {
    w.block(head, () => {
      for (const [parameter, setting] of extraOptions) {
        const { type, documentation } = ruleSet.parameters[parameter]!;
        w.doc(paragraphs(documentation));
        const value = type.toLowerCase() === "boolean" ? "boolean" : "string";
        // A value or a provider of one, as v3 types its endpoint settings.
        w.line(`${setting}?: ${value} | (() => Promise<${value} | undefined>);`);
      }
    });
  }
  w.blank();
  w.doc([], ["@public"]);
  w.line(`export interface ${client}ResolvedConfig extends ${w.importType(runtime, "QueryClientResolved")}<${client}Config> {}`);
  w.blank();
  writeDoc(w, ctx.plan.service.traits, [`@example\n\`\`\`ts\nconst client = new ${client}({ region: "us-east-1" });\n\`\`\``, "@public"]);
  w.block(`export class ${client} extends ${w.import(runtime, "QueryClient")}<ServiceInputTypes, ServiceOutputTypes, ${client}Config>`, () => {
    w.block(`constructor(...[configuration]: [] | [${client}Config])`, () => {
      w.line(`super(configuration ?? {}, ${w.import("./service.js", "service")});`);
    });
  });
  return w.toString();
}
