// The README's main command: `npm start` runs the key-rotation demo against the embedded endpoint and exits 0.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

describe("npm start", () => {
  it("prints the rotation, step by step, and exits 0", async () => {
    const { stdout } = await promisify(execFile)("npm", ["start", "--silent"], { cwd: new URL("..", import.meta.url), timeout: 60_000 });
    for (const line of [
      /1\. CreateAccessKey: a second key for alice/,
      /new key AKIA[A-Z2-7]{16} \(Active\)/,
      /account 123456789012/,
      /old key is Inactive/,
      /InvalidClientTokenId \(HTTP 403\)/,
      /LimitExceededException \(client fault, HTTP 409\)/,
      /NoSuchEntityException \(HTTP 404\)/,
      /bad input, caught before sending: UpdateAccessKey: AccessKeyId length must be 16\.\.128/,
      /Rotation done/,
    ]) {
      expect(stdout).toMatch(line);
    }
  }, 90_000);
});
