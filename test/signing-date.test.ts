// The signing date's two forms, read from the date's UTC fields instead of toISOString(), whose first call in a
// process looks up the local time zone: the same strings as smithy's signer writes, and no toISOString() in a call.
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { signingDates } from "../src/middleware/signing-date.js";
import { captureHandler, testCredentials } from "./support/capture.js";

const smithys = new SignatureV4({ service: "sts", region: "us-east-1", credentials: testCredentials, sha256: Sha256 }) as unknown as {
  formatDate(date: Date): { longDate: string; shortDate: string };
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("signingDates", () => {
  it.each([
    { date: "1970-01-01T00:00:00.000Z", want: { longDate: "19700101T000000Z", shortDate: "19700101" } },
    { date: "2026-12-07T05:26:10.999Z", want: { longDate: "20261207T052610Z", shortDate: "20261207" } },
    { date: "2024-02-29T23:59:59.000Z", want: { longDate: "20240229T235959Z", shortDate: "20240229" } },
    { date: "0001-01-01T00:00:00.000Z", want: { longDate: "00010101T000000Z", shortDate: "00010101" } },
    { date: "9999-12-31T23:59:59.999Z", want: { longDate: "99991231T235959Z", shortDate: "99991231" } },
  ])("$date: $want.longDate, as smithy's signer writes it", ({ date, want }) => {
    expect(signingDates(new Date(date))).toEqual(want);
    expect(smithys.formatDate(new Date(date))).toEqual(want);
  });

  it.each([
    { name: "year 10000", date: new Date("+010000-01-01T00:00:00.000Z") },
    { name: "a year before 0", date: new Date("-000001-01-01T00:00:00.000Z") },
    { name: "an invalid date", date: new Date(Number.NaN) },
  ])("leaves $name to smithy (undefined)", ({ date }) => {
    expect(signingDates(date)).toBeUndefined();
  });
});

it("a signed call writes X-Amz-Date without toISOString()", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-07T05:26:10.500Z"));
  const toISOString = vi.spyOn(Date.prototype, "toISOString");
  const handler = captureHandler({ status: 200, body: "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>" });
  const client = new STSClient({ region: "us-east-1", credentials: testCredentials, requestHandler: handler });
  await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }));
  expect(handler.requests[0]!.headers["x-amz-date"]).toBe("20261207T052610Z");
  expect(handler.requests[0]!.headers.authorization).toContain("/20261207/us-east-1/sts/aws4_request");
  expect(toISOString).not.toHaveBeenCalled();
});
