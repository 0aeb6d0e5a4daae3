import { ModelError } from "./model.js";

/**
 * `smithy.api#pattern` values as ECMAScript regular expressions. Smithy says patterns are ECMA 262, but AWS's models
 * are checked with Java's engine and use its dialect: `\p{L}` (a Unicode property, which ECMAScript reads only with
 * the `u` flag, and as the letters "p{L}" without it) and surrogate pairs as code points (`\uD800\uDC00-\uDBFF\uDFFF`,
 * every astral character). Each pattern is translated to what ECMAScript needs for the same meaning, and compiled
 * here, so that a pattern the generated code could not use stops generation instead of failing a call.
 */
export interface EcmaPattern {
  /** The source as a regular expression literal spells it (`/` escaped). */
  readonly source: string;
  /** "u" when the pattern needs Unicode mode: properties or characters outside the BMP. */
  readonly flags: "" | "u";
}

/** Escapes that mean something else in Java, or nothing in ECMAScript (which would read them as the bare letter). */
const JAVA_ONLY_ESCAPES: Readonly<Record<string, string>> = {
  A: "the start of input",
  Z: "the end of input",
  z: "the end of input",
  G: "the end of the previous match",
  Q: "a quoted section",
  E: "a quoted section",
  h: "horizontal whitespace",
  H: "non-horizontal whitespace",
  v: "vertical whitespace",
  V: "non-vertical whitespace",
  R: "a line break",
  X: "a grapheme cluster",
  e: "the escape character",
  a: "the bell character",
};

/** Escapes both dialects read alike. */
const SHARED_ESCAPES = new Set("dDwWsSbBnrtf0123456789ck");

/** Characters Unicode mode lets a backslash escape: the syntax characters and `/` (and `-` in a class). */
const UNICODE_ESCAPABLE = new Set("^$\\.*+?()[]{}|/");

/** Translates a model pattern; `where` names the shape or member for the ModelError of one it cannot translate. */
export function ecmaPattern(pattern: string, where: string): EcmaPattern {
  const refuse = (why: string) => new ModelError(`${where} has the pattern ${JSON.stringify(pattern)}, which ${why}`);
  const tokens = tokenize(pattern, refuse);
  const unicode = tokens.some((token) => token.unicode);
  const source = tokens.map((token) => (unicode ? token.unicodeText ?? token.text : token.text)).join("");
  const flags = unicode ? "u" : "";
  try {
    return { source: new RegExp(source, flags).source, flags };
  } catch (error) {
    throw refuse(`ECMAScript cannot compile${unicode ? ` as ${JSON.stringify(`/${source}/u`)}` : ""}: ${(error as Error).message}`);
  }
}

interface Token {
  /** The token as ECMAScript reads it without the `u` flag. */
  readonly text: string;
  /** The token in Unicode mode, where it must be spelled otherwise. */
  readonly unicodeText?: string;
  /** Whether the token needs Unicode mode. */
  readonly unicode?: boolean;
}

function tokenize(pattern: string, refuse: (why: string) => ModelError): Token[] {
  const tokens: Token[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "\\") {
      const [token, length] = escape(pattern, i, inClass, refuse);
      tokens.push(token);
      i += length - 1;
      continue;
    }
    if (inClass && char === "[") throw refuse("nests a character class, a Java union that ECMAScript does not have");
    if (inClass && char === "&" && pattern[i + 1] === "&") throw refuse("intersects character classes (&&), which ECMAScript cannot");
    if (char === "[" && !inClass) {
      inClass = true;
      // A `]` first in a class (after an optional `^`) is a literal in Java.
      const negated = pattern[i + 1] === "^";
      tokens.push({ text: negated ? "[^" : "[" });
      if (negated) i++;
      if (pattern[i + 1] === "]") {
        tokens.push({ text: "\\]" });
        i++;
      }
      continue;
    }
    if (char === "]" && inClass) inClass = false;
    const codePoint = pattern.codePointAt(i)!;
    if (codePoint > 0xffff) {
      tokens.push({ text: String.fromCodePoint(codePoint), unicode: true });
      i++;
      continue;
    }
    tokens.push({ text: char });
  }
  return tokens;
}

/** The escape at `start`, and how many characters of the pattern it takes. */
function escape(pattern: string, start: number, inClass: boolean, refuse: (why: string) => ModelError): [Token, number] {
  const next = pattern[start + 1];
  if (next === undefined) throw refuse("ends in a lone backslash");
  if (next === "p" || next === "P") {
    // Java also spells a one-letter property without braces: \pL.
    if (pattern[start + 2] !== "{") return [{ text: `\\${next}{${pattern[start + 2] ?? ""}}`, unicode: true }, 3];
    const end = pattern.indexOf("}", start);
    if (end === -1) throw refuse(`has an unclosed \\${next}{`);
    return [{ text: pattern.slice(start, end + 1), unicode: true }, end + 1 - start];
  }
  if (next === "u") {
    const unit = hexAt(pattern, start + 2, 4);
    if (unit === undefined) throw refuse("has a \\u escape without four hex digits");
    const low = pattern.startsWith("\\u", start + 6) ? hexAt(pattern, start + 8, 4) : undefined;
    if (unit >= 0xd800 && unit <= 0xdbff && low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
      // A surrogate pair is one code point to Java; ECMAScript needs Unicode mode to read it as one.
      const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
      return [{ text: `\\u{${codePoint.toString(16).toUpperCase()}}`, unicode: true }, 12];
    }
    return [{ text: pattern.slice(start, start + 6) }, 6];
  }
  if (next === "x") {
    if (pattern[start + 2] === "{") {
      const end = pattern.indexOf("}", start);
      const codePoint = end === -1 ? undefined : hexAt(pattern, start + 3, end - start - 3);
      if (codePoint === undefined) throw refuse("has a malformed \\x{…} escape");
      return [{ text: `\\u{${codePoint.toString(16).toUpperCase()}}`, unicode: true }, end + 1 - start];
    }
    if (hexAt(pattern, start + 2, 2) === undefined) throw refuse("has a \\x escape without two hex digits");
    return [{ text: pattern.slice(start, start + 4) }, 4];
  }
  if (JAVA_ONLY_ESCAPES[next] !== undefined) throw refuse(`uses \\${next} (${JAVA_ONLY_ESCAPES[next]} in Java), which ECMAScript does not have`);
  if (/[A-Za-z]/.test(next) && !SHARED_ESCAPES.has(next)) throw refuse(`uses \\${next}, an escape Java and ECMAScript do not share`);
  if (SHARED_ESCAPES.has(next) || UNICODE_ESCAPABLE.has(next) || (inClass && next === "-")) return [{ text: `\\${next}` }, 2];
  // An escaped punctuation character is itself; Unicode mode wants it bare.
  return [{ text: `\\${next}`, unicodeText: next }, 2];
}

function hexAt(text: string, start: number, length: number): number | undefined {
  const digits = text.slice(start, start + length);
  return digits.length === length && length > 0 && /^[0-9A-Fa-f]+$/.test(digits) ? parseInt(digits, 16) : undefined;
}
