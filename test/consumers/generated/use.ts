// A client a user generated with the packed keysmith-codegen (from pages.json, into ./pages), importing
// keysmith/runtime: its paginator pages, and its waiter polls, through a handler that answers from memory. Prints
// what it read and sent, and how the wait ended.
import { ListThingsCommand, PagesClient, paginateListThings, waitUntilThingListed } from "./pages/index.js";

const pages = [
  { things: ["a", "b"], marker: "m1" },
  { things: ["c"], marker: undefined },
];
const sent: string[] = [];
const requestHandler = {
  async handle(request: { body?: unknown }) {
    sent.push(String(request.body));
    const { things, marker } = pages[sent.length - 1]!;
    const members = things.map((thing) => `<member>${thing}</member>`).join("");
    const body = `<ListThingsResponse><ListThingsResult><Things>${members}</Things>${marker ? `<Marker>${marker}</Marker>` : ""}</ListThingsResult></ListThingsResponse>`;
    return { response: { statusCode: 200, headers: {}, body: new TextEncoder().encode(body) } };
  },
};

const client = new PagesClient({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, requestHandler });
const read: string[] = [];
for await (const page of paginateListThings({ client, pageSize: 2 }, {})) read.push(...(page.Things ?? []));
const paged = sent.splice(0);
// The pages again, a call each, until one lists "c".
const waited = await waitUntilThingListed({ client, maxWaitTime: 5, minDelay: 0.01, maxDelay: 0.02 }, {});
console.log(JSON.stringify({ read, sent: paged, waited: { state: waited.state, things: waited.reason?.Things, calls: sent.length }, command: typeof ListThingsCommand }));
