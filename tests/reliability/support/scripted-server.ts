/**
 * A node:http server on 127.0.0.1 whose every answer is written by a test's own function (headers, bytes,
 * pauses, a response left open), for the limits the transport enforces once a response has started.
 */
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../../src/testing/listen-on-loopback.js';

/** A running scripted server. */
export interface ScriptedServer {
  url: string;
  /** Requests received since the start. */
  readonly count: number;
  answer(handler: (response: ServerResponse) => void | Promise<void>): void;
  close(): Promise<void>;
}

/** Starts a server; until `answer` is called every request gets a 404. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  let handler: (response: ServerResponse) => void | Promise<void> = (response) => {
    response.writeHead(404).end();
  };
  let count = 0;
  const server = createServer((request, response) => {
    count++;
    request.resume();
    request.on('end', () => {
      Promise.resolve(handler(response)).catch(() => response.destroy());
    });
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    get count() {
      return count;
    },
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One Mistral/OpenAI-style stream chunk carrying `text`, as an SSE event. */
export function sseTextEvent(text: string, finish?: string): string {
  const chunk = {
    id: 'cmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'mistral-small-latest',
    choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: finish ?? null }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
