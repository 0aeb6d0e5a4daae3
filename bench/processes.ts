// Child processes: the TypeScript workers (run through tsx) and the local server.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const ROOT = join(import.meta.dirname, "..");
const TSX = ["--import", "tsx"];

/** Runs a bench/ worker script in a fresh Node process and returns what it printed as JSON. */
export async function runWorker<T>(script: string, args: readonly string[]): Promise<T> {
  // stderr is kept for failures only: v3 warns about the Node version on every start.
  const child = spawn(process.execPath, [...TSX, join(import.meta.dirname, script), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`${script} ${args.join(" ")} exited with ${code}:\n${stderr}`);
  return JSON.parse(stdout) as T;
}

/** Starts server.ts in its own process, hands its endpoint to `use`, and stops it afterwards. */
export async function withServer<T>(use: (endpoint: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [...TSX, join(import.meta.dirname, "server.ts")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  try {
    const lines = createInterface({ input: child.stdout });
    const [endpoint] = (await once(lines, "line")) as [string];
    lines.close();
    return await use(endpoint);
  } finally {
    child.kill();
    await exited;
  }
}
