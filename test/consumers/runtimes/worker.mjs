// A Cloudflare Worker: no process, no environment, no file system; its credentials come from its own bindings, here
// from the request, and the clients get them as options.
import { rotate } from "./rotation.mjs";

export default {
  async fetch(request) {
    const { config, userName } = await request.json();
    return Response.json(await rotate(config, userName));
  },
};
