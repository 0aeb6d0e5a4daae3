import type { Provider } from "@smithy/types";
import { profileSettings } from "#platform";
import { COMPRESSION_SIZE_BOUNDS, envBoolean, envWholeNumber, once, setting, type QueryClientResolvedConfig } from "./client-config.js";

const DEFAULT_MIN_COMPRESSION_SIZE = 10_240;

/** Request compression's settings, resolved: read only by clients whose operations compress. */
export interface CompressionSettings {
  readonly disableRequestCompression: Provider<boolean>;
  readonly requestMinCompressionSizeBytes: Provider<number>;
}

type CompressionOptions = Pick<QueryClientResolvedConfig, "disableRequestCompression" | "requestMinCompressionSizeBytes" | "profile">;

const resolved = new WeakMap<CompressionOptions, CompressionSettings>();

/**
 * A client's compression settings, each from the option (the minimum was checked when the client was made), else the
 * environment, else the shared config profile, else the default; worked out on first use, once per client. Kept out
 * of client-config.ts so that clients of services with no compressing operation carry none of it.
 */
export function compressionSettings(config: CompressionOptions): CompressionSettings {
  let settings = resolved.get(config);
  if (settings === undefined) {
    const fromProfile = once(() => profileSettings(config.profile));
    settings = {
      disableRequestCompression: setting(config.disableRequestCompression, () => envBoolean("AWS_DISABLE_REQUEST_COMPRESSION"), fromProfile, (p) => p.disableRequestCompression, false),
      requestMinCompressionSizeBytes: setting(
        config.requestMinCompressionSizeBytes,
        () => envWholeNumber("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", COMPRESSION_SIZE_BOUNDS),
        fromProfile,
        (p) => p.requestMinCompressionSizeBytes,
        DEFAULT_MIN_COMPRESSION_SIZE,
      ),
    };
    resolved.set(config, settings);
  }
  return settings;
}
