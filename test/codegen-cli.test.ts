// keysmith-codegen as users run it: a process with arguments, an exit code (0 written, 2 usage, 1 model errors),
// a message on stderr, and a client in the output folder.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { hasShared, sharedDir } from "./support/shared.js";
import { scratchDir } from "./support/vectors-generate.js";

const projectDir = fileURLToPath(new URL("../", import.meta.url));
const scratch = scratchDir("cli");
afterAll(() => scratch.remove());

/** Runs the CLI from source, as the built `keysmith-codegen` bin runs it from dist/. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "codegen/cli.ts", ...args], { cwd: projectDir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function modelFile(name: string, contents: unknown): string {
  const path = join(scratch.path, name);
  writeFileSync(path, typeof contents === "string" ? contents : JSON.stringify(contents));
  return path;
}

const ourSts = JSON.parse(readFileSync(join(projectDir, "model/sts.json"), "utf8"));
const restJson = structuredClone(ourSts);
const restJsonService = Object.values<any>(restJson.shapes).find((shape) => shape.type === "service");
delete restJsonService.traits["aws.protocols#awsQuery"];
restJsonService.traits["aws.protocols#restJson1"] = {};
const dangling = structuredClone(ourSts);
dangling.shapes["com.amazonaws.sts#GetAccessKeyInfoRequest"].members.AccessKeyId.target = "com.amazonaws.sts#NoSuchShape";

const out = (name: string) => join(scratch.path, name);
const files = {
  restJson: modelFile("rest.json", restJson),
  dangling: modelFile("dangling.json", dangling),
  notJson: modelFile("broken.json", "{ this is not JSON"),
};

const cases: Array<{ name: string; args: string[]; code: number; stderr?: string; stdout?: string }> = [
  { name: "no arguments", args: [], code: 2, stderr: "--model and --out are required" },
  { name: "an unknown option", args: ["--modle", "x.json"], code: 2, stderr: "Unknown option '--modle'" },
  { name: "--out without --model", args: ["--out", out("nothing")], code: 2, stderr: "--model and --out are required" },
  { name: "an empty operation list", args: ["--model", "model/sts.json", "--out", out("empty"), "--operations", ","], code: 2, stderr: "--operations needs at least one operation name" },
  { name: "--help prints the usage", args: ["--help"], code: 0, stdout: "usage: keysmith-codegen --model FILE --out DIR" },
  { name: "a model file that is not there", args: ["--model", join(scratch.path, "absent.json"), "--out", out("absent")], code: 1, stderr: "cannot read model" },
  { name: "a model file that is not JSON", args: ["--model", files.notJson, "--out", out("broken")], code: 1, stderr: `cannot read model ${files.notJson}` },
  {
    name: "a restJson1 model",
    args: ["--model", files.restJson, "--out", out("rest")],
    code: 1,
    stderr: `${files.restJson}: protocol aws.protocols#restJson1 is not supported; keysmith generates awsQuery clients`,
  },
  {
    name: "an unknown operation",
    args: ["--model", "model/sts.json", "--out", out("unknown"), "--operations", "GetAccessKeyInfo,GetCallerIdentity"],
    code: 1,
    stderr: 'unknown operation "GetCallerIdentity"',
  },
  {
    name: "a dangling target",
    args: ["--model", files.dangling, "--out", out("dangling")],
    code: 1,
    stderr: "shape com.amazonaws.sts#NoSuchShape is not defined (target of com.amazonaws.sts#GetAccessKeyInfoRequest$AccessKeyId)",
  },
  { name: "our STS model", args: ["--model", "model/sts.json", "--out", out("sts")], code: 0, stdout: "keysmith-codegen: wrote 12 files" },
];

describe("keysmith-codegen: exit codes and messages", () => {
  it.concurrent.each(cases.map((c) => ({ ...c, label: `${c.name} → exit ${c.code}` })))("$label", async ({ args, code, stderr, stdout }) => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(code);
    if (stderr !== undefined) expect(result.stderr).toContain(stderr);
    if (stdout !== undefined) expect(result.stdout).toContain(stdout);
    if (code !== 0) expect(result.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
  });

  it("writes nothing for a model it refuses", async () => {
    await run(["--model", files.restJson, "--out", out("refused")]);
    expect(existsSync(out("refused"))).toBe(false);
  });
});

describe.skipIf(!hasShared)("keysmith-codegen on AWS's full models", () => {
  it.concurrent("--model ../shared/aws-models/iam.json --out DIR writes the client for all 164 operations, the 34 paginators and the 4 waiters, importing keysmith/runtime", async () => {
    const dir = out("iam");
    const result = await run(["--model", `${sharedDir}aws-models/iam.json`, "--out", dir]);
    expect(result).toMatchObject({ code: 0, stdout: "keysmith-codegen: wrote 212 files\n" });
    expect(readdirSync(join(dir, "commands"))).toHaveLength(164);
    expect(readdirSync(join(dir, "pagination"))).toHaveLength(35); // and Interfaces.ts
    expect(readdirSync(join(dir, "waiters"))).toHaveLength(4);
    expect(readFileSync(join(dir, "IAMClient.ts"), "utf8")).toContain('from "keysmith/runtime"');
  });

  it.concurrent("--operations picks operations from a full model", async () => {
    const dir = out("sts-two");
    const result = await run(["--model", `${sharedDir}aws-models/sts.json`, "--out", dir, "--operations", "GetCallerIdentity, AssumeRole"]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, "commands")).sort()).toEqual(["AssumeRoleCommand.ts", "GetCallerIdentityCommand.ts"]);
  });
});
