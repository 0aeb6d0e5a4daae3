// keysmith/sts: the generated STS client, plus offline facts about key ids (a hint; GetAccessKeyInfo is the answer),
// and v3's role assumers for credential providers.
export * from "../../generated/sts/index.js";
export { describeAccessKeyId, type AccessKeyIdFacts, type AccessKeyIdKind } from "../key-id/describe.js";
export {
  getDefaultRoleAssumer,
  getDefaultRoleAssumerWithWebIdentity,
  decorateDefaultCredentialProvider,
  type STSRoleAssumerOptions,
  type RoleAssumer,
  type RoleAssumerWithWebIdentity,
} from "./wiring/role-assumers.js";
