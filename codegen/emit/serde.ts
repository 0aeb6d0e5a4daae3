import { hasTrait, trait, type MemberShape, type Shape } from "../model/model.js";
import { exceptionProperty, isInherited, literal, memberProperty, property, propertyKey } from "../model/names.js";
import { TRAIT } from "../model/traits.js";
import { fileWriter, type EmitContext } from "./context.js";
import { exceptionMembers } from "./errors.js";
import { isEnum, isRequired, tsType, wireName } from "./types.js";
import type { ModuleWriter } from "./writer.js";

const MODELS = "./models.js";

/**
 * serde.ts: one `se_` function per shape an input reaches, writing awsQuery form pairs, and one `de_` function
 * per shape an output or error reaches, reading the parsed XML. Scalars are written inline.
 */
export function emitSerde(ctx: EmitContext): string {
  const { plan } = ctx;
  const w = fileWriter(ctx);
  const serde = new Serde(ctx, w);
  const aggregates = plan.shapes.filter((shape) => ["structure", "union", "list", "map"].includes(shape.type));
  for (const shape of aggregates) if (plan.inputShapes.has(shape.id)) serde.serializer(shape);
  for (const shape of aggregates) if (plan.outputShapes.has(shape.id) || plan.errorShapes.has(shape.id)) serde.deserializer(shape);
  for (const error of plan.errors) if (exceptionMembers(error).length > 0) serde.errorDeserializer(error);
  return w.toString();
}

class Serde {
  private readonly runtime: string;

  constructor(
    private readonly ctx: EmitContext,
    private readonly w: ModuleWriter,
  ) {
    this.runtime = ctx.runtime(0);
  }

  private type(id: string): string {
    return tsType(this.ctx, this.w, id, MODELS);
  }

  private use(name: string): string {
    return this.w.import(this.runtime, name);
  }

  private flattenable(shape: Shape): boolean {
    return this.ctx.plan.flattened.has(shape.id);
  }

  // ---- serializers ----

  serializer(shape: Shape): void {
    const { w } = this;
    const name = this.ctx.name(shape);
    const type = this.type(shape.id);
    const form = this.use("QueryForm");
    w.blank();
    if (shape.type === "structure" || shape.type === "union") {
      const signature = (used: boolean) => `export function se_${name}(${used ? "" : "_"}input: ${type}, ${used ? "" : "_"}form: ${form}, ${used ? "" : "_"}prefix = ""): void`;
      if (shape.members.size === 0) {
        w.line(`${signature(false)} {}`);
        return;
      }
      // Required members first, then the rest, each in model order: the official SDK's order, so that bodies, and
      // with them signatures, match byte for byte.
      const members = [...shape.members];
      const ordered = [...members.filter(([, m]) => isRequired(m)), ...members.filter(([, m]) => !isRequired(m))];
      w.block(signature(true), () => {
        for (const [memberName, member] of ordered) {
          const key = memberProperty(memberName);
          const value = property("input", key);
          const formKey = `\${prefix}${wireName(memberName, member)}`;
          // A name every object has (`toString`) is the member's only when the input sets it.
          const own = isInherited(key) ? `Object.hasOwn(input, ${literal(key)}) && ` : "";
          if (hasTrait(member.traits, TRAIT.idempotencyToken)) {
            const given = own ? `(${own}${value} != null ? ${value} : undefined)` : value;
            w.line(`form.add(\`${formKey}\`, ${given} ?? ${this.use("idempotencyToken")}());`);
            continue;
          }
          // A union's `in` check picks its variant, for the type checker as for the reader.
          const variant = shape.type === "union" ? `${literal(key)} in input && ` : "";
          w.line(`if (${variant}${own}${value} != null) ${this.writeValue(member, value, formKey)}`);
        }
      });
      return;
    }
    const flatParam = this.flattenable(shape) ? ", flattened = false" : "";
    // A sparse list or map skips its nulls, which awsQuery cannot send, without leaving a gap in the numbering.
    const sparse = hasTrait(shape.traits, TRAIT.sparse);
    w.block(`export function se_${name}(input: ${type}, form: ${form}, name: string${flatParam}): void`, () => {
      if (shape.type === "list") {
        const member = shape.member!;
        w.block("if (input.length === 0)", () => {
          w.line(`form.add(name, "");`);
          w.line("return;");
        });
        const items = this.wrapper("items", `\${name}.${trait<string>(member.traits, TRAIT.xmlName) ?? "member"}`, shape);
        if (sparse) {
          w.line("let position = 0;");
          w.block("for (const item of input)", () => w.line(`if (item != null) ${this.writeValue(member, "item", `${items}.\${++position}`)}`));
        } else {
          w.block("input.forEach((item, i) =>", () => w.line(this.writeValue(member, "item", `${items}.\${i + 1}`)), "});");
        }
        return;
      }
      const keyName = trait<string>(shape.key!.traits, TRAIT.xmlName) ?? "key";
      const valueName = trait<string>(shape.value!.traits, TRAIT.xmlName) ?? "value";
      const entries = this.wrapper("entries", "${name}.entry", shape);
      const writeEntry = (position: string) => {
        w.line(`form.add(\`${entries}.${position}.${keyName}\`, key);`);
        w.line(this.writeValue(shape.value!, "value", `${entries}.${position}.${valueName}`));
      };
      if (sparse) {
        w.line("let position = 0;");
        w.block("for (const [key, value] of Object.entries(input))", () => {
          w.line("if (value == null) continue;");
          w.line("position++;");
          writeEntry("${position}");
        });
      } else {
        w.block("Object.entries(input).forEach(([key, value], i) =>", () => writeEntry("${i + 1}"), "});");
      }
    });
  }

  /** The template text of a list's or map's item keys: a local when the list may be flattened, else the wrapped key. */
  private wrapper(local: string, wrapped: string, shape: Shape): string {
    if (!this.flattenable(shape)) return wrapped;
    this.w.line(`const ${local} = flattened ? name : \`${wrapped}\`;`);
    return `\${${local}}`;
  }

  /** The statement that writes `value` (of the member's target) at the form key `key` (a template literal's text). */
  private writeValue(member: MemberShape, value: string, key: string): string {
    const target = this.ctx.plan.model.shape(member.target);
    const flat = hasTrait(member.traits, TRAIT.xmlFlattened) ? ", true" : "";
    switch (target.type) {
      case "structure":
      case "union":
        return `se_${this.ctx.name(target)}(${value}, form, \`${key}.\`);`;
      case "list":
      case "map":
        return `se_${this.ctx.name(target)}(${value}, form, \`${key}\`${flat});`;
      default:
        return `form.add(\`${key}\`, ${this.scalarText(target, member, value)});`;
    }
  }

  /** The string form of a scalar value. */
  private scalarText(target: Shape, member: MemberShape, value: string): string {
    switch (target.type) {
      case "string":
      case "enum":
        return value;
      case "float":
      case "double":
        return `${this.use("formatFloat")}(${value})`;
      case "timestamp":
        return `${this.use("formatTimestamp")}(${value}, ${literal(this.timestampFormat(member))})`;
      case "blob":
        return `${this.use("formatBlob")}(${value})`;
      case "bigDecimal":
        return `${value}.string`;
      default:
        return `String(${value})`;
    }
  }

  private timestampFormat(member: MemberShape): string {
    const target = this.ctx.plan.model.shape(member.target);
    return trait<string>(member.traits, TRAIT.timestampFormat) ?? trait<string>(target.traits, TRAIT.timestampFormat) ?? "date-time";
  }

  // ---- deserializers ----

  deserializer(shape: Shape): void {
    const { w } = this;
    const name = this.ctx.name(shape);
    const type = this.type(shape.id);
    w.blank();
    if (shape.type === "structure" || shape.type === "union") {
      const element = this.w.importType(this.runtime, "XmlElement");
      if (shape.type === "structure" && shape.members.size === 0) {
        w.block(`export function de_${name}(_element: ${element}): ${type}`, () => w.line("return {};"));
        return;
      }
      w.block(`export function de_${name}(element: ${element}): ${type}`, () => {
        if (shape.type === "structure") {
          w.line(`const output = {} as ${type};`);
          this.memberSwitch(shape.members, (member, read) => [`${property("output", memberProperty(member))} = ${read};`, "break;"]);
          this.returnWithRequired(shape);
          return;
        }
        this.memberSwitch(shape.members, (member, read) => [`return { ${propertyKey(memberProperty(member))}: ${read} };`]);
        w.line(`const [unknown] = Object.entries(element).filter(([name]) => !name.startsWith("#") && !name.startsWith("@"));`);
        w.line(`return { $unknown: unknown ?? ["", undefined] };`);
      });
      return;
    }
    const value = this.w.importType(this.runtime, "XmlValue");
    const [items, child, children] = [this.use("xmlItems"), this.use("xmlChild"), this.use("xmlChildren")];
    const flatParam = this.flattenable(shape) ? ", flattened = false" : "";
    const wrapped = (element: string) => `${items}(${child}(${children}(value), ${literal(localName(element))}))`;
    const entries = (element: string) => (this.flattenable(shape) ? `flattened ? ${items}(value) : ${wrapped(element)}` : wrapped(element));
    w.block(`export function de_${name}(value: ${value}${flatParam}): ${type}`, () => {
      if (shape.type === "list") {
        const member = shape.member!;
        const list = entries(trait<string>(member.traits, TRAIT.xmlName) ?? "member");
        w.line(`return ${this.flattenable(shape) ? `(${list})` : list}.map((item) => ${this.readValue(member, "item")});`);
        return;
      }
      const keyName = trait<string>(shape.key!.traits, TRAIT.xmlName) ?? "key";
      const valueName = trait<string>(shape.value!.traits, TRAIT.xmlName) ?? "value";
      w.line(`const output: ${type} = {};`);
      w.block(`for (const entry of ${entries("entry")})`, () => {
        w.line(`const fields = ${children}(entry);`);
        w.line(`const key = ${child}(fields, ${literal(localName(keyName))});`);
        w.line(`const item = ${child}(fields, ${literal(localName(valueName))});`);
        const put = `${this.use("putEntry")}(output, ${this.use("xmlText")}(key), ${this.readValue(shape.value!, "item")})`;
        w.line(`if (key !== undefined && item !== undefined) ${put};`);
      });
      w.line("return output;");
    });
  }

  errorDeserializer(shape: Shape): void {
    const { w } = this;
    const name = w.importType("./errors.js", this.ctx.name(shape));
    const members = exceptionMembers(shape);
    const type = `Pick<${name}, ${members.map(([member]) => literal(exceptionProperty(member))).join(" | ")}>`;
    w.blank();
    w.block(`export function de_${name}(element: ${w.importType(this.runtime, "XmlElement")}): ${type}`, () => {
      w.line(`const output: ${type} = {};`);
      this.memberSwitch(members, (member, read) => [`${property("output", exceptionProperty(member))} = ${read};`, "break;"]);
      w.line("return output;");
    });
  }

  /**
   * The end of a structure's deserializer. Members the model requires (and does not mark `@clientOptional` or give a
   * `@default`) are always there: an absent list or map is an empty one, since on the wire the two say the same (a
   * flattened list with no items has no element at all); any other absent one is an error, since no value could
   * stand in for a missing secret, id or date without passing off a wrong one.
   */
  private returnWithRequired(shape: Shape): void {
    const { w } = this;
    const required = [...shape.members].filter(([, member]) => isRequiredInResponses(member));
    const isCollection = (member: MemberShape) => ["list", "map"].includes(this.ctx.plan.model.shape(member.target).type);
    const collections = required.filter(([, member]) => isCollection(member));
    if (collections.length > 0) w.comment("Required: empty when the response leaves it out.");
    for (const [memberName, member] of collections) {
      w.line(`${property("output", memberProperty(memberName))} ??= ${this.ctx.plan.model.shape(member.target).type === "list" ? "[]" : "{}"};`);
    }
    const values = required.filter(([, member]) => !isCollection(member)).map(([memberName]) => literal(memberProperty(memberName)));
    if (values.length === 0) w.line("return output;");
    else w.line(`return ${this.use("requireMembers")}(output, ${literal(this.ctx.name(shape))}, [${values.join(", ")}]);`);
  }

  /**
   * A loop over an element's children with a case per member, by element name (`@name` for an `@xmlAttribute`). By
   * its keys: Object.entries would make an array for each child as well, a third of a small structure's reading.
   */
  private memberSwitch(members: Iterable<[string, MemberShape]>, assign: (member: string, read: string) => string[]): void {
    const { w } = this;
    w.block("for (const name of Object.keys(element))", () => {
      w.line("const value = element[name]!;");
      w.block("switch (name)", () => {
        for (const [memberName, member] of members) {
          const key = (hasTrait(member.traits, TRAIT.xmlAttribute) ? "@" : "") + localName(wireName(memberName, member));
          w.line(`case ${literal(key)}:`);
          w.indented(() => assign(memberName, this.readValue(member, "value")).forEach((line) => w.line(line)));
        }
      });
    });
  }

  /** The expression that reads `value` (an XmlValue) as the member's target. */
  private readValue(member: MemberShape, value: string): string {
    const target = this.ctx.plan.model.shape(member.target);
    const text = () => `${this.use("xmlText")}(${value})`;
    const parse = (fn: string, ...args: string[]) => `${this.use(fn)}(${[text(), ...args].join(", ")})`;
    switch (target.type) {
      case "structure":
      case "union":
        return `de_${this.ctx.name(target)}(${this.use("xmlChildren")}(${value}))`;
      case "list":
      case "map":
        return `de_${this.ctx.name(target)}(${value}${hasTrait(member.traits, TRAIT.xmlFlattened) ? ", true" : ""})`;
      case "string":
      case "enum":
        return isEnum(target) ? `${text()} as ${this.type(target.id)}` : text();
      case "boolean":
        return parse("parseBoolean");
      case "byte":
      case "short":
      case "integer":
      case "long":
        return parse("parseInteger");
      case "intEnum":
        return `${parse("parseInteger")} as ${this.type(target.id)}`;
      case "float":
      case "double":
        return parse("parseFloatValue");
      case "bigInteger":
        return parse("parseBigInteger");
      case "bigDecimal":
        return parse("parseBigDecimal");
      case "timestamp":
        return parse("parseTimestamp", literal(this.timestampFormat(member)));
      case "blob":
        return parse("parseBlob");
      default:
        throw new Error(`${target.id}: awsQuery cannot receive a ${target.type}`);
    }
  }
}

/**
 * Whether a response must carry the member. `@clientOptional` asks clients to treat it as optional, and a member
 * with a `@default` has a meaning when absent.
 */
export function isRequiredInResponses(member: MemberShape): boolean {
  return isRequired(member) && !hasTrait(member.traits, TRAIT.clientOptional) && !hasTrait(member.traits, TRAIT.default);
}

/** The name a response is read by: the XML reader reads names without their namespace prefix (`sts:Account` as `Account`). */
function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}
