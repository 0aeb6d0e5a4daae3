/**
 * What each action does once a request is authenticated and its input is valid: a call into the
 * store, shaped into the fields of the action's `<ActionResult>`.
 */
import type { StructureSchema } from "../contract.js";
import { describeAccessKeyId } from "../key-id/describe.js";
import { invalidClientTokenId } from "./errors.js";
import type { XmlFields } from "./responses.js";
import type { Roles } from "./roles.js";
import type { ServiceName } from "./services.js";
import type { AccessKeyRecord, KeyStatus, Store } from "./store.js";

export interface ActionContext {
  store: Store;
  roles: Roles;
  /** The credential that signed the request; its user is "the caller". */
  caller: AccessKeyRecord;
  /** Validated input parameters. */
  params: ReadonlyMap<string, string>;
}

/** Returns the result fields, or undefined for an action without output. Throws ServiceError. */
export type ActionHandler = (context: ActionContext) => XmlFields | undefined;

/**
 * The inputs of the actions served although keysmith does not model them: real IAM's CreateUser takes a
 * userNameType (1 to 64 characters of the user-name pattern); GetCallerIdentity takes nothing.
 */
export const UNMODELED_INPUTS: Record<ServiceName, Record<string, StructureSchema>> = {
  iam: {
    CreateUser: { name: "CreateUserRequest", members: { UserName: { type: "string", length: { min: 1, max: 64 }, pattern: /^[\w+=,.@-]+$/, required: true } } },
  },
  sts: { GetCallerIdentity: { name: "GetCallerIdentityRequest", members: {} } },
};

/** Actions AWS also takes unsigned, because the request carries its own proof; they do not look at the caller. */
export const UNSIGNED_ACTIONS: Record<string, (context: Omit<ActionContext, "caller">) => XmlFields> = {
  AssumeRoleWithWebIdentity: ({ roles, params }) => roles.assumeRoleWithWebIdentity(params),
};

export const ACTIONS: Record<ServiceName, Record<string, ActionHandler>> = {
  iam: {
    CreateUser({ store, params }) {
      const user = store.createUser(params.get("UserName")!);
      return {
        User: { Path: "/", UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: user.createDate.toISOString() },
      };
    },

    CreateAccessKey({ store, caller, params }) {
      const key = store.createAccessKey(params.get("UserName") ?? caller.userName);
      return {
        AccessKey: {
          UserName: key.userName,
          AccessKeyId: key.accessKeyId,
          Status: key.status,
          SecretAccessKey: key.secretAccessKey,
          CreateDate: key.createDate.toISOString(),
        },
      };
    },

    UpdateAccessKey({ store, caller, params }) {
      // Validation has already held Status to the model's enum.
      const status = params.get("Status") as KeyStatus;
      store.updateAccessKey(params.get("UserName") ?? caller.userName, params.get("AccessKeyId")!, status);
      return undefined;
    },
  },

  sts: {
    GetAccessKeyInfo({ store, params }) {
      const accessKeyId = params.get("AccessKeyId")!;
      if (store.findKey(accessKeyId)) return { Account: store.accountId };
      // A newer-format key id carries its account, and AWS answers for such ids whether or not it
      // knows the key. An older-format id (or anything else) carries none, and guessing (say, the
      // caller's own account) would be a silent wrong answer; AWS reportedly refuses unknown ids
      // with InvalidClientTokenId, so this endpoint does the same.
      const facts = describeAccessKeyId(accessKeyId);
      if (facts.isAccessKey && facts.account !== undefined) return { Account: facts.account };
      throw invalidClientTokenId();
    },

    GetCallerIdentity({ store, roles, caller }) {
      // Other session credentials here are GetSessionToken-style: they act as the user who got them.
      const role = roles.identityOf(caller);
      if (role) return role;
      const user = store.user(caller.userName);
      return { Arn: user.arn, UserId: user.userId, Account: store.accountId };
    },

    AssumeRole({ store, roles, caller, params }) {
      // A role session's principal is its role (role chaining); a user's, the user.
      const role = roles.roleOf(caller);
      return roles.assumeRole(role ?? store.user(caller.userName).arn, role !== undefined, params);
    },

    ...UNSIGNED_ACTIONS,
  },
};
