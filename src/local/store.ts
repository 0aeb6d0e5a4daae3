/**
 * The local endpoint's state: one account's users, their long-term access keys and the session
 * credentials issued for them, with IAM's rules (two keys per user) and IAM's error messages.
 */
import { randomBytes } from "node:crypto";
import { makeAccessKeyId, makeUniqueId } from "../key-id/describe.js";
import { ServiceError } from "./errors.js";

export type KeyStatus = "Active" | "Inactive";

export interface UserRecord {
  userName: string;
  /** IAM's unique id for the user, "AIDA…". */
  userId: string;
  arn: string;
  createDate: Date;
  /** Long-term keys only; session credentials do not count toward the quota. */
  keys: AccessKeyRecord[];
}

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  status: KeyStatus;
  createDate: Date;
  /** Set for session (ASIA) credentials only. */
  session?: { token: string; expiration: Date };
}

/** IAM's AccessKeysPerUser quota. */
const KEYS_PER_USER = 2;

export class Store {
  private readonly users = new Map<string, UserRecord>();
  private readonly keys = new Map<string, AccessKeyRecord>();

  constructor(
    readonly accountId: string,
    private readonly clock: () => number,
  ) {}

  createUser(userName: string): UserRecord {
    if (this.users.has(userName)) {
      throw new ServiceError(409, "EntityAlreadyExists", `User with name ${userName} already exists.`);
    }
    const user: UserRecord = {
      userName,
      userId: makeUniqueId("AIDA", randomBytes),
      arn: `arn:aws:iam::${this.accountId}:user/${userName}`,
      createDate: new Date(this.clock()),
      keys: [],
    };
    this.users.set(userName, user);
    return user;
  }

  user(userName: string): UserRecord {
    const user = this.users.get(userName);
    if (!user) throw new ServiceError(404, "NoSuchEntity", `The user with name ${userName} cannot be found.`);
    return user;
  }

  createAccessKey(userName: string): AccessKeyRecord {
    const user = this.user(userName);
    if (user.keys.length >= KEYS_PER_USER) {
      throw new ServiceError(409, "LimitExceeded", `Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
    }
    const key = this.issue("AKIA", userName);
    user.keys.push(key);
    return key;
  }

  /** A key is only found among its owner's keys, so naming another user's key reads as "not found". */
  updateAccessKey(userName: string, accessKeyId: string, status: KeyStatus): void {
    const key = this.user(userName).keys.find((candidate) => candidate.accessKeyId === accessKeyId);
    if (!key) throw new ServiceError(404, "NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`);
    key.status = status;
  }

  createSessionCredentials(userName: string, durationSeconds: number): AccessKeyRecord {
    this.user(userName);
    const key = this.issue("ASIA", userName);
    key.session = {
      // Real tokens are long opaque base64 blobs; the length keeps header handling honest.
      token: randomBytes(192).toString("base64"),
      expiration: new Date(key.createDate.getTime() + durationSeconds * 1000),
    };
    return key;
  }

  /** Any credential this endpoint issued, long-term or session. */
  findKey(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId);
  }

  private issue(prefix: "AKIA" | "ASIA", userName: string): AccessKeyRecord {
    let accessKeyId: string;
    do accessKeyId = makeAccessKeyId(prefix, this.accountId, randomBytes);
    while (this.keys.has(accessKeyId));
    const key: AccessKeyRecord = {
      accessKeyId,
      // 30 random bytes are exactly 40 base64 characters from A-Z a-z 0-9 + /, like AWS secrets.
      secretAccessKey: randomBytes(30).toString("base64"),
      userName,
      status: "Active",
      createDate: new Date(this.clock()),
    };
    this.keys.set(accessKeyId, key);
    return key;
  }
}
