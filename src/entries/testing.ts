// keysmith/testing: fixtures, replay and recording, masking the secrets of keysmith's own generated operations.
import type { HttpRequestHandler } from "../config/client-config.js";
import type { Fixture } from "../testing/fixture.js";
import { maskFixture as maskFixtureBy } from "../testing/masking.js";
import { openCassette as openCassetteWith, type CassetteOptions, type CassetteSession } from "../testing/cassette.js";
import { recordingHandler as recordingHandlerBy, type RecordingTarget } from "../testing/record.js";
import { useCassette as useCassetteWith, type TestRunnerHooks, type UseCassetteOptions } from "../testing/runner.js";
import { ownServices } from "./wiring/own-services.js";

export * from "../testing/index.js";

/**
 * A fixture fit to commit: every `@sensitive` member of its operation (`SecretAccessKey`) replaced by MASK in the
 * form pairs, the response, `input` and `expect.output`, and the signature and session-token headers left out.
 * Throws for an operation keysmith does not have, whose secrets it cannot tell.
 */
export function maskFixture(fixture: Fixture): Fixture {
  return maskFixtureBy(ownServices, fixture);
}

/**
 * Wraps a real request handler: each request passes through, and the exchange is recorded as a fixture, masked
 * with {@link maskFixture}, to a callback or as numbered files in a folder. Replay recordings with
 * `replayHandler(await loadFixtures(dir))`.
 */
export function recordingHandler(inner: HttpRequestHandler, target: RecordingTarget) {
  return recordingHandlerBy(inner, target, ownServices);
}

/** Opens the cassette at `file` for one test, masking recordings by keysmith's own operations' schemas. */
export function openCassette(file: string, options: CassetteOptions = {}): Promise<CassetteSession> {
  return openCassetteWith(file, { schemas: ownServices, ...options });
}

/** A cassette per test of the calling file or `describe` block, named after the test (see the README). */
export function useCassette(hooks: TestRunnerHooks, options: UseCassetteOptions = {}): CassetteSession {
  return useCassetteWith(hooks, { schemas: ownServices, ...options });
}
