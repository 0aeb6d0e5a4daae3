/** The key a header is stored under, whatever case the handler or the caller used. */
export function headerKey(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (Object.hasOwn(headers, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

/** A header by name, whatever case the handler or the caller used. */
export function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = headerKey(headers, name);
  return key === undefined ? undefined : headers![key];
}
