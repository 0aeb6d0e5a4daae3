// Which errors get another attempt, and why: a table over the classifier the retry middleware uses.
import { HttpResponse } from "@smithy/protocol-http";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../src/middleware/rate-limiter.js";
import { backoffDelay, classifyError, isThrottle, retryAfter, retryDelay, RetryQuota } from "../src/middleware/retry.js";
import { IDPCommunicationErrorException, IDPRejectedClaimException } from "../generated/sts/index.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");

function serviceError(code: string, status: number, headers: Record<string, string> = {}, message = code) {
  const error = Object.assign(new Error(message), { name: code, Code: code, $metadata: { httpStatusCode: status } });
  Object.defineProperty(error, "$response", { value: { statusCode: status, headers } });
  return error;
}
/** An error for a response that is not an AWS error document: named after its status, with no wire `Code`. */
function statusError(name: string, status: number) {
  const error = Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  Object.defineProperty(error, "$response", { value: { statusCode: status, headers: {} } });
  return error;
}
/** The messages IAM and STS send with SignatureDoesNotMatch for a signing time outside their window. */
const EXPIRED = "Signature expired: 20261123T093000Z is now earlier than 20261123T094500Z (20261123T100000Z - 15 min.)";
const NOT_YET_CURRENT = "Signature not yet current: 20261123T103000Z is still later than 20261123T101500Z (20261123T100000Z + 15 min.)";
const dateIn = (ms: number) => ({ date: new Date(NOW + ms).toUTCString() });
const MINUTE = 60_000;

/** A modeled exception as the client builds it from an error document: its class, the wire code, the status. */
function modeledError(Exception: new (options: any) => Error, code: string, status: number) {
  return Object.assign(new Exception({ $metadata: { httpStatusCode: status }, message: code }), { Code: code });
}
/** A modeled exception of a class whose @retryable trait says it is a throttle (no IAM or STS error is one). */
const modeledThrottle = () => Object.assign(serviceError("BusyNow", 400), { $retryable: { throttling: true } });

const networkError = (code: string) => Object.assign(new Error(code), { code });
/** A connection error as the Node handler passes it on: named TimeoutError, as v3's handler names it, with its code. */
const brokenConnection = (code: string) => Object.assign(networkError(code), { name: "TimeoutError" });
const timeout = (code: string) => Object.assign(new Error("timed out"), { name: "TimeoutError", code });

const cases: Array<{ name: string; error: unknown; safe: boolean; want: boolean | string }> = [
  { name: "Throttling, non-idempotent", error: serviceError("Throttling", 400), safe: false, want: "throttling" },
  { name: "ThrottlingException", error: serviceError("ThrottlingException", 400), safe: true, want: "throttling" },
  { name: "HTTP 429", error: serviceError("TooManyRequests", 429), safe: false, want: "throttling" },
  { name: "503 ServiceUnavailable proves nothing ran", error: serviceError("ServiceUnavailable", 503), safe: false, want: "transient" },
  { name: "503 without an AWS error document (a proxy's page), non-idempotent: may have run", error: statusError("ServiceUnavailable", 503), safe: false, want: false },
  { name: "429 without an AWS error document, non-idempotent: may have run", error: statusError("TooManyRequestsException", 429), safe: false, want: false },
  { name: "503 without an AWS error document, idempotent", error: statusError("ServiceUnavailable", 503), safe: true, want: "transient" },
  { name: "429 without an AWS error document, idempotent: backs off as a throttle", error: statusError("TooManyRequestsException", 429), safe: true, want: "throttling" },
  { name: "500 ServiceFailure, idempotent", error: serviceError("ServiceFailure", 500), safe: true, want: "transient" },
  { name: "500 ServiceFailure, non-idempotent: may have run", error: serviceError("ServiceFailure", 500), safe: false, want: false },
  { name: "502 without a code, non-idempotent", error: serviceError("InternalServerError", 502), safe: false, want: false },
  { name: "504, idempotent", error: serviceError("UnknownError", 504), safe: true, want: "transient" },
  { name: "LimitExceeded is never retried (the official SDK retries it)", error: serviceError("LimitExceeded", 409), safe: true, want: false },
  { name: "NoSuchEntity", error: serviceError("NoSuchEntity", 404), safe: true, want: false },
  { name: "ValidationError", error: serviceError("ValidationError", 400), safe: true, want: false },
  { name: "InvalidClientTokenId", error: serviceError("InvalidClientTokenId", 403), safe: true, want: false },
  { name: "IDPCommunicationError (@retryable), non-idempotent: the service says a retry is safe", error: modeledError(IDPCommunicationErrorException, "IDPCommunicationError", 400), safe: false, want: "transient" },
  { name: "an error the model marks a @retryable throttle, non-idempotent: backs off as a throttle", error: modeledThrottle(), safe: false, want: "throttling" },
  { name: "IDPRejectedClaim (not @retryable)", error: modeledError(IDPRejectedClaimException, "IDPRejectedClaim", 403), safe: true, want: false },
  {
    name: "marked retryable without an AWS error document, non-idempotent: nothing proves the service said so",
    error: Object.assign(statusError("UnknownError", 400), { $retryable: {} }),
    safe: false,
    want: false,
  },
  { name: "marked retryable without an AWS error document, idempotent", error: Object.assign(statusError("UnknownError", 400), { $retryable: {} }), safe: true, want: "transient" },
  { name: "connection refused: never sent", error: networkError("ECONNREFUSED"), safe: false, want: "transient" },
  { name: "DNS failure: never sent", error: networkError("ENOTFOUND"), safe: false, want: "transient" },
  { name: "connect timeout: never sent", error: timeout("ConnectTimeout"), safe: false, want: "transient" },
  { name: "reset, idempotent", error: networkError("ECONNRESET"), safe: true, want: "transient" },
  { name: "reset, non-idempotent: may have run", error: networkError("ECONNRESET"), safe: false, want: false },
  { name: "reset as the Node handler names it (TimeoutError, as v3), non-idempotent: may have run", error: brokenConnection("ECONNRESET"), safe: false, want: false },
  { name: "reset as the Node handler names it, idempotent", error: brokenConnection("ECONNRESET"), safe: true, want: "transient" },
  { name: "broken pipe as the Node handler names it, non-idempotent: may have run", error: brokenConnection("EPIPE"), safe: false, want: false },
  { name: "request timeout, non-idempotent", error: timeout("RequestTimeout"), safe: false, want: false },
  { name: "request timeout, idempotent", error: timeout("RequestTimeout"), safe: true, want: "transient" },
  { name: "aborted by the caller", error: Object.assign(new Error("aborted"), { name: "AbortError" }), safe: true, want: false },
  { name: "input validation", error: Object.assign(new Error("bad"), { name: "InputValidationError" }), safe: true, want: false },
  {
    name: "SignatureDoesNotMatch with a server Date 20 minutes ahead: clock skew",
    error: serviceError("SignatureDoesNotMatch", 403, dateIn(20 * MINUTE), EXPIRED),
    safe: false,
    want: "clock-skew",
  },
  {
    name: "RequestTimeTooSkewed with a Date header in any case",
    error: serviceError("RequestTimeTooSkewed", 403, { Date: new Date(NOW - 30 * 60_000).toUTCString() }),
    safe: false,
    want: "clock-skew",
  },
  {
    name: "SignatureDoesNotMatch with the server's clock close to ours: a real signature problem",
    error: serviceError("SignatureDoesNotMatch", 403, dateIn(MINUTE), EXPIRED),
    safe: true,
    want: false,
  },
];

describe("classifyError", () => {
  it.each(cases)("$name", ({ error, safe, want }) => {
    const decision = classifyError(error, safe, NOW, 0);
    expect(decision.retry ? decision.kind : false).toBe(want);
  });

  it("reports the server's time for a skew, so the client can correct its clock", () => {
    const serverTime = NOW + 20 * 60_000;
    const decision = classifyError(serviceError("SignatureDoesNotMatch", 403, { date: new Date(serverTime).toUTCString() }, EXPIRED), true, NOW, 0);
    expect(decision).toMatchObject({ retry: true, kind: "clock-skew", serverTime });
  });

  it("does not see skew once the offset already accounts for it", () => {
    const error = serviceError("SignatureDoesNotMatch", 403, dateIn(20 * MINUTE), EXPIRED);
    expect(classifyError(error, true, NOW, 20 * 60_000).retry).toBe(false);
  });
});

describe("clock-skew correction needs the error to say the signing time was wrong, and a believable Date", () => {
  it.each([
    { name: "SignatureDoesNotMatch for a wrong key, with a Date in 2100", error: serviceError("SignatureDoesNotMatch", 403, { date: "Fri, 01 Jan 2100 00:00:00 GMT" }, "The request signature we calculated does not match the signature you provided."), want: false },
    { name: "SignatureDoesNotMatch for a wrong key, with a Date 20 minutes ahead", error: serviceError("SignatureDoesNotMatch", 403, dateIn(20 * MINUTE), "The request signature we calculated does not match the signature you provided."), want: false },
    { name: "Signature expired, with a Date 20 minutes ahead", error: serviceError("SignatureDoesNotMatch", 403, dateIn(20 * MINUTE), EXPIRED), want: "clock-skew" },
    { name: "Signature expired, with a Date 20 minutes behind: the Date contradicts the message", error: serviceError("SignatureDoesNotMatch", 403, dateIn(-20 * MINUTE), EXPIRED), want: false },
    { name: "Signature not yet current, with a Date 20 minutes behind", error: serviceError("SignatureDoesNotMatch", 403, dateIn(-20 * MINUTE), NOT_YET_CURRENT), want: "clock-skew" },
    { name: "Signature not yet current, with a Date 20 minutes ahead: contradicts", error: serviceError("SignatureDoesNotMatch", 403, dateIn(20 * MINUTE), NOT_YET_CURRENT), want: false },
    { name: "InvalidSignatureException, Signature expired", error: serviceError("InvalidSignatureException", 400, dateIn(20 * MINUTE), EXPIRED), want: "clock-skew" },
    { name: "RequestTimeTooSkewed either way", error: serviceError("RequestTimeTooSkewed", 403, dateIn(-3 * 60 * MINUTE)), want: "clock-skew" },
    { name: "RequestExpired with the server ahead", error: serviceError("RequestExpired", 400, dateIn(30 * MINUTE)), want: "clock-skew" },
    { name: "RequestExpired with the server behind: contradicts", error: serviceError("RequestExpired", 400, dateIn(-30 * MINUTE)), want: false },
    { name: "RequestInTheFuture with the server behind", error: serviceError("RequestInTheFuture", 400, dateIn(-30 * MINUTE)), want: "clock-skew" },
    { name: "RequestTimeTooSkewed with a Date in 2100: beyond a day, not corrected", error: serviceError("RequestTimeTooSkewed", 403, { date: "Fri, 01 Jan 2100 00:00:00 GMT" }), want: false },
    { name: "RequestTimeTooSkewed with a Date 25 hours behind: beyond a day", error: serviceError("RequestTimeTooSkewed", 403, dateIn(-25 * 60 * MINUTE)), want: false },
    { name: "RequestTimeTooSkewed with a Date 23 hours ahead", error: serviceError("RequestTimeTooSkewed", 403, dateIn(23 * 60 * MINUTE)), want: "clock-skew" },
    { name: "RequestTimeTooSkewed from a cache (an Age header)", error: serviceError("RequestTimeTooSkewed", 403, { ...dateIn(30 * MINUTE), age: "1800" }), want: false },
    { name: "RequestTimeTooSkewed without a Date", error: serviceError("RequestTimeTooSkewed", 403), want: false },
    { name: "RequestTimeTooSkewed with an unreadable Date", error: serviceError("RequestTimeTooSkewed", 403, { date: "soon" }), want: false },
    { name: "AuthFailure (not a time code) with a Date 30 minutes ahead", error: serviceError("AuthFailure", 401, dateIn(30 * MINUTE)), want: false },
    { name: "an HTML 403 (no AWS code) with a Date 30 minutes ahead", error: Object.assign(serviceError("x", 403, dateIn(30 * MINUTE)), { Code: undefined, name: "UnknownError" }), want: false },
  ])("$name", ({ error, want }) => {
    const decision = classifyError(error, true, NOW, 0);
    expect(decision.retry ? decision.kind : false).toBe(want);
  });

  it("a Date beyond a day away is reported, so the caller hears to check the clock", () => {
    const decision = classifyError(serviceError("RequestTimeTooSkewed", 403, { date: "Fri, 01 Jan 2100 00:00:00 GMT" }), false, NOW, 0);
    expect(decision).toMatchObject({ retry: false, heldBack: true, reason: expect.stringMatching(/more than a day from the local clock/) });
  });
});

describe("what adaptive mode's rate limiter counts as a throttle", () => {
  it.each([
    { name: "Throttling", error: serviceError("Throttling", 400), want: true },
    { name: "HTTP 429 without an AWS error document", error: statusError("TooManyRequestsException", 429), want: true },
    { name: "an error the model marks a @retryable throttle", error: modeledThrottle(), want: true },
    { name: "IDPCommunicationError, @retryable but no throttle", error: modeledError(IDPCommunicationErrorException, "IDPCommunicationError", 400), want: false },
    { name: "ServiceUnavailable", error: serviceError("ServiceUnavailable", 503), want: false },
    { name: "a reset connection", error: networkError("ECONNRESET"), want: false },
  ])("$name: $want", ({ error, want }) => {
    expect(isThrottle(error)).toBe(want);
  });
});

describe("backoff", () => {
  it.each([
    { attempt: 1, kind: "transient" as const, max: 50 },
    { attempt: 3, kind: "transient" as const, max: 200 },
    { attempt: 1, kind: "throttling" as const, max: 1_000 },
    { attempt: 20, kind: "throttling" as const, max: 20_000 },
  ])("attempt $attempt ($kind) waits up to $max ms, full jitter", ({ attempt, kind, max }) => {
    expect(backoffDelay(attempt, kind, () => 0)).toBe(0);
    expect(backoffDelay(attempt, kind, () => 0.999999)).toBe(max - 1);
  });
});

describe("Retry-After", () => {
  const response = (headers: Record<string, string>) => new HttpResponse({ statusCode: 503, headers });
  it.each<{ name: string; headers: Record<string, string>; want: number | undefined }>([
    { name: "Retry-After in seconds", headers: { "Retry-After": "2" }, want: 2_000 },
    { name: "Retry-After in fractional seconds", headers: { "retry-after": "0.25" }, want: 250 },
    { name: "Retry-After as an HTTP date", headers: { "retry-after": "Mon, 23 Nov 2026 10:00:03 GMT" }, want: 3_000 },
    { name: "Retry-After as a date already past", headers: { "retry-after": "Mon, 23 Nov 2026 09:59:00 GMT" }, want: -60_000 },
    { name: "x-amz-retry-after in milliseconds", headers: { "x-amz-retry-after": "1500" }, want: 1_500 },
    { name: "Retry-After before x-amz-retry-after", headers: { "x-amz-retry-after": "1500", "retry-after": "1" }, want: 1_000 },
    { name: "an unreadable Retry-After", headers: { "retry-after": "soon" }, want: undefined },
    { name: "an unreadable x-amz-retry-after", headers: { "x-amz-retry-after": "later" }, want: undefined },
    { name: "neither", headers: {}, want: undefined },
  ])("$name: $want ms", ({ headers, want }) => {
    expect(retryAfter(response(headers), NOW)).toBe(want);
  });

  it.each([
    { name: "no hint: the backoff", backoff: 40, hint: undefined, want: 40 },
    { name: "a later hint is waited for", backoff: 40, hint: 300, want: 300 },
    { name: "an earlier hint does not shorten the backoff", backoff: 40, hint: 10, want: 40 },
    { name: "a past date does not shorten the backoff", backoff: 40, hint: -60_000, want: 40 },
    { name: "a hint is honoured up to 5 s beyond the backoff", backoff: 40, hint: 3_600_000, want: 5_040 },
  ])("$name", ({ backoff, hint, want }) => {
    expect(retryDelay(backoff, hint)).toBe(want);
  });
});

describe("retry quota", () => {
  it("spends tokens per retry, refuses when empty, and earns them back", () => {
    const quota = new RetryQuota();
    let retries = 0;
    while (quota.take(5)) retries++;
    expect(retries).toBe(100);
    quota.refund(5);
    expect(quota.take(5)).toBe(true);
    expect(quota.take(5)).toBe(false);
  });
});

describe("adaptive mode's rate limiter", () => {
  /** A limiter on a clock of its own, and a way to send at a steady rate for a while. */
  function limiter() {
    let now = 1_000;
    const rateLimiter = new RateLimiter(() => now);
    return {
      rateLimiter,
      send(perSecond: number, seconds: number, throttled = false) {
        for (let i = 0; i < perSecond * seconds; i++) {
          now += 1 / perSecond;
          rateLimiter.record(throttled);
        }
      },
      /** Milliseconds between sends when many queue at once: 1000 / the refill rate. */
      spacing() {
        const waits = Array.from({ length: 60 }, () => rateLimiter.reserve());
        return waits[59]! - waits[58]!;
      },
    };
  }

  it("lets every attempt through until the service throttles", () => {
    const { rateLimiter, send } = limiter();
    send(10, 5);
    expect(Array.from({ length: 50 }, () => rateLimiter.reserve())).toEqual(Array(50).fill(0));
  });

  it("after a throttle at 10 sends a second, spaces sends at 70 % of that rate", () => {
    const { rateLimiter, send, spacing } = limiter();
    send(10, 5);
    rateLimiter.record(true);
    expect(spacing()).toBeCloseTo(1000 / 7, -1);
  });

  it("cuts again on the next throttle, and grows back along the curve while calls succeed", () => {
    const { rateLimiter, send, spacing } = limiter();
    send(10, 5);
    rateLimiter.record(true);
    rateLimiter.record(true);
    const afterTwo = spacing();
    expect(afterTwo).toBeCloseTo(1000 / 4.9, -1);
    send(10, 10);
    expect(spacing()).toBeLessThan(1000 / 7);
  });
});
