/**
 * The matching rules: when a request the code sends counts as the recorded one.
 *
 * Compared: the method, the path, the media type of the content type, and the form body's pairs in order — `Action`,
 * `Version` and every member. Never compared: headers, so neither the signature (`Authorization`), the signing
 * time (`X-Amz-Date`), the session token nor the user agent. Masked on recording (by `maskFixture`): secrets, which
 * are stored as `MASK` and match any value.
 */
import { MASK } from "./masking.js";

/** Whether an actual form pair's value stands for the recorded one (the names are equal). */
export type PairMatch = (name: string, recorded: string, actual: string) => boolean;

// What the runtime's idempotencyToken() sends for an unset `@idempotencyToken` member: a random (version 4) UUID.
const GENERATED_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Replay's rule: the same value, except that a masked value matches any, and an idempotency token the client
 * generated (a random UUID) matches another one, since every run generates its own.
 */
export const sameValues: PairMatch = (_name, recorded, actual) =>
  recorded === actual || recorded === MASK || (GENERATED_TOKEN.test(recorded) && GENERATED_TOKEN.test(actual));

/**
 * Verify's rule: the same operation and API version, and the same members in the same order, whatever their values.
 * Against a live endpoint the values of a sequence come from its own earlier responses (the key a test created is
 * another key each run).
 */
export const sameMembers: PairMatch = (name, recorded, actual) => (name === "Action" || name === "Version" ? recorded === actual : true);
