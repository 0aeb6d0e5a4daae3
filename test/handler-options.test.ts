// The options v3's request handlers take, given as a client's `requestHandler`: each honoured as v3 honours it (both
// SDKs run side by side against the same local server), the other platform's without effect, any other refused.
import { STSClient as V3STSClient, GetAccessKeyInfoCommand as V3GetAccessKeyInfo } from "@aws-sdk/client-sts";
import { FetchHttpHandler as V3FetchHttpHandler } from "@smithy/fetch-http-handler";
import { NodeHttpHandler as SmithyNodeHttpHandler } from "@smithy/node-http-handler";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetAccessKeyInfoCommand, STSClient } from "../generated/sts/index.js";
import { FetchHttpHandler } from "../src/http/fetch-handler.js";
import { testCredentials } from "./support/capture.js";

const ANSWER = "<GetAccessKeyInfoResponse><GetAccessKeyInfoResult><Account>123456789012</Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>";
const input = { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" };

/** How the server answers a request: at once, or as the test's `answer` says. */
let answer: (response: ServerResponse, request: IncomingMessage) => void;
let endpoint: string;
let received = 0;
const server = createServer((request, response) => {
  received += 1;
  request.resume();
  answer(response, request);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
const answerAtOnce = (response: ServerResponse) => response.writeHead(200, { "content-type": "text/xml" }).end(ANSWER);

type Options = Record<string, unknown>;
const base = { region: "us-east-1", credentials: testCredentials, maxAttempts: 1 };
const clients = {
  keysmith: (requestHandler: Options | FetchHttpHandler) => {
    const client = new STSClient({ ...base, endpoint, requestHandler: requestHandler as never });
    return { call: () => client.send(new GetAccessKeyInfoCommand(input)), destroy: () => client.destroy() };
  },
  v3: (requestHandler: Options | V3FetchHttpHandler) => {
    const client = new V3STSClient({ ...base, endpoint, requestHandler: requestHandler as never });
    return { call: () => client.send(new V3GetAccessKeyInfo(input)), destroy: () => client.destroy() };
  },
};

describe("option names", () => {
  it.each([
    { given: { requestTimeOut: 5_000 }, refused: /"requestTimeOut" is not an option of a request handler/ },
    { given: { timeout: 5_000 }, refused: /"timeout" is not an option of a request handler/ },
    { given: { throwOnRequestTimeout: false }, refused: /throwOnRequestTimeout: false is not supported: keysmith always ends an attempt/ },
    { given: { socketTimeout: -1 }, refused: /socketTimeout must be a number of milliseconds/ },
    { given: async () => ({ requestTimeout: 5_000 }), refused: /requestHandler must be a handler \(an object with handle\(\)\) or its options \(got a function\)/ },
    { given: { socketAcquisitionWarningTimeout: "1s" }, refused: /socketAcquisitionWarningTimeout must be a number of milliseconds .* \(got "1s"\)/ },
  ])("refuses %o when the client is made, naming the option, with nothing sent", ({ given, refused }) => {
    const before = received;
    expect(() => clients.keysmith(given as Options)).toThrow(refused);
    expect(received).toBe(before);
  });

  it("refuses a name neither handler has in the fetch handler too", () => {
    expect(() => new FetchHttpHandler({ keepalive: true } as never)).toThrow(/"keepalive" is not an option of a request handler/);
  });

  // Code shared by a server and a page passes both handlers' options to either, as v3 lets it.
  it.each(Object.keys(clients) as (keyof typeof clients)[])("%s: the fetch handler's options have no effect on the Node handler", async (sdk) => {
    answer = answerAtOnce;
    const client = clients[sdk]({ requestTimeout: 5_000, keepAlive: true, credentials: "include", cache: "no-store", throwOnRequestTimeout: true });
    expect((await client.call()).Account).toBe("123456789012");
    client.destroy();
  });
});

describe("the Node handler's socketTimeout", () => {
  it.each(Object.keys(clients) as (keyof typeof clients)[])("%s: a body that stalls for longer ends the call in a TimeoutError, well before requestTimeout", async (sdk) => {
    answer = (response) => response.writeHead(200, { "content-type": "text/xml" }).write(ANSWER.slice(0, 40));
    const client = clients[sdk]({ socketTimeout: 200, requestTimeout: 20_000 });
    const started = Date.now();
    const error = (await client.call().catch((caught: unknown) => caught)) as Error;
    expect(error.name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(5_000);
    client.destroy();
  });

  it("does not end a call on a pooled connection that sat idle between calls", async () => {
    answer = answerAtOnce;
    const client = clients.keysmith({ socketTimeout: 500 });
    await client.call();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await client.call()).Account).toBe("123456789012");
    client.destroy();
  });
});

describe("the Node handler's socketAcquisitionWarningTimeout", () => {
  it.each(Object.keys(clients) as (keyof typeof clients)[])(
    "%s: warns the handler's logger once when every socket is busy and twice as many calls wait",
    async (sdk) => {
      answer = (response) => setTimeout(() => answerAtOnce(response), 400);
      const warnings: string[] = [];
      const logger = { debug() {}, info() {}, warn: (message: string) => warnings.push(message), error() {} };
      const client = clients[sdk]({ socketAcquisitionWarningTimeout: 100, logger, httpAgent: { maxSockets: 1 } });
      // One socket: each call holds it for 400 ms, the first while three wait, the second while two do.
      await Promise.all(Array.from({ length: 4 }, () => client.call()));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/\b1\b.*\b3\b/);
      client.destroy();
    },
  );
});

describe("the fetch handler's options", () => {
  /** What each SDK's fetch handler asked the fetch given as customFetch for, read as a Request. */
  async function fetched(sdk: keyof typeof clients, options: Options): Promise<Request> {
    answer = answerAtOnce;
    const asked: Request[] = [];
    // v3 hands it a Request, keysmith a URL and an init: either read as the Request fetch would make. A Request made
    // from a Request loses its referrerPolicy on Node 24, so a Request alone is read as it is.
    const customFetch = (resource: RequestInfo | URL, init?: RequestInit) => {
      asked.push(resource instanceof Request && init === undefined ? resource.clone() : new Request(resource instanceof Request ? resource.clone() : resource, init));
      return fetch(resource, init);
    };
    const client = sdk === "keysmith" ? clients.keysmith(new FetchHttpHandler({ ...options, customFetch })) : clients.v3(new V3FetchHttpHandler({ ...options, customFetch }));
    expect((await client.call()).Account).toBe("123456789012");
    return asked[0]!;
  }

  it.each(Object.keys(clients) as (keyof typeof clients)[])("%s: customFetch is called, with keepAlive, credentials, cache and requestInit in its init", async (sdk) => {
    const request = await fetched(sdk, {
      keepAlive: true,
      credentials: "omit",
      cache: "no-store",
      requestInit: () => ({ referrerPolicy: "no-referrer" }),
    });
    expect([request.keepalive, request.credentials, request.cache, request.referrerPolicy]).toEqual([true, "omit", "no-store", "no-referrer"]);
  });
});

// v3 code often builds its handler itself: `requestHandler: new NodeHttpHandler({ requestTimeout, httpsAgent })`.
describe("smithy's NodeHttpHandler, as v3 code builds it, given to either SDK", () => {
  it.each(Object.keys(clients) as (keyof typeof clients)[])("%s: it carries the call, and ends a silent answer at its requestTimeout in its TimeoutError", async (sdk) => {
    const client = clients[sdk](new SmithyNodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }) as never);
    try {
      answer = answerAtOnce;
      expect((await client.call()).Account).toBe("123456789012");
      answer = () => {};
      const started = Date.now();
      await expect(client.call()).rejects.toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT", message: expect.stringMatching(/300 ms requestTimeout/) });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.destroy();
    }
  });
});

describe("requestHandler: null", () => {
  it.each(Object.keys(clients) as (keyof typeof clients)[])("%s: the default handler, as if none was given", async (sdk) => {
    answer = answerAtOnce;
    const client = clients[sdk](null as never);
    try {
      expect((await client.call()).Account).toBe("123456789012");
    } finally {
      client.destroy();
    }
  });
});
