import { trait, type Traits } from "../model/model.js";
import { TRAIT } from "../model/traits.js";
import type { ModuleWriter } from "./writer.js";

/** A TSDoc block from a shape's documentation trait (and deprecation), then `tags`; nothing when there is nothing to say. */
export function writeDoc(w: ModuleWriter, traits: Traits, tags: readonly string[] = []): void {
  w.doc(paragraphs(trait<string>(traits, TRAIT.documentation)), [...tags, ...deprecation(traits)]);
}

/** Documentation text as paragraphs of plain text. */
export function paragraphs(text: string | undefined): string[] {
  return text ? plain(text).split(/\n\s*\n|\n/).map((paragraph) => paragraph.trim()).filter(Boolean) : [];
}

function deprecation(traits: Traits): string[] {
  const deprecated = trait<{ message?: string }>(traits, TRAIT.deprecated);
  if (deprecated === undefined) return [];
  return [`@deprecated${deprecated.message ? ` ${plain(deprecated.message).replace(/\s+/g, " ").trim()}` : ""}`];
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
