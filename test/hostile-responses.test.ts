// Hostile or broken responses end in a typed error, quickly, in bounded memory, with no prototype touched.
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { CreateAccessKeyCommand, IAMClient, IAMServiceException, UpdateAccessKeyCommand } from "../generated/iam/index.js";
import { testCredentials } from "./support/capture.js";

type Body = string | Uint8Array | (() => Readable);

interface Case {
  name: string;
  status: number;
  body: Body;
  /** The error's name: the wire code when the document is an error envelope, else what keysmith calls the failure. */
  want: string;
}

const deep = (depth: number) => `<CreateAccessKeyResponse><CreateAccessKeyResult>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</CreateAccessKeyResult></CreateAccessKeyResponse>`;
const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]><CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>&lol9;</UserName></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`;
const externalEntity = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>&xxe;</UserName></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`;
const bigStream = () => Readable.from((function* () {
  const chunk = new TextEncoder().encode("<x>".padEnd(64 * 1024, " "));
  for (let i = 0; i < 80; i++) yield chunk; // 5 MiB
})());

const cases: Case[] = [
  { name: "billion laughs (entity expansion)", status: 200, body: laughs, want: "DeserializationError" },
  { name: "external entity", status: 200, body: externalEntity, want: "DeserializationError" },
  { name: "a 5 MB body, streamed", status: 200, body: bigStream, want: "ResponseTooLarge" },
  { name: "a 5 MB body, in one piece", status: 200, body: "<a>".padEnd(5 * 1024 * 1024, "a"), want: "ResponseTooLarge" },
  { name: "20,000-deep nesting", status: 200, body: deep(20_000), want: "DeserializationError" },
  { name: "__proto__ element", status: 200, body: `<CreateAccessKeyResponse><CreateAccessKeyResult><__proto__><polluted>yes</polluted></__proto__><AccessKey><UserName>u</UserName></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`, want: "DeserializationError" },
  { name: "constructor and prototype elements", status: 200, body: `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><constructor><prototype><polluted>yes</polluted></prototype></constructor></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`, want: "DeserializationError" },
  { name: "__proto__ in an error envelope", status: 400, body: `<ErrorResponse><Error><__proto__><polluted>yes</polluted></__proto__><Code>Throttling</Code></Error></ErrorResponse>`, want: "UnknownError" },
  { name: "invalid UTF-8 inside the markup", status: 200, body: new Uint8Array([0x3c, 0xff, 0xfe, 0x3e, 0x3c, 0x2f, 0xc3, 0x28, 0x3e]), want: "DeserializationError" },
  { name: "an HTML 502 page from a proxy", status: 502, body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", want: "InternalServerError" },
  { name: "an HTML page with status 200", status: 200, body: "<!DOCTYPE html><html><body>captive portal</body></html>", want: "DeserializationError" },
  { name: "truncated XML", status: 200, body: "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>Bob</User", want: "DeserializationError" },
  { name: "mismatched tags", status: 200, body: "<CreateAccessKeyResponse><CreateAccessKeyResult></AccessKey></CreateAccessKeyResponse>", want: "DeserializationError" },
  { name: "an empty 200 body", status: 200, body: "", want: "DeserializationError" },
  { name: "a 200 with the wrong root element", status: 200, body: "<UpdateAccessKeyResponse><ResponseMetadata/></UpdateAccessKeyResponse>", want: "DeserializationError" },
  { name: "two root elements", status: 200, body: "<CreateAccessKeyResponse/><CreateAccessKeyResponse/>", want: "DeserializationError" },
  { name: "a value where a structure belongs, repeated", status: 200, body: "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>a</UserName><UserName>b</UserName></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>", want: "DeserializationError" },
  { name: "a bad timestamp", status: 200, body: "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><CreateDate>yesterday</CreateDate></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>", want: "DeserializationError" },
  ...["+99:00", "-00:61", "+24:00"].map((offset) => ({
    name: `a timestamp offset of ${offset}, which no clock has`,
    status: 200,
    body: `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><CreateDate>2026-11-23T10:00:00${offset}</CreateDate></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`,
    want: "DeserializationError",
  })),
  { name: "a 500 with a non-XML body", status: 500, body: "Internal Server Error", want: "InternalServerError" },
  { name: "a 503 with an empty body", status: 503, body: "", want: "ServiceUnavailable" },
  { name: "a 400 error envelope without a code", status: 400, body: "<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>", want: "UnknownError" },
  { name: "a 403 JSON body", status: 403, body: '{"message":"Forbidden"}', want: "UnknownError" },
  { name: "binary noise", status: 200, body: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), want: "DeserializationError" },
];

// Each case's outcome, recorded before it is asserted, so the summary counts what happened, failures included.
const handledWithTypedError: boolean[] = [];
afterAll(() => console.log(`hostile responses: ${handledWithTypedError.filter(Boolean).length}/${handledWithTypedError.length} handled with a typed error`));

function clientAnswering(status: number, body: Body) {
  return new IAMClient({
    region: "us-east-1",
    credentials: testCredentials,
    maxAttempts: 1,
    requestHandler: {
      async handle() {
        return { response: { statusCode: status, headers: { "x-amzn-requestid": "hostile-1" }, body: typeof body === "function" ? body() : body } as any };
      },
    },
  });
}

describe("hostile and broken responses", () => {
  it.each(cases)("$name → $want", async ({ status, body, want }) => {
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const error = await clientAnswering(status, body).send(new CreateAccessKeyCommand({ UserName: "bob" })).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    handledWithTypedError.push(error instanceof IAMServiceException && error.name === want && elapsed < 2_000 && !Object.hasOwn(Object.prototype, "polluted"));
    expect(error).toBeInstanceOf(IAMServiceException);
    expect(error).toMatchObject({ name: want, $metadata: { httpStatusCode: status, requestId: "hostile-1", attempts: 1 } });
    expect(elapsed).toBeLessThan(2_000);
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("an envelope of the right shape still maps by code after the noise above", async () => {
    const error = await clientAnswering(404, "<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>m</Message></Error></ErrorResponse>")
      .send(new UpdateAccessKeyCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active" }))
      .catch((e) => e);
    expect(error.name).toBe("NoSuchEntityException");
  });
});
