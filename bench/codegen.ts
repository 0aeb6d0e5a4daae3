// 6. Codegen time: generate() in this process for our two models and for AWS's full IAM model (all its operations).
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { generate } from "../codegen/generate.js";
import { ROOT } from "./processes.js";
import { median } from "./stats.js";

export interface CodegenTime {
  model: string;
  operations: number;
  ms: number;
}

const OFFICIAL_IAM = join(ROOT, "../shared/aws-models/iam.json");

export interface CodegenTimes {
  times: CodegenTime[];
  /** Why a model was left out. */
  skipped?: string;
}

/** Median ms of `runs` generate() calls per model. */
export function measureCodegen(runs: number): CodegenTimes {
  const official = existsSync(OFFICIAL_IAM);
  const models = [join(ROOT, "model/sts.json"), join(ROOT, "model/iam.json"), ...(official ? [OFFICIAL_IAM] : [])];
  const times = models.map((path) => {
    const ast: unknown = JSON.parse(readFileSync(path, "utf8"));
    const runTimes: number[] = [];
    let operations = 0;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      const files = generate(ast, { runtime: "keysmith/runtime", source: basename(path) });
      runTimes.push(performance.now() - start);
      operations = [...files.keys()].filter((file) => file.startsWith("commands/")).length;
    }
    return { model: path === OFFICIAL_IAM ? "AWS's full iam.json" : `model/${basename(path)}`, operations, ms: median(runTimes) };
  });
  return official ? { times } : { times, skipped: `AWS's full IAM model was skipped: ${OFFICIAL_IAM} is absent` };
}
