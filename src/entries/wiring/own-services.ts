// keysmith's own IAM and STS operations with their generated schemas: what `keysmith/local` serves and validates
// with, and what `keysmith/testing` masks by. The one place outside generated/ that pairs an action with its shapes.
import { CreateAccessKeyRequest$, CreateAccessKeyResponse$Output, UpdateAccessKeyRequest$ } from "../../../generated/iam/schemas.js";
import { service as iam } from "../../../generated/iam/service.js";
import {
  AssumeRoleRequest$,
  AssumeRoleResponse$Output,
  AssumeRoleWithWebIdentityRequest$,
  AssumeRoleWithWebIdentityResponse$Output,
  GetAccessKeyInfoRequest$,
  GetAccessKeyInfoResponse$Output,
} from "../../../generated/sts/schemas.js";
import { service as sts } from "../../../generated/sts/service.js";

export const ownServices = {
  iam: {
    version: iam.version,
    // The model's xmlNamespace trait, which the generated service description does not carry.
    xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
    operations: {
      CreateAccessKey: { inputSchema: CreateAccessKeyRequest$, outputSchema: CreateAccessKeyResponse$Output },
      UpdateAccessKey: { inputSchema: UpdateAccessKeyRequest$ },
    },
  },
  sts: {
    version: sts.version,
    xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
    operations: {
      GetAccessKeyInfo: { inputSchema: GetAccessKeyInfoRequest$, outputSchema: GetAccessKeyInfoResponse$Output },
      AssumeRole: { inputSchema: AssumeRoleRequest$, outputSchema: AssumeRoleResponse$Output },
      AssumeRoleWithWebIdentity: { inputSchema: AssumeRoleWithWebIdentityRequest$, outputSchema: AssumeRoleWithWebIdentityResponse$Output },
    },
  },
};
