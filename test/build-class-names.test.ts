// The build's renaming of classes esbuild wrote as `var Name = class _Name` (scripts/class-names.ts). That the packed
// builds' classes carry their names, in test/package.test.ts (test/consumers/esm/class-names.mjs).
import { describe, expect, it } from "vitest";
import { withClassNamesAsDeclared } from "../scripts/class-names.js";

describe("a class esbuild named apart from its variable", () => {
  it.each([
    {
      name: "takes the variable's name, inside its body too",
      given: "var ServiceException = class _ServiceException extends Error {\n  static is(x) { return _ServiceException.prototype.isPrototypeOf(x); }\n};",
      want: "var ServiceException = class ServiceException extends Error {\n  static is(x) { return ServiceException.prototype.isPrototypeOf(x); }\n};",
    },
    {
      name: "as esbuild's CommonJS build writes it, with a number",
      given: "var HttpRequest = class HttpRequest2 { clone() { return new HttpRequest2(this); } };",
      want: "var HttpRequest = class HttpRequest { clone() { return new HttpRequest(this); } };",
    },
    {
      name: "leaves properties of the same name alone",
      given: "var A = class _A { _A = 1; static make() { return { _A: new _A() }.x._A; } };",
      want: "var A = class A { _A = 1; static make() { return { _A: new A() }.x._A; } };",
    },
    {
      name: "leaves anonymous classes and classes already named as their variable alone",
      given: "var A = class extends B {};\nvar C = class C { c() { return C; } };",
      want: "var A = class extends B {};\nvar C = class C { c() { return C; } };",
    },
    {
      name: "renames each class in a file",
      given: "var A = class _A { a() { return _A; } };\nvar B = class _B extends A { b() { return _B; } };",
      want: "var A = class A { a() { return A; } };\nvar B = class B extends A { b() { return B; } };",
    },
  ])("$name", ({ given, want }) => {
    expect(withClassNamesAsDeclared(given, "chunk.js")).toBe(want);
  });

  it("keeps what the class does: its name, and its static methods' references to it", () => {
    const given = "var Counted = class _Counted { static made = 0; constructor() { _Counted.made++; } static make() { return new _Counted(); } };\nreturn Counted;";
    const Counted = new Function(withClassNamesAsDeclared(given, "chunk.js"))() as { name: string; made: number; make(): object };
    expect(Counted.make()).toBeInstanceOf(Counted);
    expect([Counted.name, Counted.made]).toEqual(["Counted", 1]);
  });

  it.each([
    { given: "var A = class _A {};\nconsole.log(_A);", error: "chunk.js: _A is also used outside its class, so it cannot be renamed A" },
    { given: "var A = class _A { f(A) { return [A, _A]; } };", error: "chunk.js: class _A already uses A, so it cannot be renamed A" },
    { given: "var A = class _A { f() { return { _A }; } };", error: "chunk.js: class _A uses its name as a property's, so it cannot be renamed A" },
  ])("fails the build, naming the file, where renaming would change what the code does: $error", ({ given, error }) => {
    expect(() => withClassNamesAsDeclared(given, "chunk.js")).toThrow(error);
  });
});
