// The README's contract test: a key rotation against the embedded endpoint, in the mode KEYSMITH_FIXTURES says —
// replayed from test/__cassettes__/ by default, recorded with `record`, checked for drift with `verify`.
import { afterEach, beforeEach, expect, it } from "vitest";
import { startLocalEndpoint, type LocalEndpoint } from "../src/entries/local.js";
import { useCassette } from "../src/entries/testing.js";
import { rotate } from "./support/rotation.js";

const cassette = useCassette({ beforeEach, afterEach, expect });

let server: LocalEndpoint | undefined;
beforeEach(async () => {
  if (cassette.live) server = await startLocalEndpoint();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it("rotates alice's key", async () => {
  const { account, oldKeyId, newKeyId, refused } = await rotate(cassette, server);
  expect(account).toBe("123456789012");
  expect(newKeyId).not.toBe(oldKeyId);
  expect(refused?.name).toBe("InvalidClientTokenId");
});
