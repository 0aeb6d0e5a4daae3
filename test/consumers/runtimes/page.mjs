// A web page's script: its task from the page's server, what it saw posted back to it (the test's runInChromium).
import { hostile } from "./hostile.mjs";
import { rotate } from "./rotation.mjs";
import { assumeWithWebIdentity } from "./web-identity.mjs";

const task = await (await fetch("/task")).json();
const result = task.hostileServer
  ? await hostile(task.hostileServer)
  : task.webIdentity
    ? await assumeWithWebIdentity(task.webIdentity)
    : await rotate(task.config, task.userName);
await fetch("/report", { method: "POST", body: JSON.stringify({ result }) });
