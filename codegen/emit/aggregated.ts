import { shapeName } from "../model/model.js";
import { clientBaseName } from "../model/names.js";
import { clientName } from "./client.js";
import { inputRequiresNothing } from "./commands.js";
import { fileWriter, type EmitContext } from "./context.js";

/** The aggregated client's name, as the official SDK names it: the client's without "Client" ("IAM", "STS"). */
export function aggregatedName(ctx: EmitContext): string {
  return clientBaseName(ctx.plan.sdkId);
}

/**
 * What the client class already has (smithy's Client): an operation whose method would take one of these names
 * (an operation named Send, say) gets no method, since it would replace the client's own.
 */
const CLIENT_MEMBERS = new Set(["constructor", "config", "middlewareStack", "initConfig", "handlers", "send", "destroy"]);

/**
 * <Name>.ts: the aggregated client of the official SDK: the client with one method per operation, named after it
 * in lower camel case, that sends the operation's command. A file of its own, so that an app that sends commands
 * to the plain client does not bundle it.
 */
export function emitAggregatedClient(ctx: EmitContext): string {
  const w = fileWriter(ctx);
  const runtime = ctx.runtime(0);
  const client = clientName(ctx);
  const name = aggregatedName(ctx);
  const options = `${name}RequestOptions`;
  const callback = w.importType(runtime, "SendCallback");
  const sendCall = w.import(runtime, "sendCall");

  w.doc([`What a method of {@link ${name}} takes besides the input: the same as \`send\`.`], ["@public"]);
  w.line(`export interface ${options} extends ${w.importType(runtime, "HttpHandlerOptions")} {}`);
  w.blank();
  const [operations, unnamed] = partition(ctx.plan.operations, (operation) => !CLIENT_MEMBERS.has(methodName(operation.id)));
  const paragraphs = [
    `{@link ${client}} with a method per operation, as the official SDK's ${name}: each sends its operation's ` +
      "command with the input, and takes send options, a Node-style callback, or both, as `send` does.",
  ];
  for (const operation of unnamed) {
    const operationName = shapeName(operation.id);
    paragraphs.push(`${operationName} has no method: \`${methodName(operation.id)}\` is the client's own. Send \`new ${operationName}Command(input)\` instead.`);
  }
  w.doc(
    paragraphs,
    [`@example\n\`\`\`ts\nconst client = new ${name}({ region: "us-east-1" });\n\`\`\``, "@public"],
  );
  w.block(`export class ${name} extends ${w.import(`./${client}.js`, client)}`, () => {
    for (const operation of operations) {
      const command = `${shapeName(operation.id)}Command`;
      const from = `./commands/${command}.js`;
      const input = w.importType(from, `${command}Input`);
      const output = w.importType(from, `${command}Output`);
      const method = methodName(operation.id);
      const inputOptional = inputRequiresNothing(ctx, operation);
      const inputParameter = `input: ${input}`;
      const optionsParameter = `options: ${options}`;
      const callbackParameter = `callback: ${callback}<${output}>`;
      const promise = `Promise<${output}>`;
      w.blank();
      w.doc([], [`@see {@link ${command}}`]);
      if (inputOptional) w.line(`${method}(): ${promise};`);
      w.list(`${method}(`, [inputParameter, `options?: ${options}`], `): ${promise};`, { padding: "" });
      w.list(`${method}(`, [inputParameter, callbackParameter], "): void;", { padding: "" });
      w.list(`${method}(`, [inputParameter, optionsParameter, callbackParameter], "): void;", { padding: "" });
      const implementation = [`${inputParameter}${inputOptional ? " = {}" : ""}`, `optionsOrCallback?: ${options} | ${callback}<${output}>`, `callback?: ${callback}<${output}>`];
      w.list(`${method}(`, implementation, `): ${promise} | void {`, { padding: "" });
      w.indented(() => w.line(`return ${sendCall}(this, new ${w.import(from, command)}(input), optionsOrCallback, callback);`));
      w.line("}");
    }
  });
  return w.toString();
}

/** The official SDK's method name for an operation: its name with the first letter in lower case. */
function methodName(operationId: string): string {
  const name = shapeName(operationId);
  return name[0]!.toLowerCase() + name.slice(1);
}

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}
