// Hostile and broken answers, each from its own path of one server the test runs: a server that never answers, a
// body without end, XML cut short, and an element named __proto__. Each call must end in its typed error, in time,
// with no object polluted.
import { GetAccessKeyInfoCommand, STSClient } from "keysmith/sts";

export async function hostile(serverUrl) {
  const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
  const call = async (path, options) => {
    const sts = new STSClient({ region: "us-east-1", endpoint: `${serverUrl}/${path}`, credentials, maxAttempts: 1 });
    const started = Date.now();
    try {
      await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }), options);
      return "answered";
    } catch (error) {
      return { name: error.name, inTime: Date.now() - started < 5_000 };
    } finally {
      sts.destroy();
    }
  };
  return {
    silent: await call("silent", { requestTimeout: 300 }),
    aborted: await call("silent", { abortSignal: AbortSignal.timeout(300) }),
    endless: await call("endless"),
    truncated: await call("truncated"),
    proto: await call("proto"),
    polluted: "polluted" in {},
  };
}
