// Looking a header up whatever case it was stored in: the handler's response headers (the request id, Date) and the
// request's own (Content-Length) are read this way.
import { describe, expect, it } from "vitest";
import { header, headerKey } from "../src/http/headers.js";

const cases: Array<{ name: string; headers: Record<string, string> | undefined; sought: string; want: string | undefined }> = [
  { name: "stored as sought", headers: { "x-amz-id-2": "a", "content-type": "text/xml" }, sought: "x-amz-id-2", want: "x-amz-id-2" },
  { name: "stored in another case", headers: { "Content-Type": "text/xml", "X-Amz-Id-2": "a" }, sought: "x-amz-id-2", want: "X-Amz-Id-2" },
  { name: "sought in another case", headers: { "content-length": "5" }, sought: "Content-Length", want: "content-length" },
  { name: "absent, with keys of other lengths", headers: { "x-amz-id-22": "a", "x-amz-id": "b" }, sought: "x-amz-id-2", want: undefined },
  { name: "absent, with a key of the same length", headers: { "x-amz-id-3": "a" }, sought: "x-amz-id-2", want: undefined },
  { name: "a key whose lower case is the name (Kelvin sign)", headers: { "\u212Aey": "v" }, sought: "key", want: "\u212Aey" },
  { name: "a key with İ, longer in lower case", headers: { "İd": "v" }, sought: "id", want: undefined },
  { name: "no headers", headers: undefined, sought: "date", want: undefined },
];

describe("headerKey and header find a header whatever its case", () => {
  it.each(cases)("$name", ({ headers, sought, want }) => {
    expect(headerKey(headers, sought)).toBe(want);
    expect(header(headers, sought)).toBe(want === undefined ? undefined : headers![want]);
  });
});
