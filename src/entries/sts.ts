// keysmith/sts: the generated STS client, plus offline facts about key ids (a hint; GetAccessKeyInfo is the answer).
export * from "../../generated/sts/index.js";
export { describeAccessKeyId, type AccessKeyIdFacts, type AccessKeyIdKind } from "../key-id/describe.js";
