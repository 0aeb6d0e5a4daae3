// A script run as a web page in a headless browser from Debian's packages, Chromium or Firefox: served on 127.0.0.1
// with what it posts back as the result. The page's own origin stands for the service: every request but the page's
// own goes on to `upstream`, so the clients call their endpoint same-origin, with no CORS between them and the test's
// servers.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Browser {
  path: string;
  /** The command line that opens `url` headless with the profile folder given; `host` resolved to 127.0.0.1. */
  args: (profile: string, url: string, host?: string) => string[];
}

const BROWSERS = {
  // As one runs Chromium headless on a machine with no network but loopback: no sandbox as root, nothing of Google's.
  Chromium: {
    path: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: (profile, url, host) => [
      ...["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
      ...["--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", `--user-data-dir=${profile}`],
      ...(host === undefined ? [] : [`--host-resolver-rules=MAP ${host} 127.0.0.1`]),
      url,
    ],
  },
  Firefox: {
    path: process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr",
    args: (profile, url) => ["--headless", "--no-remote", "--profile", profile, url],
  },
} satisfies Record<string, Browser>;
export type BrowserName = keyof typeof BROWSERS;

export const hasBrowser = (name: BrowserName) => existsSync(BROWSERS[name].path);
export const browserSkipReason = (name: BrowserName) =>
  `No ${name} at ${BROWSERS[name].path} (Debian's package, which .ci/run installs; or set ${name.toUpperCase()}_PATH): skipping the runs in ${name}`;

// The page reports a script that failed to load or threw, so that the test ends at once with the page's error.
const PAGE = `<!doctype html>
<script>
  const report = (error) => fetch("/report", { method: "POST", body: JSON.stringify({ error: String(error && (error.stack || error.message) || error) }) });
  addEventListener("error", (event) => report(event.error ?? event.message));
  addEventListener("unhandledrejection", (event) => report(event.reason));
</script>
<script type="module" src="/page.js"></script>`;

/**
 * Opens a page in the browser that runs `script` (a bundled ES module), which fetches its task from /task and posts
 * `{ result }` or `{ error }` to /report; resolves with the result, rejects with the page's error or after a minute.
 * The page is served from 127.0.0.1, a secure context as a browser counts them, or (Chromium only) from `host`,
 * resolved to 127.0.0.1, an insecure one: plain HTTP from a named host, where pages get no `crypto.randomUUID` and no
 * User-Agent Client Hints.
 */
export async function runInBrowser(name: BrowserName, script: string, task: (origin: string) => object, upstream: string, host?: string): Promise<unknown> {
  const timeoutMs = 60_000;
  let settle!: { resolve: (value: unknown) => void; reject: (error: Error) => void };
  const reported = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((request, response) => {
    if (request.method === "GET" && request.url === "/") response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    else if (request.method === "GET" && request.url === "/page.js") response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else if (request.method === "GET" && request.url === "/task") response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(task(origin)));
    else if (request.method === "POST" && request.url === "/report") void readReport(request, response).then(settle.resolve, settle.reject);
    else forward(request, response, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://${host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;

  const profile = mkdtempSync(join(tmpdir(), "keysmith-browser-"));
  // Its own process group, so that its helpers (renderer, network and content processes) end with it.
  const browser = spawn(BROWSERS[name].path, BROWSERS[name].args(profile, `${origin}/`, host), { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  browser.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  browser.on("exit", (code) => settle.reject(new Error(`${name} exited (${code}) before the page reported:\n${stderr}`)));
  browser.on("error", settle.reject);
  const timer = setTimeout(() => settle.reject(new Error(`the page did not report within ${timeoutMs} ms; ${name} said:\n${stderr}`)), timeoutMs);
  try {
    return await reported;
  } finally {
    clearTimeout(timer);
    browser.removeAllListeners("exit");
    if (browser.exitCode === null && browser.pid !== undefined) process.kill(-browser.pid, "SIGKILL");
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  }
}

async function readReport(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
  let body = "";
  for await (const chunk of request) body += chunk;
  response.writeHead(204).end();
  const report = JSON.parse(body) as { result?: unknown; error?: string };
  if (report.error !== undefined) throw new Error(`the page failed: ${report.error}`);
  return report.result;
}

/** Sends the request on to `upstream` as it came, the Host it was signed for included, and streams the answer back. */
function forward(request: IncomingMessage, response: ServerResponse, upstream: string): void {
  const onward = httpRequest(new URL(request.url ?? "/", upstream), { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  onward.on("error", () => response.destroy());
  // A client that gives up (a timeout, an abort) closes its side: the upstream call ends with it.
  response.on("close", () => onward.destroy());
  request.pipe(onward);
}
