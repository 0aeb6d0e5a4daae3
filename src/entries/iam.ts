// keysmith/iam: the generated IAM client.
export * from "../../generated/iam/index.js";
