// keysmith's own XML reader (src/protocol/xml.ts): documents and the values they read as, documents it refuses, and a
// differential property against fast-xml-parser. fast-xml-parser is the reference oracle here (and only here, as a
// devDependency): the runtime used it, configured as `oracle` below, until it was replaced, and the generated
// deserializers rely on the value shapes it gave.
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { parseXmlDocument, XmlParseError, type XmlValue } from "../src/protocol/xml.js";

const figures = { agreed: 0 };
afterAll(() => console.log(`xml reader: ${figures.agreed} documents agree with fast-xml-parser`));

// The options and checks of src/protocol/xml.ts as it was before its own reader, verbatim, but for removeNSPrefix:
// names are read by their local part since, as botocore does.
const fxp = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  tagValueProcessor: (_name: string, value: string) => (value.trim() === "" && value.includes("\n") ? "" : undefined),
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: 64,
  removeNSPrefix: true,
});
function oracle(text: string): { name: string; value: XmlValue } {
  if (/<!DOCTYPE/i.test(text)) throw new Error("XML with a DOCTYPE is refused");
  const document = fxp.parse(text, true) as Record<string, XmlValue>;
  const names = Object.keys(document).filter((name) => !name.startsWith("#"));
  if (names.length !== 1) throw new Error(`expected one root element, found ${names.length}`);
  return { name: names[0]!, value: document[names[0]!]! };
}

/** The root's name and value as JSON, which keeps key order, so the comparisons below check that too. */
const json = ({ name, value }: { name: string; value: XmlValue }) => JSON.stringify({ name, value });

/** Every object in a parsed value has a null prototype, so no element or attribute name can reach Object.prototype. */
function allNullPrototypes(value: XmlValue): boolean {
  if (typeof value === "string") return true;
  if (Array.isArray(value)) return value.every(allNullPrototypes);
  return Object.getPrototypeOf(value) === null && Object.values(value).every(allNullPrototypes);
}

const nested = (depth: number, inner = "") => `${"<a>".repeat(depth)}${inner}${"</a>".repeat(depth)}`;

describe("documents and their values", () => {
  const cases: { given: string; want: XmlValue; name?: string }[] = [
    { given: "<a/>", want: "" },
    { given: "<a></a>", want: "" },
    { given: "<a>text</a>", want: "text" },
    { given: "<a>  a value's own spaces  </a>", want: "  a value's own spaces  " },
    { given: "<a>   </a>", want: "   " },
    { given: "<a>\n  </a>", want: "" },
    { given: "<a> \n x</a>", want: " \n x" },
    { given: "<a>a\r\nb\rc</a>", want: "a\nb\nc" },
    { given: "<a>\n  <b>1</b>\n  <c/>\n</a>", want: { b: "1", c: "" } },
    { given: "<a> <b>1</b> </a>", want: { b: "1", "#text": "  " } },
    { given: "<a>x<b/>\n<b>2</b>z</a>", want: { b: ["", "2"], "#text": "xz" } },
    { given: "<a><b>1</b><c/><b>2</b><b><d>3</d></b></a>", want: { b: ["1", "2", { d: "3" }], c: "" } },
    { given: '<a x="1"/>', want: { "@x": "1" } },
    { given: "<a x='1' y = \"2\">t</a>", want: { "#text": "t", "@x": "1", "@y": "2" } },
    { given: '<a x="1">\n</a>', want: { "@x": "1" } },
    { given: '<a x="1"><b/>t</a>', want: { b: "", "#text": "t", "@x": "1" } },
    { given: '<a x="1>2" y="&lt;&#65;&#x42;&quot;\'" z=\'"\' w="a\tb\nc"/>', want: { "@x": "1>2", "@y": "<AB\"'", "@z": '"', "@w": "a\tb\nc" } },
    { given: '<a xmlns="urn:x"><b/></a>', want: { b: "" } },
    { given: '<a xmlns="urn:x">1</a>', want: "1" },
    { given: '<s:a xmlns:s="urn:x" s:y="1"><s:b>2</s:b></s:a>', want: { b: "2", "@y": "1" } },
    { given: '<a xmlns:s="urn:x"><b><s:c>1</s:c></b><s:c>2</s:c></a>', want: { b: { c: "1" }, c: "2" } },
    { given: '<a><s:b xmlns:s="urn:x" s:y="1"/><t:b xmlns:t="urn:y">2</t:b></a>', want: { b: [{ "@y": "1" }, "2"] } },
    { given: '<a s:y="1" xmlns:s="urn:x"/>', want: { "@y": "1" } },
    { given: '<a xml:lang="en"/>', want: { "@lang": "en" } },
    { given: "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#0067;&#x1F600;</a>", want: "<>&'\"ABC😀" },
    { given: "<a>&amp;lt;</a>", want: "&lt;" },
    { given: "<a>&#10;&#x20;</a>", want: "" },
    { given: "<a>&#13;</a>", want: "\r" },
    { given: "<a><![CDATA[<b>&amp;</b>]]></a>", want: "<b>&amp;</b>" },
    { given: "<a>x<![CDATA[y]]>z</a>", want: "xyz" },
    { given: "<a>\n<![CDATA[ ]]>\n</a>", want: " " },
    { given: "<a><![CDATA[\n ]]></a>", want: "" },
    { given: "<a>x<!-- <b>not</b> -->y</a>", want: "xy" },
    { given: "<a>\n<!-- c -->x</a>", want: "\nx" },
    { given: "<a>\n<?pi data?>x</a>", want: "x" },
    { given: "<a>]]> and ></a>", want: "]]> and >" },
    { given: '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><?pi?><a/>\n<!-- c -->\n', want: "" },
    { given: "\uFEFF<a>é</a>", want: "é" },
    { given: "<a\n  x=\"1\"\n/>", want: { "@x": "1" } },
    { given: "<a >x</a\t>", want: "x" },
    { given: '<a-b.c_d:e·f xmlns:a-b.c_d="urn:x"/>', want: "", name: "e·f" },
    { given: '<a __proto__="x" constructor="y"/>', want: { "@__proto__": "x", "@constructor": "y" } },
    { given: nested(65), want: JSON.parse(`${'{"a":'.repeat(64)}""${"}".repeat(64)}`) },
    { given: nested(65, "<z/>"), want: JSON.parse(`${'{"a":'.repeat(64)}{"z":""}${"}".repeat(64)}`) },
  ];
  it.each(cases)("$given", ({ given, want, name }) => {
    const root = parseXmlDocument(given);
    expect(json(root)).toBe(json({ name: name ?? "a", value: want }));
    expect(allNullPrototypes(root.value)).toBe(true);
    expect(json(oracle(given))).toBe(json(root)); // every value above is also what fast-xml-parser read
  });

  it.each([
    { given: '<a xmlns="urn:x"><b xmlns="urn:y"/></a>', want: "urn:x" },
    { given: '<s:a xmlns:s="urn:x" xmlns="urn:y"/>', want: "urn:y" },
    { given: '<s:a xmlns:s="urn:x"/>', want: undefined },
    { given: "<a><b xmlns='urn:y'/></a>", want: undefined },
  ])("reports the root's default namespace, and no other: $given", ({ given, want }) => {
    expect(parseXmlDocument(given).namespace).toBe(want);
  });

  it("reads names of Object.prototype's members as ordinary keys of null-prototype objects", () => {
    // fast-xml-parser renamed these (hasOwnProperty became __hasOwnProperty); as null-prototype keys they are harmless.
    const root = parseXmlDocument("<a><hasOwnProperty>1</hasOwnProperty><toString>2</toString><valueOf/></a>");
    expect(json(root)).toBe(json({ name: "a", value: { hasOwnProperty: "1", toString: "2", valueOf: "" } }));
    expect(allNullPrototypes(root.value)).toBe(true);
  });
});

describe("documents refused with an XmlParseError", () => {
  const cases: { name: string; given: string; message?: RegExp }[] = [
    { name: "empty", given: "", message: /no root element/ },
    { name: "only whitespace and a comment", given: " \n<!-- c -->\n" },
    { name: "a DOCTYPE", given: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', message: /DOCTYPE is refused \(line 1, column 22\)/ },
    { name: "a lowercase doctype inside", given: "<a><!doctype a></a>", message: /DOCTYPE/ },
    { name: "an external entity", given: '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', message: /DOCTYPE/ },
    { name: "another markup declaration", given: "<a><!ELEMENT a ANY></a>" },
    { name: "an undefined entity", given: "<a>&e;</a>", message: /&e;/ },
    { name: "an HTML entity", given: "<a>&nbsp;</a>" },
    { name: "an undefined entity in an attribute", given: '<a x="&e;"/>' },
    { name: "a bare ampersand", given: "<a>fish & chips</a>", message: /'&'/ },
    { name: "a bare ampersand in an attribute", given: '<a x="a&b"/>' },
    { name: "an unterminated reference", given: "<a>&amp</a>" },
    { name: "&#0;", given: "<a>&#0;</a>" },
    { name: "a control character reference", given: "<a>&#1;</a>" },
    { name: "a surrogate reference", given: "<a>&#xD800;</a>" },
    { name: "a reference past U+10FFFF", given: "<a>&#x110000;</a>" },
    { name: "a huge decimal reference", given: `<a>&#${"9".repeat(400)};</a>` },
    { name: "U+FFFE", given: "<a>&#xFFFE;</a>" },
    { name: "an uppercase X in a reference", given: "<a>&#X41;</a>" },
    { name: "an empty character reference", given: "<a>&#x;</a>" },
    { name: "mismatched tags", given: "<a><b></a></b>", message: /expected <\/b>, found <\/a> \(line 1, column 7\)/ },
    { name: "a case mismatch", given: "<a></A>" },
    { name: "a closing tag with nothing open", given: "</a>" },
    { name: "an extra closing tag", given: "<a></a></a>" },
    { name: "unclosed", given: "<a><b/>", message: /truncated document: <a> is not closed/ },
    { name: "truncated in a start tag", given: "<a><b x" },
    { name: "truncated in a name", given: "<a><b" },
    { name: "truncated in an attribute value", given: '<a><b x="1' },
    { name: "truncated in a closing tag", given: "<a></a" },
    { name: "truncated in a comment", given: "<a><!-- c" },
    { name: "truncated in CDATA", given: "<a><![CDATA[x" },
    { name: "truncated in a PI", given: "<a><?pi" },
    { name: "a lone <", given: "<" },
    { name: "text after the root", given: "<a/>hello", message: /text after the root element \(line 1, column 5\)/ },
    { name: "text before the root", given: "hello<a/>" },
    { name: "CDATA after the root", given: "<a/><![CDATA[x]]>" },
    { name: "a second root", given: "<a/><a/>", message: /a second root element/ },
    { name: "a second, different root", given: "<a></a>\n<b/>" },
    { name: "one level too deep", given: nested(66), message: /nested deeper than 65/ },
    { name: "20,000 levels deep", given: nested(20_000) },
    { name: "'<' in an attribute value", given: '<a x="<"/>', message: /'<' in an attribute value/ },
    { name: "an unquoted attribute value", given: "<a x=1/>" },
    { name: "an attribute without a value", given: "<a x/>" },
    { name: "a repeated attribute", given: '<a x="1" x="2"/>', message: /repeated/ },
    { name: "attributes without whitespace between", given: '<a x="1"y="2"/>' },
    { name: "an attribute on a closing tag", given: '<a></a x="1">' },
    { name: "a space after <", given: "< a/>" },
    { name: "a name starting with a digit", given: "<1a/>", message: /invalid element name at "1"/ },
    { name: "a name starting with '-'", given: "<-a/>" },
    { name: "an invalid character in a name", given: "<a(b/>" },
    { name: "a #text element", given: "<a><#text>x</#text></a>" },
    { name: "an @ attribute name", given: '<a @x="1"/>' },
    { name: "a name outside the BMP", given: "<😀/>" },
    { name: "a slash before the space", given: "<a/ >" },
    { name: "an undeclared element prefix", given: "<a><sts:Account>1</sts:Account></a>", message: /the namespace prefix sts of sts:Account is not declared \(line 1, column 5\)/ },
    { name: "an undeclared attribute prefix", given: '<a s:y="1"/>', message: /prefix s of s:y is not declared/ },
    { name: "a prefix declared by a sibling", given: '<a><b xmlns:s="urn:x"/><s:c/></a>', message: /not declared/ },
    { name: "a prefix declared by a closed element", given: '<a><b xmlns:s="urn:x"></b><s:c/></a>', message: /not declared/ },
    { name: "two prefixes in a name", given: '<a xmlns:s="urn:x"><s:b:c/></a>', message: /not a qualified name/ },
    { name: "an empty prefix", given: "<:a/>", message: /not a qualified name/ },
    { name: "an empty local name", given: '<a xmlns:s="urn:x"><s:/></a>', message: /not a qualified name/ },
    { name: "an element in the xmlns prefix", given: '<a xmlns:s="urn:x"><xmlns:s/></a>', message: /xmlns only declares prefixes/ },
    { name: "an attribute and a prefixed one of the same local name", given: '<a xmlns:s="urn:x" y="1" s:y="2"/>', message: /attribute y is repeated/ },
    { name: "a repeated declaration", given: '<a xmlns:s="urn:x" xmlns:s="urn:y"/>', message: /attribute xmlns:s is repeated/ },
    { name: "an element named __proto__ behind a prefix", given: '<a xmlns:s="urn:x"><s:__proto__><polluted>yes</polluted></s:__proto__></a>', message: /__proto__ is refused/ },
    { name: "an element named __proto__", given: "<a><__proto__><polluted>yes</polluted></__proto__></a>", message: /__proto__ is refused/ },
    { name: "an element named constructor", given: "<a><constructor>1</constructor></a>" },
    { name: "an element named prototype", given: "<a><prototype>1</prototype></a>" },
    { name: "a root named __proto__", given: "<__proto__/>" },
    { name: "an XML declaration after whitespace", given: ' <?xml version="1.0"?><a/>' },
    { name: "an XML declaration inside", given: '<a><?xml version="1.0"?></a>' },
    { name: "a PI without a target", given: "<? x?><a/>" },
    { name: "an HTML page", given: "<!DOCTYPE html><html><body>captive portal</body></html>" },
    { name: "JSON", given: '{"message":"Forbidden"}' },
  ];
  it.each(cases)("$name", ({ given, message }) => {
    expect(() => parseXmlDocument(given)).toThrow(XmlParseError);
    if (message) expect(() => parseXmlDocument(given)).toThrow(message);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("counts lines and columns from the start of the document", () => {
    expect(() => parseXmlDocument("<a>\n  <b>\n  </c>\n</a>")).toThrow(/expected <\/b>, found <\/c> \(line 3, column 3\)/);
    expect(() => parseXmlDocument("<a>\r\n  &e;</a>")).toThrow(/\(line 2, column 3\)/);
  });

  it("takes time linear in the size of pathological input", () => {
    const size = 1_000_000;
    const inputs = [
      `<a>${"&".repeat(size)}</a>`,
      `<a>&a${"a".repeat(size)}</a>`,
      `<a x="${"&amp;".repeat(size / 5)}`,
      `<a ${Array.from({ length: size / 10 }, (_, i) => `x${i}="1"`).join(" ")}`,
      `<a ${Array.from({ length: size / 30 }, (_, i) => `xmlns:p${i}="u" p${i}:x="1"`).join(" ")}/>`,
      `<a xmlns:s="u">${"<s:b/>".repeat(size / 6)}</a>`,
      `<a>${"<!--".repeat(size / 4)}`,
      `<a>${"<![CDATA[".repeat(size / 9)}`,
      `<a>${"<?p".repeat(size / 3)}`,
      `<a>${"<b/>".repeat(size / 4)}`,
      `<a>${"]]>".repeat(size / 3)}`,
      "<".repeat(size),
      `<${"a".repeat(size)}`,
      nested(size / 7),
      `<a>${"\r\n".repeat(size / 2)}</a>`,
    ];
    for (const input of inputs) {
      const started = performance.now();
      try {
        parseXmlDocument(input);
      } catch (error) {
        expect(error).toBeInstanceOf(XmlParseError);
      }
      expect(performance.now() - started, input.slice(0, 20)).toBeLessThan(1_000);
    }
  });
});

// Random well-formed trees: names from a small pool, so children repeat, with a rare refused name; text made of
// whitespace, line ends, references, non-ASCII and markup characters; attributes; CDATA, comments and PIs inside.
type Content = { text: string } | { cdata: string } | { comment: string } | { pi: string } | Tree;
interface Tree {
  name: string;
  attributes: [string, string, string][]; // name, serialized value, quote
  content: Content[];
  selfClose: boolean;
  spacing: string; // whitespace before > or />
}

// Names fast-xml-parser renamed (see above) are left out; the refused ones are in, and both refuse them. The one
// prefix, s, is declared by every root (see documentParts): fast-xml-parser does not refuse undeclared ones.
const name = fc
  .oneof(
    { weight: 20, arbitrary: fc.constantFrom("a", "b", "member", "member", "s:Item", "x-y.z", "_", "é", "Ünïcödé", "n1") },
    { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype") },
  )
  .filter((n) => !["hasOwnProperty", "toString", "valueOf"].includes(n));
const attributeName = fc.constantFrom("x", "y", "xmlns", "xmlns:s", "s:x", "__proto__", "constructor", "hasOwnProperty", "a-b");
const references = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x42;", "&#10;", "&#x20;", "&#x1F600;", "&#233;", "&#9;"];
const textPiece = fc.oneof(
  fc.constantFrom(" ", "  ", "\n", "\n  ", " \n\t", "\r\n", "\r", "\t", "x", "Bob", "é", "😀", "漢字", ">", "]]>", "]", "'", '"', "\u00a0", "\u2028"),
  fc.constantFrom(...references),
  fc.string({ unit: "grapheme", maxLength: 6 }).map((s) => s.replace(/[<&]/g, "")),
);
const text = fc.array(textPiece, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(""));
const spacing = fc.constantFrom("", "", " ", "\n  ", "\t");

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; content: Content }>((tie) => ({
  tree: fc.record({
    name,
    attributes: fc.uniqueArray(
      fc.tuple(attributeName, text, fc.constantFrom('"', "'")).map(([n, value, quote]): [string, string, string] => [n, value.replaceAll(quote, quote === '"' ? "&quot;" : "&apos;"), quote]),
      { selector: ([n]) => n.slice(n.indexOf(":") + 1), maxLength: 3 }, // one attribute per local name
    ),
    content: fc.array(tie("content"), { maxLength: 5 }),
    selfClose: fc.boolean(),
    spacing,
  }),
  content: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text.map((t) => ({ text: t })),
    tie("tree"),
    tie("tree"),
    fc.string({ unit: "grapheme", maxLength: 8 }).map((s) => ({ cdata: s.replaceAll("]]>", "") })),
    fc.constantFrom(" c ", "", "<b>x</b>", "-").map((c) => ({ comment: c })),
    fc.constantFrom("pi", "pi data", "xml-stylesheet href='x'").map((pi) => ({ pi })),
  ),
})).tree;

function serialize(node: Tree): string {
  const attributes = node.attributes.map(([n, value, quote]) => ` ${n}=${quote}${value}${quote}`).join("");
  if (node.content.length === 0 && node.selfClose) return `<${node.name}${attributes}${node.spacing}/>`;
  const content = node.content
    .map((item) => {
      if ("text" in item) return item.text;
      if ("cdata" in item) return `<![CDATA[${item.cdata}]]>`;
      if ("comment" in item) return `<!--${item.comment}-->`;
      if ("pi" in item) return `<?${item.pi}?>`;
      return serialize(item);
    })
    .join("");
  return `<${node.name}${attributes}${node.spacing}>${content}</${node.name}${node.spacing}>`;
}

/** The tree with its root declaring the prefix s, unless it already does. */
const declaringS = (root: Tree): Tree => (root.attributes.some(([n]) => n === "xmlns:s") ? root : { ...root, attributes: [["xmlns:s", "urn:s", '"'], ...root.attributes] });

/** A document, and where its root element ends. */
const documentParts = fc
  .tuple(fc.constantFrom("", '<?xml version="1.0" encoding="UTF-8"?>\n', "\uFEFF", "<!-- before -->\n"), tree.map(declaringS), fc.constantFrom("", "\n", "\n<!-- after -->\n", "  "))
  .map(([before, root, after]) => ({ xml: `${before}${serialize(root)}${after}`, rootEnd: before.length + serialize(root).length }));
const document = documentParts.map(({ xml }) => xml);

function outcome(read: () => { name: string; value: XmlValue }): string {
  try {
    return json(read());
  } catch {
    return "refused";
  }
}

describe("agreement with fast-xml-parser", () => {
  it("random well-formed documents read the same as fast-xml-parser reads them", () => {
    fc.assert(
      fc.property(document, (xml) => {
        const ours = outcome(() => parseXmlDocument(xml));
        expect(ours).toBe(outcome(() => oracle(xml)));
        if (ours !== "refused") expect(allNullPrototypes(parseXmlDocument(xml).value)).toBe(true);
        figures.agreed++;
      }),
      { numRuns: 2_000 },
    );
  });

  it("every proper prefix of a document that cuts into its root is refused", () => {
    fc.assert(
      fc.property(documentParts, fc.nat(), ({ xml, rootEnd }, cut) => {
        const prefix = xml.slice(0, cut % rootEnd);
        expect(() => parseXmlDocument(prefix)).toThrow(XmlParseError);
      }),
      { numRuns: 500 },
    );
  });

  it("any string either reads or is refused with an XmlParseError, touching no prototype", () => {
    const markup = fc.constantFrom("<", ">", "/", "a", "b", "=", '"', "'", "&", ";", "#", "x", "!", "?", "-", "[", "]", " ", "\n", "__proto__", "CDATA", "DOCTYPE", "amp");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: markup, maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 })), (xml) => {
        try {
          expect(allNullPrototypes(parseXmlDocument(xml).value)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(XmlParseError);
        }
        expect(Object.prototype).not.toHaveProperty("polluted");
      }),
      { numRuns: 2_000 },
    );
  });
});
