/** Responses larger than this are refused: AWS's answers to these calls are a few kilobytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** A body that is refused rather than read: too large, or not UTF-8. */
export class UnreadableBodyError extends Error {
  override readonly name = "UnreadableBodyError";

  constructor(
    /** The name of the service error it becomes. */
    readonly errorName: "ResponseTooLarge" | "DeserializationError",
    message: string,
  ) {
    super(message);
  }
}

type Body = string | Uint8Array | ArrayBuffer | AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array> | Blob | null | undefined;

/**
 * Reads a response body of any form a smithy handler may return (Node stream, web stream, bytes, string) into
 * text, refusing more than `limit` bytes (stopping the stream as soon as the limit is passed) and bytes that are not
 * UTF-8.
 */
export async function readBodyText(body: unknown, limit = MAX_RESPONSE_BYTES): Promise<string> {
  const value = body as Body;
  if (value === undefined || value === null) return "";
  if (typeof value === "string") {
    if (value.length > limit) throw tooLarge(limit);
    return value;
  }
  if (value instanceof Uint8Array) return decode(checkedBytes(value, limit));
  if (value instanceof ArrayBuffer) return decode(checkedBytes(new Uint8Array(value), limit));
  if (typeof Blob !== "undefined" && value instanceof Blob) {
    if (value.size > limit) throw tooLarge(limit);
    return decode(new Uint8Array(await value.arrayBuffer()));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = isWebStream(value) ? webStreamChunks(value) : (value as AsyncIterable<Uint8Array | string>);
  const iterator = reader[Symbol.asyncIterator]();
  try {
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      const chunk = typeof step.value === "string" ? new TextEncoder().encode(step.value) : step.value;
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    await iterator.return?.();
    (value as { destroy?: (error?: Error) => void }).destroy?.();
    throw error;
  }
  return decode(concat(chunks, size));
}

function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream | undefined)?.getReader === "function" && !(Symbol.asyncIterator in (value as object));
}

async function* webStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let step = await reader.read(); !step.done; step = await reader.read()) yield step.value;
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// Fatal: a U+FFFD put in place of bad bytes would pass as data, a secret with one character changed, say.
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UnreadableBodyError("DeserializationError", "the response body is not valid UTF-8");
  }
}

function checkedBytes(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.byteLength > limit) throw tooLarge(limit);
  return bytes;
}

function tooLarge(limit: number): UnreadableBodyError {
  return new UnreadableBodyError("ResponseTooLarge", `response body exceeds ${limit} bytes`);
}
