import { hasTrait, trait, UNIT, type MemberShape, type Shape } from "../model/model.js";
import { importStatement, literal, property } from "../model/names.js";
import type { EmitContext } from "./context.js";
import { exceptionMembers } from "./errors.js";
import { isEnum, isRequired, modelTypesOf, tsType, wireName } from "./types.js";

/**
 * serde.ts: one `se_` function per shape an input reaches, writing awsQuery form pairs, and one `de_` function
 * per shape an output or error reaches, reading the parsed XML. Scalars are written inline.
 */
export function emitSerde(ctx: EmitContext): string {
  const { operations, errors } = ctx.plan;
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  const flattened = new Set<string>();
  for (const operation of operations) {
    if (operation.raw.input && operation.raw.input.target !== UNIT) reach(ctx, operation.raw.input.target, inputs, flattened);
    if (operation.raw.output && operation.raw.output.target !== UNIT) reach(ctx, operation.raw.output.target, outputs, flattened);
  }
  for (const error of errors) {
    for (const [, member] of exceptionMembers(error)) reach(ctx, member.target, outputs, flattened);
  }
  const functions: string[] = [];
  const imports = new Set<string>();
  for (const shape of ctx.plan.shapes) {
    if (inputs.has(shape.id)) functions.push(serializer(ctx, shape, flattened.has(shape.id), imports));
  }
  for (const shape of ctx.plan.shapes) {
    if (outputs.has(shape.id)) functions.push(deserializer(ctx, shape, flattened.has(shape.id), imports));
  }
  for (const error of errors) {
    if (exceptionMembers(error).length > 0) functions.push(errorDeserializer(ctx, error, imports));
  }
  const modelTypes = [...imports].filter((name) => name.startsWith("model:")).map((name) => name.slice(6)).sort();
  const errorTypes = errors.filter((error) => exceptionMembers(error).length > 0).map((error) => ctx.name(error)).sort();
  const runtimeImports = [...imports]
    .filter((name) => !name.startsWith("model:"))
    .sort((a, b) => (a.replace("type ", "") < b.replace("type ", "") ? -1 : 1));
  return [
    ctx.header,
    (runtimeImports.length ? importStatement(runtimeImports, ctx.runtime(0)) : "") +
      (errorTypes.length ? importStatement(errorTypes, "./errors.js", true) : "") +
      (modelTypes.length ? importStatement(modelTypes, "./models.js", true) : ""),
    ...functions,
  ].join("\n");
}

/** Collects the named shapes a target reaches, and which lists and maps some member flattens. */
function reach(ctx: EmitContext, id: string, into: Set<string>, flattened: Set<string>): void {
  const shape = ctx.plan.model.shape(id);
  if (!["structure", "union", "list", "map"].includes(shape.type) || into.has(id)) return;
  into.add(id);
  for (const member of shape.members.values()) {
    if (hasTrait(member.traits, "smithy.api#xmlFlattened")) flattened.add(member.target);
    reach(ctx, member.target, into, flattened);
  }
  for (const member of [shape.member, shape.value]) if (member) reach(ctx, member.target, into, flattened);
}

function timestampFormat(ctx: EmitContext, member: MemberShape): string {
  return trait<string>(member.traits, "smithy.api#timestampFormat") ?? trait<string>(ctx.plan.model.shape(member.target).traits, "smithy.api#timestampFormat") ?? "date-time";
}

/** A model type's name, noted for import when it is one of models.ts's or the runtime's. */
function modelType(ctx: EmitContext, id: string, imports: Set<string>): string {
  const runtimeTypes = new Set<string>();
  const type = tsType(ctx, id, runtimeTypes);
  for (const name of runtimeTypes) imports.add(`type ${name}`);
  for (const name of modelTypesOf(ctx, id)) imports.add(`model:${name}`);
  return type;
}

// ---- serializers ----

/** The statement that writes `value` (of the member's target) at the form key `key` (a template literal). */
function writeValue(ctx: EmitContext, member: MemberShape, value: string, key: string, imports: Set<string>): string {
  const target = ctx.plan.model.shape(member.target);
  const flat = hasTrait(member.traits, "smithy.api#xmlFlattened") ? ", true" : "";
  switch (target.type) {
    case "structure":
    case "union":
      return `se_${ctx.name(target)}(${value}, form, \`${key}.\`);`;
    case "list":
    case "map":
      return `se_${ctx.name(target)}(${value}, form, \`${key}\`${flat});`;
    default:
      return `form.add(\`${key}\`, ${scalarText(ctx, target, member, value, imports)});`;
  }
}

/** The string form of a scalar value. */
function scalarText(ctx: EmitContext, target: Shape, member: MemberShape, value: string, imports: Set<string>): string {
  switch (target.type) {
    case "string":
    case "enum":
      return value;
    case "float":
    case "double":
      imports.add("formatFloat");
      return `formatFloat(${value})`;
    case "timestamp":
      imports.add("formatTimestamp");
      return `formatTimestamp(${value}, ${literal(timestampFormat(ctx, member))})`;
    case "blob":
      imports.add("formatBlob");
      return `formatBlob(${value})`;
    case "bigDecimal":
      return `${value}.string`;
    default:
      return `String(${value})`;
  }
}

function serializer(ctx: EmitContext, shape: Shape, flattenable: boolean, imports: Set<string>): string {
  imports.add("QueryForm");
  const name = ctx.name(shape);
  const type = modelType(ctx, shape.id, imports);
  if (shape.type === "structure" || shape.type === "union") {
    // Required members first, then the rest, each in model order: the official SDK's order, so that bodies, and
    // with them signatures, match byte for byte.
    const members = [...shape.members];
    const ordered = [...members.filter(([, m]) => isRequired(m)), ...members.filter(([, m]) => !isRequired(m))];
    const lines = ordered.map(([memberName, member]) => {
      const value = property("input", memberName);
      const key = `\${prefix}${wireName(memberName, member)}`;
      if (hasTrait(member.traits, "smithy.api#idempotencyToken")) {
        imports.add("idempotencyToken");
        return `  form.add(\`${key}\`, ${value} ?? idempotencyToken());\n`;
      }
      // A union's `in` check picks its variant, for the type checker as for the reader.
      const variant = shape.type === "union" ? `${literal(memberName)} in input && ` : "";
      return `  if (${variant}${value} != null) ${writeValue(ctx, member, value, key, imports)}\n`;
    });
    const prefixParam = lines.length ? "prefix" : "_prefix";
    return (
      `export function se_${name}(${lines.length ? "input" : "_input"}: ${type}, ${lines.length ? "form" : "_form"}: QueryForm, ${prefixParam} = ""): void {\n` +
      lines.join("") +
      `}\n`
    );
  }
  const flatParam = flattenable ? ", flattened = false" : "";
  // A sparse list or map skips its nulls, which awsQuery cannot send, without leaving a gap in the numbering.
  const sparse = hasTrait(shape.traits, "smithy.api#sparse");
  if (shape.type === "list") {
    const member = shape.member!;
    const memberName = trait<string>(member.traits, "smithy.api#xmlName") ?? "member";
    const items = flattenable ? `const items = flattened ? name : \`\${name}.${memberName}\`;\n  ` : "";
    const itemsKey = flattenable ? "${items}" : `\${name}.${memberName}`;
    const loop = sparse
      ? `let position = 0;\n  for (const item of input) {\n    if (item != null) ${writeValue(ctx, member, "item", `${itemsKey}.\${++position}`, imports)}\n  }\n`
      : `input.forEach((item, i) => {\n    ${writeValue(ctx, member, "item", `${itemsKey}.\${i + 1}`, imports)}\n  });\n`;
    return (
      `export function se_${name}(input: ${type}, form: QueryForm, name: string${flatParam}): void {\n` +
      `  if (input.length === 0) {\n    form.add(name, "");\n    return;\n  }\n` +
      `  ${items}${loop}}\n`
    );
  }
  // map
  const keyName = trait<string>(shape.key!.traits, "smithy.api#xmlName") ?? "key";
  const valueName = trait<string>(shape.value!.traits, "smithy.api#xmlName") ?? "value";
  const entries = flattenable ? `const entries = flattened ? name : \`\${name}.entry\`;\n  ` : "";
  const entriesKey = flattenable ? "${entries}" : "${name}.entry";
  const writeEntry = (position: string) =>
    `form.add(\`${entriesKey}.${position}.${keyName}\`, key);\n    ` +
    writeValue(ctx, shape.value!, "value", `${entriesKey}.${position}.${valueName}`, imports);
  const loop = sparse
    ? `let position = 0;\n  for (const [key, value] of Object.entries(input)) {\n    if (value == null) continue;\n    position++;\n    ${writeEntry("${position}")}\n  }\n`
    : `Object.entries(input).forEach(([key, value], i) => {\n    ${writeEntry("${i + 1}")}\n  });\n`;
  return `export function se_${name}(input: ${type}, form: QueryForm, name: string${flatParam}): void {\n  ${entries}${loop}}\n`;
}

// ---- deserializers ----

/** The expression that reads `value` (an XmlValue) as the member's target. */
function readValue(ctx: EmitContext, member: MemberShape, value: string, imports: Set<string>): string {
  const target = ctx.plan.model.shape(member.target);
  const text = () => {
    imports.add("xmlText");
    return `xmlText(${value})`;
  };
  const parse = (fn: string, ...args: string[]) => {
    imports.add(fn);
    return `${fn}(${[text(), ...args].join(", ")})`;
  };
  switch (target.type) {
    case "structure":
    case "union":
      imports.add("xmlChildren");
      return `de_${ctx.name(target)}(xmlChildren(${value}))`;
    case "list":
    case "map":
      return `de_${ctx.name(target)}(${value}${hasTrait(member.traits, "smithy.api#xmlFlattened") ? ", true" : ""})`;
    case "string":
    case "enum":
      return isEnum(target) ? `${text()} as ${modelType(ctx, target.id, imports)}` : text();
    case "boolean":
      return parse("parseBoolean");
    case "byte":
    case "short":
    case "integer":
    case "long":
      return parse("parseInteger");
    case "intEnum":
      return `${parse("parseInteger")} as ${modelType(ctx, target.id, imports)}`;
    case "float":
    case "double":
      return parse("parseFloatValue");
    case "bigInteger":
      return parse("parseBigInteger");
    case "bigDecimal":
      return parse("parseBigDecimal");
    case "timestamp":
      return parse("parseTimestamp", literal(timestampFormat(ctx, member)));
    case "blob":
      return parse("parseBlob");
    default:
      throw new Error(`${target.id}: awsQuery cannot receive a ${target.type}`);
  }
}

/** Switch cases reading members by their element name, or `@name` for an `@xmlAttribute` member. */
function memberCases(ctx: EmitContext, members: Iterable<[string, MemberShape]>, assign: (name: string, read: string) => string, imports: Set<string>): string {
  let cases = "";
  for (const [memberName, member] of members) {
    const key = (hasTrait(member.traits, "smithy.api#xmlAttribute") ? "@" : "") + wireName(memberName, member);
    cases += `      case ${literal(key)}:\n        ${assign(memberName, readValue(ctx, member, "value", imports))}\n`;
  }
  return cases;
}

function deserializer(ctx: EmitContext, shape: Shape, flattenable: boolean, imports: Set<string>): string {
  const name = ctx.name(shape);
  const type = modelType(ctx, shape.id, imports);
  if (shape.type === "structure") {
    imports.add("type XmlElement");
    if (shape.members.size === 0) return `export function de_${name}(_element: XmlElement): ${type} {\n  return {};\n}\n`;
    const cases = memberCases(ctx, shape.members, (member, read) => `${property("output", member)} = ${read};\n        break;`, imports);
    return (
      `export function de_${name}(element: XmlElement): ${type} {\n` +
      `  const output = {} as ${type};\n` +
      `  for (const [name, value] of Object.entries(element)) {\n    switch (name) {\n${cases}    }\n  }\n` +
      `  return output;\n}\n`
    );
  }
  if (shape.type === "union") {
    imports.add("type XmlElement");
    const cases = memberCases(ctx, shape.members, (member, read) => `return { ${member}: ${read} };`, imports);
    return (
      `export function de_${name}(element: XmlElement): ${type} {\n` +
      `  for (const [name, value] of Object.entries(element)) {\n    switch (name) {\n${cases}    }\n  }\n` +
      `  const [unknown] = Object.entries(element).filter(([name]) => !name.startsWith("#") && !name.startsWith("@"));\n` +
      `  return { $unknown: unknown ?? ["", undefined] };\n}\n`
    );
  }
  imports.add("type XmlValue");
  imports.add("xmlItems");
  imports.add("xmlChild");
  imports.add("xmlChildren");
  const flatParam = flattenable ? ", flattened = false" : "";
  if (shape.type === "list") {
    const member = shape.member!;
    const memberName = trait<string>(member.traits, "smithy.api#xmlName") ?? "member";
    const wrapped = `xmlItems(xmlChild(xmlChildren(value), ${literal(memberName)}))`;
    const items = flattenable ? `const items = flattened ? xmlItems(value) : ${wrapped};\n  return items` : `return ${wrapped}`;
    return (
      `export function de_${name}(value: XmlValue${flatParam}): ${type} {\n` +
      `  ${items}.map((item) => ${readValue(ctx, member, "item", imports)});\n}\n`
    );
  }
  imports.add("putEntry");
  const keyName = trait<string>(shape.key!.traits, "smithy.api#xmlName") ?? "key";
  const valueName = trait<string>(shape.value!.traits, "smithy.api#xmlName") ?? "value";
  const wrapped = `xmlItems(xmlChild(xmlChildren(value), "entry"))`;
  const entries = flattenable ? `flattened ? xmlItems(value) : ${wrapped}` : wrapped;
  imports.add("xmlText");
  return (
    `export function de_${name}(value: XmlValue${flatParam}): ${type} {\n` +
    `  const output: ${type} = {};\n` +
    `  for (const entry of ${entries}) {\n` +
    `    const fields = xmlChildren(entry);\n` +
    `    const key = xmlChild(fields, ${literal(keyName)});\n` +
    `    const item = xmlChild(fields, ${literal(valueName)});\n` +
    `    if (key !== undefined && item !== undefined) putEntry(output, xmlText(key), ${readValue(ctx, shape.value!, "item", imports)});\n` +
    `  }\n  return output;\n}\n`
  );
}

function errorDeserializer(ctx: EmitContext, shape: Shape, imports: Set<string>): string {
  imports.add("type XmlElement");
  const name = ctx.name(shape);
  const members = exceptionMembers(shape);
  const fields = members.map(([member]) => literal(member)).join(" | ");
  const cases = memberCases(ctx, members, (member, read) => `${property("output", member)} = ${read};\n        break;`, imports);
  return (
    `export function de_${name}(element: XmlElement): Pick<${name}, ${fields}> {\n` +
    `  const output: Pick<${name}, ${fields}> = {};\n` +
    `  for (const [name, value] of Object.entries(element)) {\n    switch (name) {\n${cases}    }\n  }\n` +
    `  return output;\n}\n`
  );
}
