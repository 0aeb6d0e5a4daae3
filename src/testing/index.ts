// Record real exchanges with AWS once, replay them in CI without network or credentials, and verify the recordings
// against the live service. `keysmith/testing` (src/entries/testing.ts) adds masking and recording with keysmith's
// own operations' schemas.
export {
  FixtureFormatError,
  fixtureError,
  fixtureOutput,
  loadFixture,
  loadFixtures,
  parseFixture,
  type Fixture,
  type FixtureError,
  type FixtureExpectation,
  type FixtureOutput,
  type FixtureRequest,
  type FixtureResponse,
} from "./fixture.js";
export { MASK } from "./masking.js";
export type { RecordingTarget } from "./record.js";
export { FixtureMismatchError, replayHandler, type FixtureDifference } from "./replay.js";
export { loadCassette, parseCassette, type Cassette } from "./fixture.js";
export { CassetteMismatchError, openCassette, type CassetteOptions, type CassetteSession } from "./cassette.js";
export { FIXTURE_MODE_VARIABLE, fixtureModeFromEnvironment, type FixtureMode } from "./modes.js";
export { NetworkRefusedError } from "./lockdown.js";
export { CassetteDriftError, type Drift } from "./verify.js";
export { useCassette, type TestRunnerHooks, type UseCassetteOptions } from "./runner.js";
