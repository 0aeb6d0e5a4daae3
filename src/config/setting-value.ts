import type { Provider } from "@smithy/types";

/**
 * A setting as a call reads it: the provider a client resolved it to, or a plain value in its place, as a user may
 * put on `client.config` after the client was made (`client.config.region = "eu-west-2"`), which v3 also takes.
 */
export function settingValue<T>(setting: T | Provider<T>): T | Promise<T> {
  return typeof setting === "function" ? (setting as Provider<T>)() : setting;
}
