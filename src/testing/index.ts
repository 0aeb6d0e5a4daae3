// `keysmith/testing`: record real exchanges with AWS once, replay them in CI without network or credentials.
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
export { MASK, SECRETS, maskFixture } from "./masking.js";
export { recordingHandler, type RecordingTarget } from "./record.js";
export { FixtureMismatchError, replayHandler, type FixtureDifference } from "./replay.js";
