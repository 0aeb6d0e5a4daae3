/** The key a header is stored under, whatever case the handler or the caller used; `name` is ASCII, as header names are. */
export function headerKey(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (Object.hasOwn(headers, name)) return name;
  const lower = name.toLowerCase();
  // Only a key as long as the name can be it in another case (lower case is as long as upper case for every letter
  // but "İ", which lower-cases to two units that are not ASCII), so no other key is lower-cased.
  for (const key of Object.keys(headers)) if (key.length === lower.length && key.toLowerCase() === lower) return key;
  return undefined;
}

/** A header by name, whatever case the handler or the caller used. */
export function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = headerKey(headers, name);
  return key === undefined ? undefined : headers![key];
}
