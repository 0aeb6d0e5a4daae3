/**
 * The writer every emitter builds its file on: it owns indentation, line breaks, blank lines between declarations,
 * comment wrapping and the import block, so emitters say what to write and never how to lay it out.
 */
import { compare } from "../model/names.js";

/** The line width of generated code: comments wrap at it, and lists (imports, conditions, objects) break past it. */
export const WIDTH = 120;

const INDENT = "  ";

interface ListOptions {
  /** Between items: "," for imports and objects, " ||" for conditions. */
  readonly separator?: string;
  /** Whether the broken form ends its last item with the separator too (as a comma does). */
  readonly trailing?: boolean;
  /** Inside the brackets on one line: " " for `{ a, b }`, "" for `(a || b)`. */
  readonly padding?: string;
}

export class ModuleWriter {
  private readonly out: string[] = [];
  private readonly imports = new Map<string, Map<string, boolean>>();
  private depth = 0;

  constructor(private readonly header: string) {}

  /** Notes `name` for the import block (a value import wins over a type-only one) and gives it back. */
  import(from: string, name: string, { type = false } = {}): string {
    let names = this.imports.get(from);
    if (names === undefined) this.imports.set(from, (names = new Map()));
    names.set(name, (names.get(name) ?? true) && type);
    return name;
  }

  importType(from: string, name: string): string {
    return this.import(from, name, { type: true });
  }

  line(text: string): this {
    this.out.push(text === "" ? "" : INDENT.repeat(this.depth) + text);
    return this;
  }

  /** A blank line, unless one is already there or a block has just opened. */
  blank(): this {
    const last = this.out.at(-1);
    if (last !== undefined && last !== "" && !last.endsWith("{") && !last.endsWith("(")) this.out.push("");
    return this;
  }

  /** `head {` (a bare `{` without a head), the body one level in, then `close`. */
  block(head: string, body: () => void, close = "}"): this {
    this.line(head ? `${head} {` : "{");
    this.indented(body);
    return this.line(close);
  }

  indented(body: () => void): this {
    this.depth++;
    body();
    this.depth--;
    return this;
  }

  /** `head` items `tail` on one line when it fits, else head, one item a line one level in, and tail. */
  list(head: string, items: readonly string[], tail: string, { separator = ",", trailing = true, padding = " " }: ListOptions = {}): this {
    if (items.length === 0) return this.line(`${head}${tail}`);
    const oneLine = `${head}${padding}${items.join(`${separator} `)}${padding}${tail}`;
    if (this.fits(oneLine)) return this.line(oneLine);
    this.line(head.trimEnd());
    this.indented(() => items.forEach((item, i) => this.line(i < items.length - 1 || trailing ? `${item}${separator}` : item)));
    return this.line(tail.trimStart());
  }

  /** An object literal: `{}` when empty, on one line when it fits, else a member a line. */
  object(head: string, entries: readonly string[], tail: string): this {
    return this.list(`${head}{`, entries, `}${tail}`);
  }

  /** Whether nothing has been written (imports aside). */
  isEmpty(): boolean {
    return this.out.length === 0;
  }

  /** Another writer's lines and imports, at the current depth: a section written apart and placed here. */
  append(other: ModuleWriter): this {
    for (const text of trimBlankLines(other.out)) this.out.push(text === "" ? "" : INDENT.repeat(this.depth) + text);
    for (const [from, names] of other.imports) for (const [name, type] of names) this.import(from, name, { type });
    return this;
  }

  /** Whether `text` fits on a line at the current depth. */
  fits(text: string): boolean {
    return INDENT.length * this.depth + text.length <= WIDTH;
  }

  /** A TSDoc comment of paragraphs (wrapped) and then tags (kept as they are, line by line); nothing when empty. */
  doc(paragraphs: readonly string[], tags: readonly string[] = []): this {
    const width = WIDTH - INDENT.length * this.depth - 3;
    const lines = paragraphs.flatMap((paragraph, i) => [...(i > 0 ? [""] : []), ...wrap(paragraph, width)]);
    const tagLines = tags.flatMap((tag) => tag.split("\n"));
    if (lines.length > 0 && tagLines.length > 0) lines.push("");
    lines.push(...tagLines);
    if (lines.length === 0) return this;
    if (lines.length === 1 && this.fits(`/** ${lines[0]} */`)) return this.line(`/** ${lines[0]} */`);
    this.line("/**");
    for (const text of lines) this.line(text ? ` * ${text}` : " *");
    return this.line(" */");
  }

  /** A `//` comment, wrapped. */
  comment(text: string): this {
    for (const line of wrap(text, WIDTH - INDENT.length * this.depth - 3)) this.line(`// ${line}`);
    return this;
  }

  /** The file: header, the imports (packages first, then paths; names sorted), a blank line, the body. */
  toString(): string {
    const froms = [...this.imports.keys()].sort((a, b) => compare(isPath(a) ? `1${a}` : `0${a}`, isPath(b) ? `1${b}` : `0${b}`));
    const importLines = new ModuleWriter("");
    for (const from of froms) {
      const names = [...this.imports.get(from)!].sort(([a], [b]) => compare(a, b));
      const allTypes = names.every(([, type]) => type);
      const items = names.map(([name, type]) => (type && !allTypes ? `type ${name}` : name));
      importLines.list(allTypes ? "import type {" : "import {", items, `} from ${JSON.stringify(from)};`);
    }
    const body = trimBlankLines(this.out);
    const sections = [this.header, importLines.out.join("\n"), body.join("\n")].filter(Boolean);
    return `${sections.join("\n\n")}\n`;
  }
}

/** Words into lines of at most `width` characters (a longer word stands alone); a blank line between paragraphs. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    if (lines.length > 0) lines.push("");
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

function isPath(specifier: string): boolean {
  return specifier.startsWith(".") || specifier.startsWith("/");
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}
