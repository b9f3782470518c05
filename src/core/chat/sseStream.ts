/**
 * Bytes → Server-Sent-Event `data` payloads.
 *
 * The network hands us chunks cut at arbitrary byte offsets: inside a UTF-8 sequence, between `\r` and `\n`,
 * in the middle of `data:`. A streaming `TextDecoder` keeps partial characters for the next chunk, and
 * `eventsource-parser` keeps partial lines, so every cut gives the same messages. Comment lines
 * (`: keep-alive`) are dropped here; they only exist to keep proxies from closing an idle connection.
 */
import { createParser } from 'eventsource-parser';

export async function* decodeSse(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const pending: string[] = [];
  const parser = createParser({
    onEvent: (message) => pending.push(message.data),
    // Unknown fields and bad `retry:` lines are ignored, as the SSE spec says a client must.
  });
  for await (const chunk of chunks) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    // Drain before reading on, so each payload is handed over as soon as its blank line arrives.
    while (pending.length > 0) yield pending.shift() as string;
  }
  // Flush a trailing partial character, and dispatch a last event whose closing blank line never came.
  parser.feed(`${decoder.decode()}\n\n`);
  while (pending.length > 0) yield pending.shift() as string;
}
