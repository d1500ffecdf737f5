import { createParser } from 'eventsource-parser';

/** One SSE `data` payload; `atEnd` marks an event that was only completed by the end of the body. */
export interface SseData {
  data: string;
  atEnd: boolean;
  /** Lines so far that were not valid SSE (broken framing), as the parser reported them. */
  invalidLines: number;
}

/**
 * Reads a `text/event-stream` body and yields each event's data, parsed by `eventsource-parser` (comments
 * such as llama.cpp's pings are skipped by the parser). When the body ends without a final blank line, the
 * pending event is still delivered, flagged `atEnd`, so a last `data: [DONE]` without a trailing newline is
 * not lost. When the parser met invalid lines, a last empty item carries their count, so the caller can tell a
 * broken stream from a cut one. Breaking out of the loop cancels the body, which frees the connection.
 */
export async function* readSseData(body: ReadableStream<Uint8Array>): AsyncGenerator<SseData> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: string[] = [];
  let invalidLines = 0;
  const parser = createParser({
    onEvent: (event) => queue.push(event.data),
    onError: () => {
      invalidLines++;
    },
  });
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        parser.feed(`${decoder.decode()}\n\n`);
        finished = true;
        for (const data of queue) yield { data, atEnd: true, invalidLines };
        if (invalidLines > 0) yield { data: '', atEnd: true, invalidLines };
        return;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length > 0) yield { data: queue.shift() as string, atEnd: false, invalidLines };
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}
