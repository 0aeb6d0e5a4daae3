// The shared `config` and `credentials` files (~/.aws/...): which profile is active, what it says. Node only, and
// loaded lazily: nothing here runs, and no file is read, until a function is called.
import type { ParsedIniData, Profile } from "@smithy/types";
import { ATTEMPTS_BOUNDS, COMPRESSION_SIZE_BOUNDS, isWholeNumber, wholeNumberRule, type WholeNumberBounds } from "../config/client-config.js";
import type { SharedFileOptions } from "./credentials/context.js";
import { sharedFilePaths } from "./shared-file-paths.js";

/** Both files, parsed by @smithy/shared-ini-file-loader, and where they were read from (for messages). */
export interface SharedConfigFiles {
  configPath: string;
  credentialsPath: string;
  /** Profiles by name ("default", "dev"; the "profile " prefix removed), plus "services.NAME" and "sso-session.NAME". */
  config: ParsedIniData;
  /** Profiles by name. */
  credentials: ParsedIniData;
}

export interface ActiveProfile {
  /** The `profile` option, else AWS_PROFILE, else "default". */
  name: string;
  files: SharedConfigFiles;
}

/** The profile values a client's configuration takes from the config files, typed and checked. */
export interface ProfileSettings {
  region?: string;
  /** The profile's `endpoint_url`, for every service. */
  endpointUrl?: string;
  /** `endpoint_url` per service id ("iam", "sts") from the profile's `services` section; it wins over `endpointUrl`. */
  serviceEndpointUrls: Record<string, string>;
  /** `ignore_configured_endpoint_urls`: when true, the endpoint URLs of the files and the environment are not used. */
  ignoreConfiguredEndpointUrls?: boolean;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  stsRegionalEndpoints?: "legacy" | "regional";
  maxAttempts?: number;
  retryMode?: "legacy" | "standard" | "adaptive";
  /** `sdk_ua_app_id` (or the older `sdk-ua-app-id`): the application id the user agent carries. */
  userAgentAppId?: string;
  disableRequestCompression?: boolean;
  requestMinCompressionSizeBytes?: number;
  /** `disable_clock_skew_correction`: sign with the local clock as it is, and never correct it from the server's. */
  disableClockSkewCorrection?: boolean;
  /** `defaults_mode` as written: the client checks it, in any case, as it checks the option. */
  defaultsMode?: string;
}

// Keyed by the two paths, so a process that points AWS_CONFIG_FILE elsewhere reads the new file; the same paths are
// read once per process, as the official SDK does.
const filesByPaths = new Map<string, Promise<SharedConfigFiles>>();

/**
 * The active profile's name and the parsed files (those `files` names, else the environment's, else ~/.aws/); the
 * files are read on first use and cached for the process, unless `files.ignoreCache` asks for a fresh read.
 */
export async function activeProfile(profile?: string, files: SharedFileOptions = {}): Promise<ActiveProfile> {
  const loader = await import("./ini-loader.js");
  const { configPath, credentialsPath } = sharedFilePaths(loader.getHomeDir(), files);
  const key = `${configPath}\0${credentialsPath}`;
  const ignoreCache = files.ignoreCache === true;
  let parsed = ignoreCache ? undefined : filesByPaths.get(key);
  if (parsed === undefined) {
    // The loader reads each path once per process (unless told to ignore its cache), so the check and the parse share one read.
    const read = (path: string) => loader.readFile(path, { ignoreCache });
    parsed = Promise.all([configPath, credentialsPath].map((path) => checkSyntax(read, path)))
      .then(() => loader.loadSharedConfigFiles({ configFilepath: configPath, filepath: credentialsPath }))
      .then(({ configFile, credentialsFile }) => ({ configPath, credentialsPath, config: configFile, credentials: credentialsFile }));
    filesByPaths.set(key, parsed);
  }
  return { name: loader.getProfileName({ profile }), files: await parsed };
}

/** The profile as credentials see it: the keys of both files, the credentials file's winning. */
export function credentialsProfile({ name, files }: ActiveProfile): Profile | undefined {
  return mergeProfile(files.config, files.credentials, name);
}

/**
 * The active profile's client settings. Throws when a value is malformed or the named services section is missing.
 * Without either file this module is not even loaded (see `profileSettings` of platform/node.ts).
 */
export async function profileSettings(profile?: string): Promise<ProfileSettings> {
  const active = await activeProfile(profile);
  const values = settingsProfile(active) ?? {};
  const setting = new SettingReader(values, active);
  return {
    region: values.region,
    endpointUrl: values.endpoint_url,
    serviceEndpointUrls: serviceEndpointUrls(values, active),
    ignoreConfiguredEndpointUrls: setting.boolean("ignore_configured_endpoint_urls"),
    disableClockSkewCorrection: setting.boolean("disable_clock_skew_correction"),
    useFipsEndpoint: setting.boolean("use_fips_endpoint"),
    useDualstackEndpoint: setting.boolean("use_dualstack_endpoint"),
    stsRegionalEndpoints: setting.choice("sts_regional_endpoints", ["legacy", "regional"]),
    maxAttempts: setting.wholeNumber("max_attempts", ATTEMPTS_BOUNDS),
    retryMode: setting.choice("retry_mode", ["legacy", "standard", "adaptive"]),
    userAgentAppId: values.sdk_ua_app_id ?? values["sdk-ua-app-id"],
    disableRequestCompression: setting.boolean("disable_request_compression"),
    requestMinCompressionSizeBytes: setting.wholeNumber("request_min_compression_size_bytes", COMPRESSION_SIZE_BOUNDS),
    defaultsMode: values.defaults_mode,
  };
}

/** The profile as settings see it: the keys of both files, the config file's winning (as the official SDK reads them). */
function settingsProfile({ name, files }: ActiveProfile): Profile | undefined {
  return mergeProfile(files.credentials, files.config, name);
}

function mergeProfile(base: ParsedIniData, winner: ParsedIniData, name: string): Profile | undefined {
  const inBase = Object.hasOwn(base, name);
  const inWinner = Object.hasOwn(winner, name);
  if (!inBase && !inWinner) return undefined;
  return { ...(inBase ? base[name] : {}), ...(inWinner ? winner[name] : {}) };
}

// `services = NAME` points at a `[services NAME]` section of the config file whose sub-sections are keyed by service
// id ("iam", "sts"); the parser flattens `iam =\n  endpoint_url = URL` to "iam.endpoint_url".
function serviceEndpointUrls(values: Profile, { name, files }: ActiveProfile): ProfileSettings["serviceEndpointUrls"] {
  const sectionName = values.services;
  if (sectionName === undefined) return {};
  const sectionKey = `services.${sectionName}`;
  if (!Object.hasOwn(files.config, sectionKey)) {
    throw new Error(`Profile "${name}" names the services section "${sectionName}", but ${files.configPath} has no [services ${sectionName}] section`);
  }
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(files.config[sectionKey]!)) {
    const match = /^(.+)\.endpoint_url$/.exec(key);
    if (match && value !== undefined) urls[match[1]!] = value;
  }
  return urls;
}

class SettingReader {
  constructor(
    private readonly values: Profile,
    private readonly active: ActiveProfile,
  ) {}

  boolean(key: string): boolean | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw this.invalid(key, value, `"true" or "false"`);
  }

  choice<T extends string>(key: string, choices: readonly T[]): T | undefined {
    const value = this.values[key];
    if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
    throw this.invalid(key, value, choices.map((choice) => `"${choice}"`).join(" or "));
  }

  wholeNumber(key: string, bounds: WholeNumberBounds): number | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value) && isWholeNumber(Number(value), bounds)) return Number(value);
    throw this.invalid(key, value, wholeNumberRule(bounds));
  }

  private invalid(key: string, value: string, expected: string): Error {
    const { name, files } = this.active;
    return new Error(`Profile "${name}" (${files.configPath}): ${key} must be ${expected}, not ${JSON.stringify(value)}`);
  }
}

/**
 * The AWS CLI refuses a file it cannot parse; the INI loader reads an unreadable file as empty and skips lines it
 * cannot parse, which turns a typo into "no such profile" or a missing setting. So a file that exists must be
 * readable and every line a [section] header, a `key = value` setting under one, or a comment. The line itself is
 * not quoted: it may hold a secret.
 */
async function checkSyntax(read: (path: string) => Promise<string>, path: string): Promise<void> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ENOENT") return;
    throw new Error(`${path} cannot be read: ${code ?? message}`);
  }
  let inSection = false;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    // Comments as the loader strips them: from a ; or # at the start or after whitespace.
    const line = raw.split(/(?:^|\s)[;#]/)[0]!.trim();
    if (line === "") continue;
    if (line.startsWith("[") && line.endsWith("]")) inSection = true;
    else if (!inSection || line.indexOf("=") < 1) {
      throw new Error(`${path} line ${index + 1} is ${inSection ? "neither a [section] header nor a key = value setting" : "a setting before any [section] header"}`);
    }
  }
}
