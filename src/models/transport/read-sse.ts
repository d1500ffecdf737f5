import { createParser } from 'eventsource-parser';
import { type ReadOptions, readChunks, tooLarge } from './read-chunks.js';

/** One SSE `data` payload; `atEnd` marks an event that was only completed by the end of the body. */
export interface SseData {
  data: string;
  atEnd: boolean;
  /** Lines so far that were not valid SSE (broken framing), as the parser reported them. */
  invalidLines: number;
}

/**
 * Reads a `text/event-stream` body and yields each event's data, parsed by `eventsource-parser`, whose
 * buffering is linear in the event's size (comments such as llama.cpp's pings are skipped). The body is read
 * within the response limits, and one event may not exceed `maxResponseBytes` either. When the body ends
 * without a final blank line, the pending event is still delivered, flagged `atEnd`, so a last
 * `data: [DONE]` without a trailing newline is not lost. When the parser met invalid lines, a last empty
 * item carries their count, so the caller can tell a broken stream from a cut one. Breaking out of the loop
 * cancels the body, which frees the connection.
 */
export async function* readSseData(
  body: ReadableStream<Uint8Array>,
  options: ReadOptions,
): AsyncGenerator<SseData> {
  const decoder = new TextDecoder();
  const queue: string[] = [];
  let invalidLines = 0;
  let overflow = false;
  const parser = createParser({
    onEvent: (event) => queue.push(event.data),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
      else invalidLines++;
    },
    maxBufferSize: options.limits.maxResponseBytes,
  });
  const feed = (text: string) => {
    parser.feed(text);
    if (overflow) throw tooLarge(options.what, options.limits.maxResponseBytes);
  };
  for await (const chunk of readChunks(body, options)) {
    feed(decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) yield { data: queue.shift() as string, atEnd: false, invalidLines };
  }
  feed(`${decoder.decode()}\n\n`);
  for (const data of queue) yield { data, atEnd: true, invalidLines };
  if (invalidLines > 0) yield { data: '', atEnd: true, invalidLines };
}
