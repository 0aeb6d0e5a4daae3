// Record real exchanges with AWS once, replay them in CI without network or credentials. `keysmith/testing`
// (src/entries/testing.ts) adds masking and recording with keysmith's own operations' schemas.
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
