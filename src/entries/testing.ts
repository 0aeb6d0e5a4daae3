// keysmith/testing: fixtures, replay and recording.
export * from "../testing/index.js";
