/**
 * How a cassette behaves, chosen by the environment so that the same test records once, replays in CI and checks
 * the recording against the live service, without a code change.
 */
export type FixtureMode = "record" | "replay" | "verify" | "lockdown";

/** The environment variable that sets the mode. */
export const FIXTURE_MODE_VARIABLE = "KEYSMITH_FIXTURES";

const MODES: readonly FixtureMode[] = ["record", "replay", "verify", "lockdown"];

/**
 * The mode `KEYSMITH_FIXTURES` asks for; `replay` when it is unset or empty, so that nothing reaches the network
 * unless asked. Any other value is an error naming the variable and the values it takes.
 */
export function fixtureModeFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): FixtureMode {
  const value = env[FIXTURE_MODE_VARIABLE]?.trim().toLowerCase() ?? "";
  if (value === "") return "replay";
  if ((MODES as readonly string[]).includes(value)) return value as FixtureMode;
  throw new RangeError(`${FIXTURE_MODE_VARIABLE} must be one of ${MODES.join(", ")} (or unset for replay), got "${env[FIXTURE_MODE_VARIABLE]}"`);
}

/** True for the modes whose requests reach the live endpoint. */
export function reachesNetwork(mode: FixtureMode): boolean {
  return mode === "record" || mode === "verify";
}
