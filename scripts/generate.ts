// `npm run generate`: rewrites generated/ from model/. The output imports the runtime from src/ directly.
import { runCodegen } from "../codegen/main.js";

for (const service of ["sts", "iam"]) {
  const written = runCodegen(["--model", `model/${service}.json`, "--out", `generated/${service}`, "--runtime", "../../src/runtime.js"]);
  console.log(`generated/${service}: ${written.length} files`);
}
