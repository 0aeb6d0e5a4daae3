// Node's import and require of keysmith give the same classes, so `instanceof` holds across them: an error thrown by
// a client loaded with require is an instance of the class loaded with import. The default import is the entry. smithy's
// ServiceException from the user's own @smithy/smithy-client recognises it too, though keysmith's Node build inlines its copy.
import { createRequire } from "node:module";
import { ServiceException } from "@smithy/smithy-client";
import iamDefault, { IAMClient, IAMServiceException, NoSuchEntityException, UpdateAccessKeyCommand } from "keysmith/iam";
import { startLocalEndpoint } from "keysmith/local";

const required = createRequire(import.meta.url)("keysmith/iam");
const server = await startLocalEndpoint();
const alice = server.createUser("alice");
const client = new required.IAMClient({ region: "us-east-1", endpoint: server.url, credentials: alice });
let thrown;
try {
  await client.send(new required.UpdateAccessKeyCommand({ UserName: "bob", AccessKeyId: alice.accessKeyId, Status: "Inactive" }));
} catch (error) {
  thrown = error;
}
await server.close();
console.log(
  JSON.stringify({
    sameClass: required.IAMClient === IAMClient && required.UpdateAccessKeyCommand === UpdateAccessKeyCommand,
    errorName: thrown?.name,
    instanceOfImported: thrown instanceof NoSuchEntityException && thrown instanceof IAMServiceException,
    instanceOfSmithys: thrown instanceof ServiceException,
    defaultIsEntry: iamDefault.IAMClient === IAMClient && iamDefault.NoSuchEntityException === NoSuchEntityException,
  }),
);
