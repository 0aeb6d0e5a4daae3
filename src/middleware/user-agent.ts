import { HttpRequest } from "@smithy/protocol-http";
import type { BuildMiddleware, Logger, Provider, UserAgent, UserAgentPair } from "@smithy/types";
import { userAgentRuntime } from "#platform";
import { callLogger } from "../config/guarded-logger.js";
import { settingValue } from "../config/setting-value.js";

/**
 * keysmith's version, as it names itself on the wire. Written here rather than read from package.json at run time,
 * so that a bundle carries it; a test keeps it equal to package.json's.
 */
export const KEYSMITH_VERSION = "0.1.0";

/** v3's limit for an app id; a longer one is sent all the same, with a warning, as v3 does. */
const MAX_APP_ID_LENGTH = 50;

export interface UserAgentConfig {
  customUserAgent?: UserAgent;
  userAgentAppId: Provider<string | undefined>;
  logger: Logger;
}

/**
 * Sets the user-agent headers as the official SDK does, naming keysmith instead of aws-sdk-js: `User-Agent` carries
 * `keysmith/<version> ua/2.1 os/… lang/js md/… api/<service>#<version>`, then `exec-env/<AWS_EXECUTION_ENV>`,
 * `app/<id>` and the custom agent; `x-amz-user-agent` carries `keysmith/<version>` and the custom agent. A browser
 * page cannot set User-Agent, so there the whole value goes into x-amz-user-agent alone. The signer signs
 * x-amz-user-agent and, as for v3, not User-Agent. v3's `m/` feature codes are left out: they count features of
 * aws-sdk-js, not keysmith's.
 */
export function userAgentMiddleware(config: UserAgentConfig, sdkId: string): BuildMiddleware<any, any> {
  const runtime = userAgentRuntime();
  const sdk = escapePair(["keysmith", KEYSMITH_VERSION]);
  const executionEnvironment = runtime.executionEnvironment ? [escapePair([`exec-env/${runtime.executionEnvironment}`])] : [];
  const base = [sdk, "ua/2.1", ...runtime.sections.map(escapePair), escapePair([`api/${sdkId}`, KEYSMITH_VERSION]), ...executionEnvironment].join(" ");
  let warnedAppId: string | undefined;
  // The agents for the last app id and custom agent: the same at every call unless the setting's provider changes its
  // answer or `client.config.customUserAgent` is replaced, which v3 reads at every call too.
  let last: { appId: string | undefined; customUserAgent: UserAgent | undefined; sdkAgent: string; full: string } | undefined;
  return (next) => async (args) => {
    const request = args.request;
    if (!HttpRequest.isInstance(request)) return next(args);
    const appId = await settingValue(config.userAgentAppId);
    if (appId !== undefined && appId.length > MAX_APP_ID_LENGTH && warnedAppId !== appId) {
      warnedAppId = appId;
      callLogger(config.logger).warn(`userAgentAppId is longer than ${MAX_APP_ID_LENGTH} characters; it is sent as given`);
    }
    const customUserAgent = config.customUserAgent;
    if (last === undefined || last.appId !== appId || last.customUserAgent !== customUserAgent) {
      const custom = (customUserAgent ?? []).map(escapePair);
      last = { appId, customUserAgent, sdkAgent: [sdk, ...custom].join(" "), full: [base, ...(appId ? [escapePair(["app", appId])] : []), ...custom].join(" ") };
    }
    if (runtime.browser) {
      request.headers["x-amz-user-agent"] = last.full;
    } else {
      request.headers["x-amz-user-agent"] = last.sdkAgent;
      request.headers["user-agent"] = last.full;
    }
    return next(args);
  };
}

// The characters v3 keeps in a user-agent name and version; every other one becomes "-".
const NAME_UNSAFE = /[^!$%&'*+\-.^_`|~\w]/g;
const VERSION_UNSAFE = /[^!$%&'*+\-.^_`|~\w#]/g;

/** `[name, version]` as v3 writes it: `prefix/name#version`, the `api/` name in lower case, unsafe characters as "-". */
export function escapePair([name, version]: UserAgentPair): string {
  const [prefix, ...path] = name.split("/").map((part) => part.replace(NAME_UNSAFE, "-"));
  const rest = prefix === "api" ? path.join("/").toLowerCase() : path.join("/");
  const [first, ...others] = [prefix, rest, version?.replace(VERSION_UNSAFE, "-")].filter((item): item is string => !!item);
  return others.length === 0 ? first ?? "" : `${first}/${others.join("#")}`;
}
