import { hasTrait, shapeName, trait, UNIT, type Shape } from "../model/model.js";
import { literal } from "../model/names.js";
import { clientName } from "./client.js";
import type { EmitContext } from "./context.js";
import { tsdoc } from "./docs.js";
import { schemaName } from "./schemas.js";

interface Example {
  title?: string;
  input?: unknown;
  output?: unknown;
  error?: { shapeId?: string; content?: unknown };
}

/** commands/<Name>Command.ts: the input/output types, the operation's wire description, and the command class. */
export function emitCommand(ctx: EmitContext, operation: Shape): string {
  const name = shapeName(operation.id);
  const command = `${name}Command`;
  const client = clientName(ctx);
  const inputId = operation.raw.input?.target ?? UNIT;
  const outputId = operation.raw.output?.target ?? UNIT;
  const inputType = inputId === UNIT ? undefined : ctx.name(inputId);
  const outputType = outputId === UNIT ? undefined : ctx.name(outputId);
  const safeToRetry = hasTrait(operation.traits, "smithy.api#readonly") || hasTrait(operation.traits, "smithy.api#idempotent");

  const modelTypes = [inputType, outputType].filter((t): t is string => t !== undefined);
  const serde = [outputType && `de_${outputType}`, inputType && `se_${inputType}`].filter(Boolean);
  const inputSchema = inputType && schemaName(ctx, inputId);
  const outputSchema = outputType && schemaName(ctx, outputId);
  const schemas = [...new Set([inputSchema, outputSchema].filter((name): name is string => Boolean(name)))].sort();
  const imports =
    `import { QueryCommand, type MetadataBearer, type QueryOperation } from ${literal(ctx.runtime(1))};\n` +
    `import type { ${client}ResolvedConfig } from "../${client}.js";\n` +
    (modelTypes.length ? `import type { ${[...new Set(modelTypes)].sort().join(", ")} } from "../models.js";\n` : "") +
    (schemas.length ? `import { ${schemas.join(", ")} } from "../schemas.js";\n` : "") +
    (serde.length ? `import { ${serde.join(", ")} } from "../serde.js";\n` : "");

  const inputDecl = inputType
    ? `export interface ${command}Input extends ${inputType} {}\n`
    : `export interface ${command}Input {}\n`;
  const outputDecl = outputType
    ? `export interface ${command}Output extends ${outputType}, MetadataBearer {}\n`
    : `export interface ${command}Output extends MetadataBearer {}\n`;
  const outputShape = outputType ?? "{}";
  const operationDecl =
    `const operation: QueryOperation<${command}Input, ${outputShape}> = {\n` +
    `  name: ${literal(name)},\n` +
    `  safeToRetry: ${safeToRetry},\n` +
    `  serialize: ${inputType ? `se_${inputType}` : "() => {}"},\n` +
    `  deserialize: ${outputType ? `de_${outputType}` : "() => ({})"},\n` +
    (inputSchema ? `  inputSchema: ${inputSchema},\n` : "") +
    (outputSchema ? `  outputSchema: ${outputSchema},\n` : "") +
    `};\n`;

  const tags = [...examples(ctx, command, operation), ...throwsTags(ctx, operation), "@public"];
  return [
    ctx.header,
    imports,
    `/** @public */\n${inputDecl}`,
    `/** @public */\n${outputDecl}`,
    `/** How ${name} travels: its action name, (de)serializers, schemas, and whether a retry is safe. */\n${operationDecl}`,
    tsdoc(operation.traits, "", tags) +
      `export class ${command} extends QueryCommand<${command}Input, ${command}Output, ${client}ResolvedConfig> {\n` +
      `  constructor(input: ${command}Input) {\n    super(input, operation);\n  }\n}\n`,
  ].join("\n");
}

function examples(ctx: EmitContext, command: string, operation: Shape): string[] {
  const list = trait<Example[]>(operation.traits, "smithy.api#examples") ?? [];
  const client = clientName(ctx);
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
