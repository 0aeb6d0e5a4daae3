// A key rotation as v3 code writes it, only the imports naming keysmith: the same module runs under Node, Bun, Deno
// and in a Cloudflare Worker, and returns what it saw, for the test to compare across runtimes, and with v3 (the
// test writes a copy importing @aws-sdk/client-iam and @aws-sdk/client-sts).
import { CreateAccessKeyCommand, IAMClient, IAMServiceException, NoSuchEntityException, UpdateAccessKeyCommand } from "keysmith/iam";
import { GetAccessKeyInfoCommand, STSClient } from "keysmith/sts";

/** Creates a key for `userName`, looks it up, deactivates it, then makes one call refused here and one refused there. */
export async function rotate(config, userName) {
  const iam = new IAMClient(config);
  const sts = new STSClient(config);
  // A middleware of the user's, as v3's stack takes it: what the user agent says of the runtime.
  let userAgent = "";
  iam.middlewareStack.add(
    (next) => (args) => {
      userAgent = args.request.headers["user-agent"] ?? args.request.headers["x-amz-user-agent"];
      return next(args);
    },
    { step: "finalizeRequest", name: "recordUserAgent" },
  );
  const created = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const key = created.AccessKey;
  const info = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: key.AccessKeyId }));
  const updated = await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId, Status: "Inactive" }));
  const refused = await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId, Status: "Disabled" })).catch((error) => error);
  const missing = await iam.send(new UpdateAccessKeyCommand({ UserName: "nobody", AccessKeyId: key.AccessKeyId, Status: "Inactive" })).catch((error) => error);
  return {
    accessKeyId: key.AccessKeyId,
    userAgent: { os: /\bos\/\S+/.exec(userAgent)?.[0], runtime: /\bmd\/\S+/.exec(userAgent)?.[0] },
    created: { forTheUser: key.UserName === userName, status: key.Status, secretLength: key.SecretAccessKey.length, attempts: created.$metadata.attempts },
    account: info.Account,
    updated: { httpStatusCode: updated.$metadata.httpStatusCode },
    refused: { name: refused.name, message: refused.message },
    missing: {
      name: missing.name,
      typed: missing instanceof NoSuchEntityException && missing instanceof IAMServiceException,
      fault: missing.$fault,
      httpStatusCode: missing.$metadata.httpStatusCode,
    },
  };
}
