// A body is UTF-8 or it is refused: bad bytes anywhere, or a declaration of another encoding, are a
// DeserializationError, never a value with U+FFFD in it.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { GetAccessKeyInfoCommand, STSClient, STSServiceException } from "../generated/sts/index.js";
import { testCredentials } from "./support/capture.js";

const encoder = new TextEncoder();
/** Bytes of a document with `raw` (bytes) in place of the Account value. */
const withAccountBytes = (raw: number[], declaration = "") =>
  Uint8Array.from([
    ...encoder.encode(`${declaration}<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>`),
    ...raw,
    ...encoder.encode("</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>"),
  ]);
const withAccount = (account: string, declaration = "") => withAccountBytes([...encoder.encode(account)], declaration);
const ascii = (text: string) => [...encoder.encode(text)];

type Body = Uint8Array | (() => Readable);

function stsAnswering(status: number, body: Body) {
  return new STSClient({
    region: "us-east-1",
    credentials: testCredentials,
    maxAttempts: 1,
    requestHandler: {
      async handle() {
        return { response: { statusCode: status, headers: {}, body: typeof body === "function" ? body() : body } as any };
      },
    },
  });
}
const call = (status: number, body: Body) => stsAnswering(status, body).send(new GetAccessKeyInfoCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }));

describe("bodies that are not UTF-8 are a DeserializationError", () => {
  it.each([
    { name: "an invalid byte inside a value", status: 200, body: withAccountBytes([...ascii("1234"), 0xff, ...ascii("5678")]), message: /not valid UTF-8/ },
    { name: "a multi-byte sequence cut short", status: 200, body: withAccountBytes([...ascii("1234"), 0xc3]), message: /not valid UTF-8/ },
    { name: "an overlong encoding of '/'", status: 200, body: withAccountBytes([0xc0, 0xaf]), message: /not valid UTF-8/ },
    { name: "an encoded surrogate", status: 200, body: withAccountBytes([0xed, 0xa0, 0x80]), message: /not valid UTF-8/ },
    { name: "a UTF-16 body with its byte order mark", status: 200, body: Uint8Array.from([0xff, 0xfe, ...[...encoder.encode("<a/>")].flatMap((b) => [b, 0])]), message: /not valid UTF-8/ },
    { name: "an invalid byte in an error document's message", status: 400, body: encoder.encode("<ErrorResponse><Error><Code>X</Code><Message>bad \u0000</Message></Error></ErrorResponse>").map((b) => (b === 0 ? 0xfe : b)), message: /not valid UTF-8/ },
    { name: "an invalid byte in a streamed body", status: 200, body: () => Readable.from([withAccountBytes([0xff])]), message: /not valid UTF-8/ },
    { name: "a declared ISO-8859-1, even with ASCII content", status: 200, body: withAccount("123456789012", '<?xml version="1.0" encoding="ISO-8859-1"?>'), message: /declared encoding "ISO-8859-1" is not UTF-8/ },
    { name: "a declared windows-1252 in single quotes", status: 200, body: withAccount("123456789012", "<?xml version='1.0' encoding='windows-1252'?>"), message: /declared encoding "windows-1252" is not UTF-8/ },
  ])("$name", async ({ status, body, message }) => {
    const error = await call(status, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error).toMatchObject({ name: "DeserializationError", $metadata: { httpStatusCode: status } });
    expect((error as Error).message).toMatch(message);
  });
});

describe("UTF-8 bodies read exactly", () => {
  it.each([
    { name: "a declared UTF-8", body: withAccount("123456789012", '<?xml version="1.0" encoding="UTF-8"?>'), account: "123456789012" },
    { name: "a declared utf-8 in lower case", body: withAccount("123456789012", "<?xml version='1.0' encoding='utf-8'?>"), account: "123456789012" },
    { name: "no encoding declared", body: withAccount("123456789012", '<?xml version="1.0"?>'), account: "123456789012" },
    { name: "a byte order mark", body: Uint8Array.from([0xef, 0xbb, 0xbf, ...withAccount("123456789012")]), account: "123456789012" },
    { name: "two-, three- and four-byte characters", body: withAccount("é€😀"), account: "é€😀" },
    {
      name: "a stream whose chunks split a character",
      body: () => {
        const bytes = withAccount("1234é5678");
        const split = bytes.indexOf(0xc3) + 1;
        return Readable.from([bytes.slice(0, split), bytes.slice(split)]);
      },
      account: "1234é5678",
    },
  ])("$name", async ({ body, account }) => {
    expect(await call(200, body)).toMatchObject({ Account: account });
  });
});
