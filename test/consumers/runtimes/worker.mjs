// A Cloudflare Worker: no process, no environment, no file system; its credentials come from its own bindings, here
// from the request, and the clients get them as options.
import { hostile } from "./hostile.mjs";
import { rotate } from "./rotation.mjs";

export default {
  async fetch(request) {
    const task = await request.json();
    return Response.json(task.hostileServer ? await hostile(task.hostileServer) : await rotate(task.config, task.userName));
  },
};
