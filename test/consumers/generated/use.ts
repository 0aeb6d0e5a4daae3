// A client a user generated with the packed keysmith-codegen (from pages.json, into ./pages), importing
// keysmith/runtime: its paginator pages through a handler that answers from memory. Prints what it read and sent.
import { ListThingsCommand, PagesClient, paginateListThings } from "./pages/index.js";

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
console.log(JSON.stringify({ read, sent, command: typeof ListThingsCommand }));
