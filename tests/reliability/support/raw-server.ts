/**
 * A raw node:http server on 127.0.0.1 that answers every request with whatever bytes the test sets: the
 * fuzzers feed arbitrary and mutated bodies to the real adapters through it. Nothing here parses anything.
 */

import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../../src/testing/listen-on-loopback.js';

/** One answer: status, content type and the body, written as separate chunks (with a flush between). */
export interface RawAnswer {
  status?: number;
  contentType?: string;
  chunks: readonly Uint8Array[];
  /** Destroy the socket after writing the chunks instead of ending the response cleanly. */
  destroy?: boolean;
  /** Wait this long before sending the headers. */
  delayMs?: number;
  /** Wait this long between chunks. */
  chunkDelayMs?: number;
  /** Keep the response open after the last chunk, until the client goes away. */
  hold?: boolean;
}

/** A running raw server; `answer` is used for every request until it is replaced. */
export interface RawServer {
  url: string;
  /** How many requests arrived. */
  readonly count: number;
  /** Requests whose response is neither finished nor closed by the client: what an abort must bring to 0. */
  readonly open: number;
  setAnswer(answer: RawAnswer): void;
  close(): Promise<void>;
}

/** Waits `ms`, or less when `signal` aborts; leaves no timer behind either way. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

async function write(response: ServerResponse, answer: RawAnswer, signal: AbortSignal): Promise<void> {
  if (answer.delayMs) await pause(answer.delayMs, signal);
  if (response.destroyed) return;
  response.writeHead(answer.status ?? 200, {
    'content-type': answer.contentType ?? 'text/event-stream',
  });
  for (const chunk of answer.chunks) {
    if (response.destroyed) return;
    response.write(chunk);
    // Let the chunk go out on its own, so the client sees the split points.
    if (answer.chunkDelayMs) await pause(answer.chunkDelayMs, signal);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  if (answer.hold) return;
  if (answer.destroy) response.destroy();
  else response.end();
}

/** Starts a raw server on 127.0.0.1, port 0. */
export async function startRawServer(): Promise<RawServer> {
  let answer: RawAnswer = { chunks: [] };
  let count = 0;
  let open = 0;
  const server = createServer((request, response) => {
    count++;
    open++;
    const gone = new AbortController();
    response.once('close', () => {
      open--;
      gone.abort();
    });
    const current = answer;
    request.resume();
    request.on('end', () => {
      write(response, current, gone.signal).catch(() => response.destroy());
    });
  });
  const origin = await listenOnLoopback(server);
  return {
    url: origin,
    get count() {
      return count;
    },
    get open() {
      return open;
    },
    setAnswer(next) {
      answer = next;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
