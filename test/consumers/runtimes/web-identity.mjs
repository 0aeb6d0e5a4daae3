// A web page trading its sign-in token (OpenID Connect, from the page's identity provider) for a role's credentials,
// with the role assumer v3 code hands to fromWebToken, only the import naming keysmith; then a call signed with them.
import { GetAccessKeyInfoCommand, STSClient, getDefaultRoleAssumerWithWebIdentity } from "keysmith/sts";

export async function assumeWithWebIdentity({ config, roleArn, token }) {
  const assume = getDefaultRoleAssumerWithWebIdentity({ region: config.region, endpoint: config.endpoint });
  const credentials = await assume({ RoleArn: roleArn, RoleSessionName: "page", WebIdentityToken: token });
  const sts = new STSClient({ ...config, credentials });
  const { Account } = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: credentials.accessKeyId }));
  return { accessKeyId: credentials.accessKeyId, account: Account, temporary: typeof credentials.sessionToken === "string" };
}
