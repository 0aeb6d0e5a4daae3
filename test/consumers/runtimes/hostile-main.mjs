// Under Node, Bun and Deno: hostile.mjs against the server whose URL is the first argument.
import { hostile } from "./hostile.mjs";

console.log(JSON.stringify(await hostile(process.argv[2])));
