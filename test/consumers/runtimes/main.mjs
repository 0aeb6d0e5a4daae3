// Under Node, Bun and Deno: the clients configured by the environment alone (AWS_REGION, AWS_ENDPOINT_URL and the
// default credential chain's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), as a script or cron job on that runtime runs.
import { rotate } from "./rotation.mjs";

const report = await rotate({}, process.argv[2]);
console.log(JSON.stringify({ ...report, loaded: import.meta.resolve("keysmith/iam").replace(/^.*\/node_modules\/keysmith\//, "") }));
