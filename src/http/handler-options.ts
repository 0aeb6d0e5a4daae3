// The options a client's `requestHandler` takes in place of a handler: those of v3's Node handler and of its fetch
// handler, and keysmith's `maxSockets`. Each handler honours its own; the other platform's have no effect on it (code
// shared by a server and a page passes both, as v3 allows); any other name is refused, so a typo is never lost.

const NODE_HANDLER_OPTIONS = [
  "requestTimeout",
  "connectionTimeout",
  "socketTimeout",
  "throwOnRequestTimeout",
  "socketAcquisitionWarningTimeout",
  "httpAgent",
  "httpsAgent",
  "logger",
  "maxSockets",
] as const;
const FETCH_HANDLER_OPTIONS = ["requestTimeout", "keepAlive", "credentials", "cache", "requestInit", "customFetch"] as const;

const KNOWN = new Set<string>([...NODE_HANDLER_OPTIONS, ...FETCH_HANDLER_OPTIONS]);

/** Refuses an option that neither handler has. */
export function checkHandlerOptionNames(options: object): void {
  for (const name of Object.keys(options)) {
    if (!KNOWN.has(name)) throw new TypeError(`requestHandler: ${JSON.stringify(name)} is not an option of a request handler (they are ${[...KNOWN].join(", ")})`);
  }
}
