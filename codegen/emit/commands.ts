import { hasTrait, shapeName, trait, UNIT, type Shape } from "../model/model.js";
import { withLabelsRenamed } from "../model/host-prefix.js";
import { isInherited, literal, memberProperty } from "../model/names.js";
import { TRAIT } from "../model/traits.js";
import { clientName } from "./client.js";
import { fileWriter, type EmitContext } from "./context.js";
import { writeDoc } from "./docs.js";
import { inputSchemaName, outputSchemaName } from "./schemas.js";
import { isRequired } from "./types.js";
import type { ModuleWriter } from "./writer.js";

interface Example {
  title?: string;
  input?: unknown;
  output?: unknown;
}

/**
 * Whether the operation's input requires nothing (or it has none), so that its command and its method of the
 * aggregated client can be called without one, as in the official SDK: `{}` is then the input. Not when a member is
 * named like a property every object inherits (`constructor`): TypeScript would take `{}` to set it.
 */
export function inputRequiresNothing(ctx: EmitContext, operation: Shape): boolean {
  const members = ctx.plan.model.shape(operation.raw.input?.target ?? UNIT).members;
  return [...members].every(([name, member]) => !isRequired(member) && !isInherited(name));
}

/**
 * The names a file in a folder beside commands/ (pagination/, waiters/) uses of an operation's command module: the
 * class, and its input and output types.
 */
export function importCommand(w: ModuleWriter, operation: Shape): { commandClass: string; input: string; output: string } {
  const command = `${shapeName(operation.id)}Command`;
  const from = `../commands/${command}.js`;
  return { commandClass: w.import(from, command), input: w.importType(from, `${command}Input`), output: w.importType(from, `${command}Output`) };
}

/** commands/<Name>Command.ts: the input/output types, the operation's wire description, and the command class. */
export function emitCommand(ctx: EmitContext, operation: Shape): string {
  const w = fileWriter(ctx);
  const runtime = ctx.runtime(1);
  const name = shapeName(operation.id);
  const command = `${name}Command`;
  const client = clientName(ctx);
  const inputId = operation.raw.input?.target ?? UNIT;
  const outputId = operation.raw.output?.target ?? UNIT;
  const inputType = inputId === UNIT ? undefined : w.importType("../models.js", ctx.name(inputId));
  const outputType = outputId === UNIT ? undefined : w.importType("../models.js", ctx.name(outputId));
  const safeToRetry = hasTrait(operation.traits, TRAIT.readonly) || hasTrait(operation.traits, TRAIT.idempotent);
  const compression = trait<{ encodings: string[] }>(operation.traits, TRAIT.requestCompression);
  const metadataBearer = w.importType(runtime, "MetadataBearer");

  w.doc([], ["@public"]);
  w.line(`export interface ${command}Input${inputType ? ` extends ${inputType}` : ""} {}`);
  w.blank();
  w.doc([], ["@public"]);
  w.line(`export interface ${command}Output extends ${outputType ? `${outputType}, ` : ""}${metadataBearer} {}`);
  w.blank();
  w.doc([`How ${name} travels: its action name, (de)serializers, schemas, and whether a retry is safe.`]);
  w.block(`const operation: ${w.importType(runtime, "QueryOperation")}<${command}Input, ${outputType ?? "{}"}> =`, () => {
    w.line(`name: ${literal(name)},`);
    w.line(`safeToRetry: ${safeToRetry},`);
    w.line(`serialize: ${inputType ? w.import("../serde.js", `se_${inputType}`) : "() => {}"},`);
    w.line(`deserialize: ${outputType ? w.import("../serde.js", `de_${outputType}`) : "() => ({})"},`);
    if (inputType) w.line(`inputSchema: ${w.import("../schemas.js", inputSchemaName(ctx, inputId))},`);
    if (outputType) w.line(`outputSchema: ${w.import("../schemas.js", outputSchemaName(ctx, outputId))},`);
    const hostPrefix = ctx.plan.hostPrefixes.get(operation.id);
    const middleware = [
      ...(compression ? [`${w.import(runtime, "requestCompression")}([${compression.encodings.map(literal).join(", ")}])`] : []),
      ...(hostPrefix !== undefined ? [`${w.import(runtime, "hostPrefix")}(${literal(withLabelsRenamed(hostPrefix, memberProperty))})`] : []),
    ];
    if (middleware.length > 0) w.line(`middleware: [${middleware.join(", ")}],`);
    if (ctx.plan.unsignedOperations.has(operation.id)) w.line("unsigned: true,");
  }, "};");
  w.blank();
  writeDoc(w, operation.traits, [...examples(client, command, operation), ...throwsTags(ctx, operation), "@public"]);
  const base = w.import(runtime, "QueryCommand");
  w.importType(`../${client}.js`, `${client}ResolvedConfig`);
  w.block(`export class ${command} extends ${base}<${command}Input, ${command}Output, ${client}ResolvedConfig>`, () => {
    w.block(`constructor(input: ${command}Input${inputRequiresNothing(ctx, operation) ? " = {}" : ""})`, () => w.line("super(input, operation);"));
  });
  return w.toString();
}

function examples(client: string, command: string, operation: Shape): string[] {
  const list = trait<Example[]>(operation.traits, TRAIT.examples) ?? [];
  return list.map((example) => {
    const lines = [
      `@example ${example.title ?? "Example"}`,
      "```ts",
      `const client = new ${client}({});`,
      `const output = await client.send(new ${command}(${indentJson(example.input ?? {})}));`,
    ];
    if (example.output !== undefined) lines.push(`// output: ${indentJson(example.output)}`.replace(/\n/g, "\n// "));
    lines.push("```");
    return lines.join("\n");
  });
}

/** A JSON value as a TypeScript literal: two-space indent, bare keys where they are identifiers. */
function indentJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][A-Za-z0-9_$]*)":/gm, "$1$2:");
}

function throwsTags(ctx: EmitContext, operation: Shape): string[] {
  return (operation.raw.errors ?? []).map((ref) => `@throws {@link ${ctx.name(ref.target)}}`);
}
