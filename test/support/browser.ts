// A script run as a web page in headless Chromium (Debian's package chromium): served on 127.0.0.1 with what it posts
// back as the result. The page's own origin stands for the service: every request but the page's own goes on to
// `upstream`, so the clients call their endpoint same-origin, with no CORS between them and the test's servers.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);
export const chromiumSkipReason = `No Chromium at ${chromiumPath} (Debian's package chromium, which .ci/run installs; or set CHROMIUM_PATH): skipping the runs in a browser`;

// The page reports a script that failed to load or threw, so that the test ends at once with the page's error.
const PAGE = `<!doctype html>
<script>
  const report = (error) => fetch("/report", { method: "POST", body: JSON.stringify({ error: String(error && (error.stack || error.message) || error) }) });
  addEventListener("error", (event) => report(event.error ?? event.message));
  addEventListener("unhandledrejection", (event) => report(event.reason));
</script>
<script type="module" src="/page.js"></script>`;

// As one runs Chromium headless on a machine with no network but loopback: no sandbox as root, nothing of Google's.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

/**
 * Opens a page that runs `script` (a bundled ES module), which fetches its task from /task and posts
 * `{ result }` or `{ error }` to /report; resolves with the result, rejects with the page's error or after a minute.
 * The page is served from 127.0.0.1, a secure context as a browser counts them, or from `host` (resolved to
 * 127.0.0.1 by Chromium), an insecure one: plain HTTP from a named host, where pages get no `crypto.randomUUID` and
 * no User-Agent Client Hints.
 */
export async function runInChromium(script: string, task: (origin: string) => object, upstream: string, host?: string): Promise<unknown> {
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

  const profile = mkdtempSync(join(tmpdir(), "keysmith-chromium-"));
  // Its own process group, so that its helpers (renderer, network service) end with it.
  const resolveHost = host === undefined ? [] : [`--host-resolver-rules=MAP ${host} 127.0.0.1`];
  const chromium = spawn(chromiumPath, [...FLAGS, ...resolveHost, `--user-data-dir=${profile}`, `${origin}/`], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  chromium.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  chromium.on("exit", (code) => settle.reject(new Error(`Chromium exited (${code}) before the page reported:\n${stderr}`)));
  chromium.on("error", settle.reject);
  const timer = setTimeout(() => settle.reject(new Error(`the page did not report within ${timeoutMs} ms; Chromium said:\n${stderr}`)), timeoutMs);
  try {
    return await reported;
  } finally {
    clearTimeout(timer);
    chromium.removeAllListeners("exit");
    if (chromium.exitCode === null && chromium.pid !== undefined) process.kill(-chromium.pid, "SIGKILL");
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
