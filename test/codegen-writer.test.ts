// The writer every emitter builds on (codegen/emit/writer.ts): the layout of what it writes, as given/want tables.
import { describe, expect, it } from "vitest";
import { ModuleWriter, WIDTH, wrap } from "../codegen/emit/writer.js";

const HEADER = "// header";

/** The file a writer makes, without its header line and the blank line after it. */
function written(write: (w: ModuleWriter) => void): string {
  const w = new ModuleWriter(HEADER);
  write(w);
  return w.toString().slice(HEADER.length + 2);
}

describe("lines and blocks", () => {
  it.each([
    {
      name: "a block indents its body by two spaces and closes it",
      write: (w: ModuleWriter) => w.block("function f()", () => w.block("if (x)", () => w.line("return 1;"))),
      want: "function f() {\n  if (x) {\n    return 1;\n  }\n}\n",
    },
    { name: "a block without a head is a bare block", write: (w: ModuleWriter) => w.block("", () => w.line("a;")), want: "{\n  a;\n}\n" },
    { name: "a block closes with what it is told", write: (w: ModuleWriter) => w.block("const x =", () => w.line("a: 1,"), "} as const;"), want: "const x = {\n  a: 1,\n} as const;\n" },
    {
      name: "blank lines: one between declarations, none after an opening brace, none doubled, none at the ends",
      write: (w: ModuleWriter) => {
        w.blank();
        w.line("a;").blank().blank().line("b;");
        w.block("c", () => w.blank().line("d;"));
        w.blank();
      },
      want: "a;\n\nb;\nc {\n  d;\n}\n",
    },
  ])("$name", ({ write, want }) => {
    expect(written(write)).toBe(want);
  });
});

describe("lists and objects: one line when it fits, else an item a line", () => {
  const long = Array.from({ length: 12 }, (_, i) => `member${i}: value${i}`);
  it.each([
    { name: "an empty object is {} on its line", write: (w: ModuleWriter) => w.object("errors: ", [], ","), want: "errors: {},\n" },
    { name: "a short object stays on one line", write: (w: ModuleWriter) => w.object("return ", ["url: u", "signingRegion: r"], ";"), want: "return { url: u, signingRegion: r };\n" },
    { name: "a long object breaks, a trailing comma on each member", write: (w: ModuleWriter) => w.object("x = ", long, ";"), want: `x = {\n${long.map((item) => `  ${item},\n`).join("")}};\n` },
    {
      name: "a long condition breaks with its operator at line ends and no trailing one",
      write: (w: ModuleWriter) => w.list("if (", long, ") {", { separator: " ||", trailing: false, padding: "" }),
      want: `if (\n${long.map((item, i) => `  ${item}${i < long.length - 1 ? " ||" : ""}\n`).join("")}) {\n`,
    },
    { name: "a short condition stays on one line", write: (w: ModuleWriter) => w.list("if (", ["a", "b"], ") {", { separator: " ||", trailing: false, padding: "" }), want: "if (a || b) {\n" },
  ])("$name", ({ write, want }) => {
    expect(written(write)).toBe(want);
  });

  it("breaks at the one width, counting the indentation", () => {
    const items = ["a".repeat(WIDTH - 10)];
    expect(written((w) => w.object("x = ", items, ";"))).toBe(`x = { ${items[0]} };\n`);
    expect(written((w) => w.block("f()", () => w.object("x = ", items, ";")))).toBe(`f() {\n  x = {\n    ${items[0]},\n  };\n}\n`);
  });
});

describe("imports: collected as used, emitted sorted", () => {
  it.each([
    {
      name: "packages before paths, each module once, names sorted",
      write: (w: ModuleWriter) => {
        w.import("./b.js", "zeta");
        w.import("pkg", "B");
        w.import("./a.js", "x");
        w.import("./b.js", "alpha");
        w.import("./b.js", "zeta");
      },
      want: 'import { B } from "pkg";\nimport { x } from "./a.js";\nimport { alpha, zeta } from "./b.js";\n',
    },
    {
      name: "type-only names: `import type` when all are, else marked one by one; a value use wins",
      write: (w: ModuleWriter) => {
        w.importType("./types.js", "A");
        w.importType("./types.js", "B");
        w.importType("./mixed.js", "T");
        w.import("./mixed.js", "v");
        w.importType("./won.js", "C");
        w.import("./won.js", "C");
      },
      want: 'import { type T, v } from "./mixed.js";\nimport type { A, B } from "./types.js";\nimport { C } from "./won.js";\n',
    },
    {
      name: "an import past the width takes a name a line",
      write: (w: ModuleWriter) => Array.from({ length: 8 }, (_, i) => w.import("./models.js", `SomeLongTypeName${i}`)),
      want: `import {\n${Array.from({ length: 8 }, (_, i) => `  SomeLongTypeName${i},\n`).join("")}} from "./models.js";\n`,
    },
  ])("$name", ({ write, want }) => {
    expect(written(write)).toBe(want);
  });

  it("come after the header and before the body, a blank line between each", () => {
    const w = new ModuleWriter(HEADER);
    w.line(`${w.import("rt", "f")}();`);
    expect(w.toString()).toBe(`${HEADER}\n\nimport { f } from "rt";\n\nf();\n`);
  });
});

describe("comments: wrapped at the width", () => {
  const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
  it.each([
    { name: "a short TSDoc stays on one line", write: (w: ModuleWriter) => w.doc(["Says what."]), want: "/** Says what. */\n" },
    { name: "a tag alone is a one-line TSDoc", write: (w: ModuleWriter) => w.doc([], ["@public"]), want: "/** @public */\n" },
    {
      name: "paragraphs, then tags kept line by line",
      write: (w: ModuleWriter) => w.doc(["One.", "Two."], ["@example\n```ts\nx();\n```", "@public"]),
      want: "/**\n * One.\n *\n * Two.\n *\n * @example\n * ```ts\n * x();\n * ```\n * @public\n */\n",
    },
    { name: "nothing to say writes nothing", write: (w: ModuleWriter) => w.doc([]), want: "" },
    {
      name: "a `//` comment wraps at the width, counting its indentation",
      write: (w: ModuleWriter) => w.block("f()", () => w.comment(words)),
      want: `f() {\n${wrap(words, WIDTH - 5).map((line) => `  // ${line}\n`).join("")}}\n`,
    },
  ])("$name", ({ write, want }) => {
    expect(written(write)).toBe(want);
  });

  it("wrap fills each line up to the width, and a word longer than it stands alone", () => {
    expect(wrap("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
    expect(wrap("a verylongword b", 5)).toEqual(["a", "verylongword", "b"]);
    expect(wrap("one\n\ntwo", 20)).toEqual(["one", "", "two"]);
    for (const line of wrap(words, 50)) expect(line.length).toBeLessThanOrEqual(50);
  });
});
