/**
 * Decodes an awsQuery request body (`Action=…&Version=…&Name=value`) the way AWS reads HTML form
 * encoding: `+` is a space, `%XX` sequences are UTF-8 bytes. The first occurrence of a name wins.
 */

/** The parameters, or the reason the body is not a valid form. */
export type FormResult = { ok: true; params: Map<string, string> } | { ok: false; reason: string };

export function parseForm(body: string): FormResult {
  const params = new Map<string, string>();
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? "" : pair.slice(equals + 1);
    const name = decode(rawName);
    const value = decode(rawValue);
    if (name === undefined || value === undefined) {
      return { ok: false, reason: `Invalid percent-encoding in '${pair}'` };
    }
    if (!params.has(name)) params.set(name, value);
  }
  return { ok: true, params };
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    // A stray '%' or bytes that are not UTF-8.
    return undefined;
  }
}
