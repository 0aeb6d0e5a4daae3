import { trait, type Traits } from "../model/model.js";

const WIDTH = 110;

/** A TSDoc block from a shape's documentation trait (and deprecation), wrapped; empty when there is nothing to say. */
export function tsdoc(traits: Traits, indent = "", tags: readonly string[] = []): string {
  const text = trait<string>(traits, "smithy.api#documentation");
  const deprecated = trait<{ message?: string; since?: string }>(traits, "smithy.api#deprecated");
  const lines: string[] = [];
  if (text) lines.push(...wrap(plain(text), WIDTH - indent.length - 3));
  const allTags = tags.flatMap((tag) => tag.split("\n"));
  if (deprecated) allTags.push(`@deprecated${deprecated.message ? ` ${plain(deprecated.message)}` : ""}`);
  if (lines.length > 0 && allTags.length > 0) lines.push("");
  lines.push(...allTags);
  if (lines.length === 0) return "";
  return [`${indent}/**`, ...lines.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)), `${indent} */`].join("\n") + "\n";
}

/** Model documentation may be HTML (AWS's is); a comment wants plain text that cannot close itself. */
function plain(text: string): string {
  return text
    .replace(/<\/?(p|ul|ol|li|br)\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\*\//g, "*\\/");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean)) {
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
