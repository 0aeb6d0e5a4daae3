// 6. Codegen time: generate() in this process for our two models, and for AWS's 16 awsQuery models together (every
// operation of each: 1,130 in all).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { generate } from "../codegen/generate.js";
import { ROOT } from "./processes.js";
import { median } from "./stats.js";

export interface CodegenTime {
  model: string;
  /** One of our models, or AWS's awsQuery models together (issue 14's budget: 3 s). */
  kind: "ours" | "aws";
  operations: number;
  ms: number;
  /** The first of the runs, before the JIT has warmed up: what one `keysmith-codegen` run pays. */
  firstMs: number;
}

const AWS_MODELS = join(ROOT, "../shared/aws-models");

export interface CodegenTimes {
  times: CodegenTime[];
  /** Why a model was left out. */
  skipped?: string;
}

/** Median ms of `runs` runs per set of models, each run generating every model of the set. */
export function measureCodegen(runs: number): CodegenTimes {
  const read = (path: string) => ({ file: basename(path), ast: JSON.parse(readFileSync(path, "utf8")) as unknown });
  const sets: Array<{ label: string; kind: CodegenTime["kind"]; models: Array<ReturnType<typeof read>> }> = [
    { label: "model/sts.json", kind: "ours", models: [read(join(ROOT, "model/sts.json"))] },
    { label: "model/iam.json", kind: "ours", models: [read(join(ROOT, "model/iam.json"))] },
  ];
  const official = existsSync(AWS_MODELS);
  if (official) {
    const files = readdirSync(AWS_MODELS).filter((file) => file.endsWith(".json")).sort();
    sets.push({ label: `AWS's ${files.length} awsQuery models together`, kind: "aws", models: files.map((file) => read(join(AWS_MODELS, file))) });
  }
  const times = sets.map(({ label, kind, models }) => {
    const runTimes: number[] = [];
    let operations = 0;
    for (let run = 0; run < runs; run++) {
      operations = 0;
      const start = performance.now();
      for (const { file, ast } of models) {
        const files = generate(ast, { runtime: "keysmith/runtime", source: file });
        operations += [...files.keys()].filter((path) => path.startsWith("commands/")).length;
      }
      runTimes.push(performance.now() - start);
    }
    return { model: label, kind, operations, ms: median(runTimes), firstMs: runTimes[0]! };
  });
  return official ? { times } : { times, skipped: `AWS's awsQuery models were skipped: ${AWS_MODELS} is absent` };
}
