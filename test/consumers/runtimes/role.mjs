// Under Node, Bun and Deno: credentials from the profile AWS_PROFILE names, a role assumed with its source profile's
// keys through the default chain, which loads its providers with import() as the call needs them.
import { GetAccessKeyInfoCommand, STSClient } from "keysmith/sts";

const sts = new STSClient({});
const { accessKeyId } = await sts.config.credentials();
const { Account } = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: accessKeyId }));
console.log(JSON.stringify({ accessKeyId, account: Account }));
