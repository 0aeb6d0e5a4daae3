// An esbuild plugin for keysmith's pre-bundled builds (dist/esm, dist/bundler, dist/browser): it leaves out the parts
// of smithy's classes that keysmith never calls. A bundler drops unused functions and modules, but never a method of a
// class that is used: `Command` brings its schema code (NormalizedSchema) for the command builder and event streams
// that keysmith's commands do not use, and `SignatureV4` its event-stream header formatter and presigning. Each cut is
// named below with the reason it is safe; the build fails when smithy's code no longer has what a cut names, so that a
// smithy release that moves things is looked at again rather than shipped half cut.
import { readFileSync } from "node:fs";
import type { Plugin } from "esbuild";
import ts from "typescript";

export interface Cut {
  /** The end of the file's path under node_modules. */
  file: string;
  /** Class members removed, by name. */
  members?: string[];
  /** Calls marked pure, so that the class they build at import is dropped when unused. */
  pureCalls?: string[];
  /**
   * String enums as TypeScript compiles them (`var E; (function (E) { E["A"] = "A"; })(E || (E = {}));`), by name,
   * written as the object literal the function fills, which a bundler drops when unused (it keeps a call).
   */
  enumsAsObjects?: string[];
  why: string;
}

export const SMITHY_CUTS: readonly Cut[] = [
  {
    file: "@smithy/core/dist-es/submodules/client/smithy-client/command.js",
    members: ["classBuilder", "resolveMiddlewareWithContext"],
    why: "keysmith's commands are classes of their own whose resolveMiddleware runs their stack; smithy's builder and the resolver it uses read operation schemas, which keysmith's commands do not have",
  },
  {
    file: "@smithy/signature-v4/dist-es/SignatureV4.js",
    members: ["headerFormatter", "presign", "signEvent", "signMessage"],
    why: "keysmith signs requests (sign() with an HttpRequest, which goes to signRequest); it presigns no URL and signs no event stream",
  },
  {
    file: "@smithy/core/dist-es/submodules/client/util-waiter/waiter.js",
    enumsAsObjects: ["WaiterState"],
    why: "the waiters' states, an enum of smithy's that keysmith's pre-bundled builds share with clients that have no waiter; as an object literal it is left out of their bundles",
  },
  ...["index.js", "index.browser.js"].map((index) => ({
    file: `@smithy/core/dist-es/submodules/serde/${index}`,
    pureCalls: ["bindUint8ArrayBlobAdapter"],
    why: "the blob adapter of streaming payloads, which awsQuery does not have, is a class built by a call at import; the bundler cannot tell the call is pure",
  })),
];

/**
 * The cuts as an esbuild plugin. A member or a call that a cut names and its file no longer has fails the build; a cut
 * whose file the build never loads (smithy moved the code) is caught by the test of the builds' contents.
 */
export const withoutUnusedSmithyCode: Plugin = {
  name: "without-unused-smithy-code",
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]@smithy[\\/].*\.js$/ }, ({ path }) => {
      const cut = SMITHY_CUTS.find((candidate) => path.replaceAll("\\", "/").endsWith(`/node_modules/${candidate.file}`));
      if (cut === undefined) return undefined;
      return { contents: applyCut(readFileSync(path, "utf8"), cut), loader: "js" };
    });
  },
};

/** The file's text without the members the cut names, with its calls marked pure and its enums made objects. */
export function applyCut(text: string, cut: Cut): string {
  const source = ts.createSourceFile(cut.file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      for (const member of node.members) {
        const name = member.name?.getText(source);
        if (name !== undefined && cut.members?.includes(name)) {
          edits.push({ start: member.getFullStart(), end: member.getEnd(), text: "" });
          found.add(name);
        }
      }
    }
    const enumName = compiledEnumName(node, source);
    if (enumName !== undefined && cut.enumsAsObjects?.includes(enumName)) {
      const declaration = source.statements.find((statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => d.name.getText(source) === enumName && d.initializer === undefined));
      if (declaration === undefined) throw new Error(`${cut.file}: the enum ${enumName} has no declaration without a value`);
      const end = declaration.getEnd() - (declaration.getText(source).endsWith(";") ? 1 : 0);
      edits.push({ start: end, end, text: ` = ${enumObject(node as ts.ExpressionStatement, enumName, source)}` });
      edits.push({ start: node.getFullStart(), end: node.getEnd(), text: "" });
      found.add(enumName);
    }
    if (ts.isCallExpression(node) && cut.pureCalls?.includes(node.expression.getText(source))) {
      edits.push({ start: node.getStart(source), end: node.getStart(source), text: "/* @__PURE__ */ " });
      found.add(node.expression.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const missing = [...(cut.members ?? []), ...(cut.pureCalls ?? []), ...(cut.enumsAsObjects ?? [])].filter((name) => !found.has(name));
  if (missing.length > 0) throw new Error(`${cut.file} has no ${missing.join(", ")} any more: look at the cut again (${cut.why})`);
  let cutText = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) cutText = cutText.slice(0, edit.start) + edit.text + cutText.slice(edit.end);
  return cutText;
}

/** The enum a statement `(function (E) { … })(E || (E = {}));` fills, if it is one. */
function compiledEnumName(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (!ts.isExpressionStatement(node) || !ts.isCallExpression(node.expression)) return undefined;
  const { expression: callee, arguments: args } = node.expression;
  if (!ts.isParenthesizedExpression(callee) || !ts.isFunctionExpression(callee.expression) || callee.expression.parameters.length !== 1) return undefined;
  const name = callee.expression.parameters[0]!.name.getText(source);
  return args.length === 1 && args[0]!.getText(source).replace(/\s+/g, "") === `${name}||(${name}={})` ? name : undefined;
}

/** The object literal a compiled string enum's function makes: each `E["K"] = "V";`, else the build fails. */
function enumObject(statement: ts.ExpressionStatement, name: string, source: ts.SourceFile): string {
  const body = ((statement.expression as ts.CallExpression).expression as ts.ParenthesizedExpression).expression as ts.FunctionExpression;
  const entries = body.body.statements.map((member) => {
    const assignment = ts.isExpressionStatement(member) && ts.isBinaryExpression(member.expression) ? member.expression : undefined;
    const target = assignment?.left;
    if (assignment === undefined || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isStringLiteral(assignment.right) || target === undefined || !ts.isElementAccessExpression(target) || target.expression.getText(source) !== name || !ts.isStringLiteral(target.argumentExpression)) {
      throw new Error(`the enum ${name} is not a string enum as TypeScript compiles it: ${member.getText(source)}`);
    }
    return `${JSON.stringify(target.argumentExpression.text)}: ${JSON.stringify(assignment.right.text)}`;
  });
  return `{ ${entries.join(", ")} }`;
}
